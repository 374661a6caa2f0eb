package com.starrymeet.search.query;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.starrymeet.common.catalog.CatalogFilter;
import com.starrymeet.common.web.ValidationFailed;
import com.starrymeet.search.index.CelebrityIndex;
import com.starrymeet.search.testdata.CelebrityBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.starrymeet.search.testdata.CelebrityBuilder.ACTORS;
import static com.starrymeet.search.testdata.CelebrityBuilder.ATHLETES;
import static com.starrymeet.search.testdata.CelebrityBuilder.MUSICIANS;
import static com.starrymeet.search.testdata.CelebrityBuilder.celebrity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Search behaviour on a real Lucene index with a known fixture set, without Spring: typos, accents, prefixes,
 * boosts, every filter and sort, facet counts, validation and paging.
 */
class CelebritySearchTest {

	@TempDir
	static Path directory;

	static CelebrityIndex index;

	static CelebritySearch search;

	@BeforeAll
	static void fixtures() {
		index = new CelebrityIndex(directory.resolve("index"));
		search = new CelebritySearch(index);
		upsert(celebrity("Emma Watson").category(ACTORS).bio("British actress and activist.").price(15_000).price(25_000)
			.in("Los Angeles", "USA").rating(4.9).bookings(450).createdAt(Instant.parse("2024-01-01T00:00:00Z")));
		upsert(celebrity("Emma Stone").category(ACTORS).bio("American actress.").price(50_000).in("Los Angeles", "USA")
			.rating(4.6).bookings(300).createdAt(Instant.parse("2025-03-01T00:00:00Z")));
		upsert(celebrity("Beyoncé").username("queenb").category(MUSICIANS).profession("Singer").price(120_000)
			.in("New York", "USA").rating(4.8).bookings(900).createdAt(Instant.parse("2023-01-01T00:00:00Z")));
		upsert(celebrity("José González").category(MUSICIANS).profession("Singer-songwriter").price(8_000)
			.in("Madrid", "Spain").rating(3.5).bookings(50).createdAt(Instant.parse("2025-06-01T00:00:00Z")));
		upsert(celebrity("Mark Hill").category(ATHLETES).profession("Podcaster").bio("Huge fan of Emma Watson movies")
			.price(20_000).in("London", "UK").rating(4.2).bookings(5));
		var messi = celebrity("Lionel Messi").category(ATHLETES).profession("Footballer").price(300_000).rating(5.0)
			.bookings(1000).createdAt(Instant.parse("2022-01-01T00:00:00Z"));
		upsert(messi);
		index.applyAvailability(CelebrityBuilder.availability(messi.id(), "Paris", "France", LocalDate.of(2030, 2, 1)), 1);
		upsert(celebrity("Jose Ramirez").category(ATHLETES).profession("Boxer").price(40_000).in("Madrid", "Spain")
			.rating(4.0).bookings(20));
		upsert(celebrity("Tom Noprice").category(ACTORS).inactivePrice(1_000).rating(3.0).bookings(0)
			.createdAt(Instant.parse("2025-12-01T00:00:00Z")));
		// never public
		upsert(celebrity("Emma Hidden").verified(false).price(10_000).in("Los Angeles", "USA").bookings(5000));
		upsert(celebrity("Emma Inactive").active(false).price(10_000).in("Los Angeles", "USA").bookings(5000));
	}

	@AfterAll
	static void close() throws Exception {
		index.close();
	}

	static void upsert(CelebrityBuilder builder) {
		assertThat(index.applyUpsert(builder.build(), 1)).isTrue();
	}

	// ---- text

	@Test
	void typosAreTolerated() {
		assertThat(names(q("emma watsn")).getFirst()).isEqualTo("Emma Watson");
		assertThat(names(q("beyonse"))).containsExactly("Beyoncé");
		assertThat(names(q("lionel mesi")).getFirst()).isEqualTo("Lionel Messi");
	}

	@Test
	void fuzzinessFollowsAutoRules() {
		assertThat(CelebrityQueries.autoEdits("em")).isZero();
		assertThat(CelebrityQueries.autoEdits("emma")).isEqualTo(1);
		assertThat(CelebrityQueries.autoEdits("watson")).isEqualTo(2);
		// two edits in a five-letter term are too many: "emxxa" is not Emma
		assertThat(names(q("emxxa"))).isEmpty();
		// one edit in a five-letter term is fine
		assertThat(names(q("stome"))).containsExactly("Emma Stone");
	}

	@Test
	void accentsAreIgnoredBothWays() {
		assertThat(names(q("beyonce"))).containsExactly("Beyoncé");
		assertThat(names(q("BEYONCÉ"))).containsExactly("Beyoncé");
		assertThat(names(q("jose"))).containsExactlyInAnyOrder("José González", "Jose Ramirez");
		assertThat(names(q("José"))).containsExactlyInAnyOrder("José González", "Jose Ramirez");
		assertThat(names(q("gonzalez"))).containsExactly("José González");
	}

	@Test
	void lastTermIsAPrefix() {
		assertThat(names(q("em"))).containsExactlyInAnyOrder("Emma Watson", "Emma Stone");
		assertThat(names(q("emma wat")).getFirst()).isEqualTo("Emma Watson");
		assertThat(names(q("queen"))).containsExactly("Beyoncé"); // username prefix
	}

	@Test
	void displayNameMatchRanksAboveBioOnlyMatch() {
		assertThat(names(q("watson"))).containsExactly("Emma Watson", "Mark Hill");
	}

	@Test
	void searchesProfessionAndCategoryToo() {
		assertThat(names(q("footballer"))).containsExactly("Lionel Messi");
		assertThat(names(q("musicians"))).containsExactlyInAnyOrder("Beyoncé", "José González");
	}

	@Test
	void nonPublicCelebritiesAreNeverReturned() {
		assertThat(names(q("emma"))).doesNotContain("Emma Hidden", "Emma Inactive");
		assertThat(search.suggest("emma").stream().map(Suggestion::displayName)).doesNotContain("Emma Hidden", "Emma Inactive");
		assertThat(search.search(criteria(), false).pagination().total()).isEqualTo(8);
	}

	// ---- suggestions

	@Test
	void suggestionsArePrefixAccentAndTypoTolerant() {
		assertThat(suggest("em")).containsExactly("Emma Watson", "Emma Stone"); // by popularity
		assertThat(suggest("emma wats")).containsExactly("Emma Watson");
		assertThat(suggest("bey")).containsExactly("Beyoncé");
		assertThat(suggest("beyonse")).containsExactly("Beyoncé");
		assertThat(suggest("emma watsn")).containsExactly("Emma Watson");
		assertThat(suggest("JOSÉ")).containsExactlyInAnyOrder("José González", "Jose Ramirez");
		assertThat(suggest("")).isEmpty();
		assertThat(suggest("zzzz")).isEmpty();
	}

	// ---- filters

	@Test
	void filtersByCategorySlugOrId() {
		assertThat(names(filter(c -> c.category = "musicians"))).containsExactlyInAnyOrder("Beyoncé", "José González");
		assertThat(names(filter(c -> c.category = MUSICIANS.id().toString()))).containsExactlyInAnyOrder("Beyoncé",
				"José González");
	}

	@Test
	void filtersByCityCountryAndAvailableDate() {
		assertThat(names(filter(c -> c.city = "los angeles"))).containsExactlyInAnyOrder("Emma Watson", "Emma Stone");
		assertThat(names(filter(c -> c.country = "Spain"))).containsExactlyInAnyOrder("José González", "Jose Ramirez");
		// Messi's city comes from AvailabilityChanged, not the snapshot
		assertThat(names(filter(c -> c.city = "Paris"))).containsExactly("Lionel Messi");
		assertThat(names(filter(c -> c.availableDate = LocalDate.of(2030, 2, 1)))).containsExactly("Lionel Messi");
		assertThat(names(filter(c -> c.availableDate = LocalDate.of(2030, 2, 2)))).isEmpty();
	}

	@Test
	void pricesAreDollarsInTheApiAndCentsInTheIndex() {
		assertThat(names(filter(c -> {
			c.minPrice = new BigDecimal("100");
			c.maxPrice = new BigDecimal("250");
		}))).containsExactlyInAnyOrder("Emma Watson", "Mark Hill");
		// lowest active price: Emma Watson's 150.00 (her 250.00 type does not count)
		assertThat(names(filter(c -> c.minPrice = new BigDecimal("150")))).contains("Emma Watson");
		assertThat(names(filter(c -> c.minPrice = new BigDecimal("150.01")))).doesNotContain("Emma Watson");
		assertThat(names(filter(c -> c.maxPrice = new BigDecimal("149.99")))).containsExactly("José González");
		// an inactive meeting type is not a price: Tom has none
		assertThat(names(filter(c -> c.maxPrice = new BigDecimal("1000000")))).doesNotContain("Tom Noprice");
		var page = search.search(q("emma watson"), false);
		assertThat(page.celebrities().getFirst().lowestPrice())
			.isEqualTo(new CelebritySummary.Price(15_000, "USD", "$150.00"));
	}

	@Test
	void filtersByMinimumRatingAndVerified() {
		assertThat(names(filter(c -> c.minRating = 4.8))).containsExactlyInAnyOrder("Emma Watson", "Beyoncé", "Lionel Messi");
		assertThat(names(filter(c -> c.verified = true))).hasSize(8);
		assertThat(names(filter(c -> c.verified = false))).isEmpty();
	}

	@Test
	void filtersCombineWithText() {
		assertThat(names(filter(c -> {
			c.q = "emma";
			c.city = "Los Angeles";
			c.minRating = 4.7;
		}))).containsExactly("Emma Watson");
	}

	// ---- sorts

	@Test
	void sortsByPriceRatingPopularityAndNewest() {
		assertThat(names(sorted("price"))).containsExactly("José González", "Emma Watson", "Mark Hill", "Jose Ramirez",
				"Emma Stone", "Beyoncé", "Lionel Messi", "Tom Noprice");
		assertThat(names(sorted("price_desc")).subList(0, 2)).containsExactly("Lionel Messi", "Beyoncé");
		assertThat(names(sorted("price_desc")).getLast()).isEqualTo("Tom Noprice");
		assertThat(names(sorted("rating")).subList(0, 3)).containsExactly("Lionel Messi", "Emma Watson", "Beyoncé");
		assertThat(names(sorted("popularity")).subList(0, 3)).containsExactly("Lionel Messi", "Beyoncé", "Emma Watson");
		assertThat(names(sorted("newest")).subList(0, 3)).containsExactly("Tom Noprice", "José González", "Emma Stone");
		assertThat(names(sorted(null)).getFirst()).isEqualTo("Lionel Messi"); // no text: popularity
		assertThatThrownBy(() -> search.search(sorted("loudest"), false)).isInstanceOf(ValidationFailed.class);
	}

	// ---- facets

	@Test
	void facetsCountEveryMatch() {
		var results = search.search(filter(c -> c.limit = 1), true);
		assertThat(results.celebrities()).hasSize(1);
		var facets = results.facets();
		assertThat(facets).isNotNull();
		assertThat(facets.categories()).containsExactly(new SearchResults.CategoryCount("actors", "Actors & Actresses", 3),
				new SearchResults.CategoryCount("athletes", "Athletes", 3),
				new SearchResults.CategoryCount("musicians", "Musicians", 2));
		assertThat(facets.cities()).containsExactly(new SearchResults.CityCount("Los Angeles", "USA", 2),
				new SearchResults.CityCount("Madrid", "Spain", 2), new SearchResults.CityCount("London", "UK", 1),
				new SearchResults.CityCount("New York", "USA", 1), new SearchResults.CityCount("Paris", "France", 1));
		assertThat(facets.prices()).extracting(SearchResults.Bucket::key, SearchResults.Bucket::count)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("under-100", 1L),
					org.assertj.core.groups.Tuple.tuple("100-250", 2L), org.assertj.core.groups.Tuple.tuple("250-500", 1L),
					org.assertj.core.groups.Tuple.tuple("500-1000", 1L), org.assertj.core.groups.Tuple.tuple("1000-plus", 2L));
		assertThat(facets.ratings()).extracting(SearchResults.Bucket::key, SearchResults.Bucket::count)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("4.5+", 4L), org.assertj.core.groups.Tuple.tuple("4.0+", 6L),
					org.assertj.core.groups.Tuple.tuple("3.0+", 8L));

		var musicians = search.search(filter(c -> c.category = "musicians"), true).facets();
		assertThat(musicians.categories()).containsExactly(new SearchResults.CategoryCount("musicians", "Musicians", 2));
		assertThat(musicians.cities()).extracting(SearchResults.CityCount::city).containsExactly("Madrid", "New York");
	}

	// ---- paging and limits

	@Test
	void pagesAndRejectsAbusiveRequests() {
		var second = search.search(filter(c -> {
			c.sort = "popularity";
			c.page = 2;
			c.limit = 3;
		}), false);
		assertThat(names(second)).containsExactly("Emma Stone", "José González", "Jose Ramirez");
		assertThat(second.pagination().totalPages()).isEqualTo(3);

		var farAway = search.search(filter(c -> c.page = 9999), false);
		assertThat(farAway.celebrities()).isEmpty();
		assertThat(farAway.pagination().total()).isEqualTo(8);

		assertThatThrownBy(() -> search.search(filter(c -> c.limit = 101), false)).isInstanceOfSatisfying(
				ValidationFailed.class, ex -> assertThat(ex.errors()).extracting(e -> e.field()).containsExactly("limit"));
		assertThatThrownBy(() -> search.search(q("a".repeat(201)), false)).isInstanceOfSatisfying(ValidationFailed.class,
				ex -> assertThat(ex.errors()).extracting(e -> e.field()).containsExactly("q"));
		assertThatThrownBy(() -> search.suggest("a".repeat(201))).isInstanceOf(ValidationFailed.class);
		assertThat(search.search(q("a".repeat(200)), false).celebrities()).isNotNull();
		assertThatThrownBy(() -> search.search(filter(c -> {
			c.minPrice = new BigDecimal("500");
			c.maxPrice = new BigDecimal("100");
		}), false)).isInstanceOf(ValidationFailed.class);
	}

	@Test
	void appliedFiltersEchoTheRequest() {
		var results = search.search(filter(c -> {
			c.category = "actors";
			c.city = "Los Angeles";
			c.minPrice = new BigDecimal("50");
			c.maxPrice = new BigDecimal("500");
		}), false);
		assertThat(results.appliedFilters()).isEqualTo(Map.of("category", "actors", "city", "Los Angeles", "minPrice",
				new BigDecimal("50"), "maxPrice", new BigDecimal("500")));
	}

	// ---- helpers

	static final class Criteria {

		@Nullable String q;

		@Nullable String category;

		@Nullable String city;

		@Nullable String country;

		@Nullable BigDecimal minPrice;

		@Nullable BigDecimal maxPrice;

		@Nullable LocalDate availableDate;

		@Nullable Double minRating;

		@Nullable Boolean verified;

		@Nullable String sort;

		@Nullable Integer page;

		@Nullable Integer limit = 100;

		/** The filters as a client would send them, parsed by the catalog contract. */
		CatalogFilter build() {
			var parameters = new java.util.HashMap<String, String>();
			put(parameters, "q", q);
			put(parameters, "category", category);
			put(parameters, "city", city);
			put(parameters, "country", country);
			put(parameters, "minPrice", minPrice == null ? null : minPrice.toPlainString());
			put(parameters, "maxPrice", maxPrice == null ? null : maxPrice.toPlainString());
			put(parameters, "date", availableDate);
			put(parameters, "minRating", minRating);
			put(parameters, "verified", verified);
			put(parameters, "sort", sort);
			put(parameters, "page", page);
			put(parameters, "limit", limit);
			return CatalogFilter.of(parameters);
		}

		private static void put(Map<String, String> parameters, String name, @Nullable Object value) {
			if (value != null) {
				parameters.put(name, value.toString());
			}
		}
	}

	static CatalogFilter criteria() {
		return new Criteria().build();
	}

	static CatalogFilter filter(java.util.function.Consumer<Criteria> edit) {
		var c = new Criteria();
		edit.accept(c);
		return c.build();
	}

	static CatalogFilter q(String text) {
		return filter(c -> c.q = text);
	}

	static CatalogFilter sorted(@Nullable String sort) {
		return filter(c -> c.sort = sort);
	}

	static List<String> names(CatalogFilter criteria) {
		return names(search.search(criteria, false));
	}

	static List<String> names(SearchResults results) {
		return results.celebrities().stream().map(CelebritySummary::displayName).toList();
	}

	static List<String> suggest(String text) {
		return search.suggest(text).stream().map(Suggestion::displayName).toList();
	}
}

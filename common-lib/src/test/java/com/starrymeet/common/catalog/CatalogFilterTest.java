package com.starrymeet.common.catalog;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.web.ValidationFailed;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract's own table run against the parser, as the services run it against their endpoints; and what
 * the table cannot show (cents, JSON bodies, folding).
 */
class CatalogFilterTest {

	static final JsonMapper json = JsonMapper.builder().build();

	@TestFactory
	Iterable<DynamicTest> everyCaseOfTheTable() {
		return cases(true);
	}

	@TestFactory
	Iterable<DynamicTest> everyCaseOfTheTableWithoutTextSearch() {
		return cases(false);
	}

	static List<DynamicTest> cases(boolean text) {
		return CatalogFilterCases.cases(text).stream().map(c -> DynamicTest.dynamicTest("?" + c.query(), () -> {
			// what an endpoint would answer, from the parser alone
			String body;
			int status;
			try {
				var filter = CatalogFilter.fromParameters(parameters(c.queryString()), text);
				status = 200;
				body = json.writeValueAsString(Map.of("success", true, "data",
						Map.of("filters", Map.of("appliedFilters", filter.appliedFilters(), "sort", filter.sort().apiName()))));
			}
			catch (ValidationFailed ex) {
				status = 400;
				body = json.writeValueAsString(Map.of("code", ex.code(), "errors", ex.errors()));
			}
			c.check(status, body);
		})).toList();
	}

	@Test
	void theCheckerFailsOnAWrongAnswer() {
		var valid = CatalogFilterCases.cases().stream().filter(c -> c.query().startsWith("minPrice=50")).findFirst().orElseThrow();
		assertThatThrownBy(() -> valid.check(200, """
				{"data":{"filters":{"appliedFilters":{"minPrice":50,"maxPrice":501},"sort":"popularity"}}}"""))
			.isInstanceOf(AssertionError.class);
		valid.check(200, """
				{"data":{"filters":{"appliedFilters":{"minPrice":50.00,"maxPrice":500},"sort":"popularity"}}}""");
		var invalid = CatalogFilterCases.cases().stream().filter(c -> c.query().equals("sort=loudest")).findFirst().orElseThrow();
		assertThatThrownBy(() -> invalid.check(400, "{\"code\":\"INVALID_SORT\"}")).isInstanceOf(AssertionError.class);
		assertThatThrownBy(() -> invalid.check(400, "{\"code\":\"VALIDATION_FAILED\",\"errors\":[{\"field\":\"limit\"}]}"))
			.isInstanceOf(AssertionError.class);
	}

	@Test
	void pricesAreHeldInCentsRoundedInward() {
		var filter = CatalogFilter.of(Map.of("minPrice", "99.999", "maxPrice", "123.456"));
		assertThat(filter.minPriceCents()).isEqualTo(10_000);
		assertThat(filter.maxPriceCents()).isEqualTo(12_345);
		assertThat(CatalogFilter.of(Map.of("maxPrice", "10000000")).maxPriceCents()).isEqualTo(1_000_000_000L);
	}

	@Test
	void aJsonBodyTakesTheSameNamesWithJsonTypes() {
		var filter = CatalogFilter.fromJson(json.readTree("""
				{"q":"emma","category":"actors","city":"Zürich","minPrice":50,"maxPrice":500.5,"availableDate":"2030-02-01",
				 "minRating":4,"verified":true,"sort":"price","page":2,"limit":5,"country":null}"""));
		assertThat(filter).isEqualTo(new CatalogFilter("emma", "actors", "Zürich", null, 5_000L, 50_050L,
				LocalDate.of(2030, 2, 1), new BigDecimal("4"), true, CatalogSort.PRICE, 2, 5));

		assertThatThrownBy(() -> CatalogFilter.fromJson(json.readTree("""
				{"q":1,"role":"ADMIN","limit":"many","page":1.5,"minPrice":"50","verified":"yes","sort":"loudest"}""")))
			.isInstanceOfSatisfying(ValidationFailed.class, ex -> {
				assertThat(ex.code()).isEqualTo("VALIDATION_FAILED");
				assertThat(ex.errors()).extracting(e -> e.field())
					.containsExactlyInAnyOrder("role", "q", "limit", "page", "minPrice", "verified", "sort");
			});
		assertThatThrownBy(() -> CatalogFilter.fromJson(json.readTree("[1]"))).isInstanceOf(ValidationFailed.class);
	}

	@Test
	void foldIgnoresCaseAccentsAndSpacing() {
		for (var c : CatalogFilterCases.foldCases()) {
			assertThat(CatalogFilter.fold(c.query()).equals(CatalogFilter.fold(c.stored())))
				.as("%s vs %s", c.query(), c.stored())
				.isEqualTo(c.matches());
		}
		assertThat(CatalogFilter.fold("  Straße  Æbeltoft Łódź  ")).isEqualTo("strasse aebeltoft lodz");
		assertThat(CatalogFilter.of(Map.of("city", "ZÜRICH")).cityKey()).isEqualTo("zurich");
	}

	@Test
	void categoryIsASlugOrAnId() {
		var id = UUID.randomUUID();
		assertThat(CatalogFilter.of(Map.of("category", id.toString())).categoryId()).isEqualTo(id);
		assertThat(CatalogFilter.of(Map.of("category", "Musicians")).categoryId()).isNull();
		assertThat(CatalogFilter.of(Map.of("category", "Musicians")).categoryKey()).isEqualTo("musicians");
	}

	@Test
	void onlyTextSearchesTakeQ() {
		assertThatThrownBy(() -> CatalogFilter.fromParameters(Map.of("q", new String[] { "emma" }), false))
			.isInstanceOfSatisfying(ValidationFailed.class, ex -> assertThat(ex.errors()).extracting(e -> e.field()).containsExactly("q"));
		assertThat(CatalogFilter.fromParameters(Map.of(), false)).isEqualTo(CatalogFilter.NONE);
		assertThat(CatalogFilter.fromParameters(Map.of("q", new String[] { "emma" }), true).q()).isEqualTo("emma");
	}

	static Map<String, String[]> parameters(String queryString) {
		var map = new LinkedHashMap<String, String[]>();
		if (queryString.isEmpty()) {
			return map;
		}
		for (var pair : queryString.split("&")) {
			int at = pair.indexOf('=');
			var name = URLDecoder.decode(pair.substring(0, at), StandardCharsets.UTF_8);
			var value = URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8);
			map.merge(name, new String[] { value }, (a, b) -> {
				var both = java.util.Arrays.copyOf(a, a.length + b.length);
				System.arraycopy(b, 0, both, a.length, b.length);
				return both;
			});
		}
		return map;
	}
}

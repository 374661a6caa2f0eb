package com.starrymeet.celebrity.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public list on a known fixture set (its own category, so other tests' rows never show): every filter,
 * every sort, paging, the exact response shape, non-public celebrities excluded, the limit cap.
 */
@ServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogListTest {

	static final JsonMapper json = new JsonMapper();

	static final LocalDate D1 = LocalDate.of(2030, 3, 10);

	static final LocalDate D2 = LocalDate.of(2030, 3, 11);

	static final LocalDate D3 = LocalDate.of(2030, 3, 12);

	static final LocalDate PAST = LocalDate.of(2020, 1, 1);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CatalogCache cache;

	String slug;

	UUID categoryId;

	UUID a, b, c, d, unverified, inactive;

	UUID aQuick, aStandard, bHidden;

	@BeforeAll
	void fixtures() {
		var f = new Fixtures(jdbc);
		slug = Fixtures.unique("cat-");
		categoryId = f.category(slug);
		var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		// A: $150 / $250, LA on D1+D2, rating 4.90, 450 bookings, oldest
		a = f.celebrity(Fixtures.unique("a_"), "Alpha Star", categoryId, true, true, "4.90", 328, 450,
				now.minus(3, ChronoUnit.DAYS), null);
		aStandard = f.meetingType(a, "Standard Meet", 30, 25_000, true, 20);
		aQuick = f.meetingType(a, "Quick Meet", 15, 15_000, true, 10);
		f.availability(a, "Los Angeles", "USA", List.of(D1, D2));
		// B: lowest ACTIVE price $99.99 (an inactive $50 must not count), London on D1, rating 4.20, 100 bookings
		b = f.celebrity(Fixtures.unique("b_"), "Bravo Star", categoryId, true, true, "4.20", 40, 100,
				now.minus(1, ChronoUnit.DAYS), null);
		bHidden = f.meetingType(b, "Old Cheap", 15, 5_000, false, 10);
		f.meetingType(b, "Quick", 15, 9_999, true, 20);
		f.availability(b, "London", "United Kingdom", List.of(D1, PAST)); // a date that passed is not counted
		f.availability(b, "Berlin", "Germany", List.of(PAST)); // nor a place with only past dates
		// C: $500, LA on D3 and Paris on D1, rating 3.50, 900 bookings
		c = f.celebrity(Fixtures.unique("c_"), "Charlie Star", categoryId, true, true, "3.50", 12, 900,
				now.minus(2, ChronoUnit.DAYS), null);
		f.meetingType(c, "Premium", 60, 50_000, true, 10);
		f.availability(c, "Los Angeles", "USA", List.of(D3));
		f.availability(c, "Paris", "France", List.of(D1));
		// D: no meeting type, no availability, rating 5.00, no bookings, newest
		d = f.celebrity(Fixtures.unique("d_"), "Delta Star", categoryId, true, true, "5.00", 1, 0, now, null);
		// never public
		unverified = f.celebrity(Fixtures.unique("e_"), "Echo Hidden", categoryId, false, true, "5.00", 9, 9999, now,
				null);
		f.meetingType(unverified, "Quick", 15, 1_000, true, 10);
		f.availability(unverified, "Los Angeles", "USA", List.of(D1));
		inactive = f.celebrity(Fixtures.unique("f_"), "Foxtrot Gone", categoryId, true, false, "5.00", 9, 9999, now,
				null);
		f.meetingType(inactive, "Quick", 15, 1_000, true, 10);
		f.feature(a);
		f.feature(unverified);
		f.feature(inactive);
		cache.invalidateNow(); // rows written behind the service's back
	}

	@Test
	void defaultIsPopularityOverPublicCelebritiesOnly() {
		assertThat(ids("")).containsExactly(c, a, b, d);
		assertThat(ids("&sort=popularity")).containsExactly(c, a, b, d);
	}

	@Test
	void theResponseHasTheVisionsExactShape() {
		var body = get("/v1/celebrities?category=" + slug + "&city=Los%20Angeles&minPrice=50&maxPrice=500&sort=rating");
		assertThat(body.get("success").asBoolean()).isTrue();
		var data = body.get("data");
		assertThat(names(data)).containsExactly("celebrities", "pagination", "filters");
		var list = data.get("celebrities");
		assertThat(list.size()).isEqualTo(2);
		var first = list.get(0);
		assertThat(names(first)).containsExactly("id", "username", "displayName", "profession", "category",
				"profilePhoto", "averageRating", "totalReviews", "totalBookings", "isVerified", "meetingTypes",
				"availability");
		assertThat(first.get("id").asString()).isEqualTo(a.toString());
		assertThat(first.get("username").asString()).startsWith("a_");
		assertThat(first.get("displayName").asString()).isEqualTo("Alpha Star");
		assertThat(first.get("profession").asString()).isEqualTo("Actor");
		assertThat(names(first.get("category"))).containsExactly("id", "name", "slug");
		assertThat(first.at("/category/id").asString()).isEqualTo(categoryId.toString());
		assertThat(first.at("/category/slug").asString()).isEqualTo(slug);
		assertThat(first.get("profilePhoto").asString()).startsWith("https://");
		assertThat(first.get("averageRating").isNumber()).isTrue();
		assertThat(first.get("averageRating").asDouble()).isEqualTo(4.9);
		assertThat(first.get("totalReviews").asInt()).isEqualTo(328);
		assertThat(first.get("totalBookings").asInt()).isEqualTo(450);
		assertThat(first.get("isVerified").asBoolean()).isTrue();
		var meetingTypes = first.get("meetingTypes");
		assertThat(meetingTypes.size()).isEqualTo(2);
		assertThat(names(meetingTypes.get(0))).containsExactly("id", "name", "durationMinutes", "priceCents",
				"description");
		assertThat(meetingTypes.get(0).get("id").asString()).isEqualTo(aQuick.toString());
		assertThat(meetingTypes.get(0).get("name").asString()).isEqualTo("Quick Meet");
		assertThat(meetingTypes.get(0).get("durationMinutes").asInt()).isEqualTo(15);
		assertThat(meetingTypes.get(0).get("priceCents").asLong()).isEqualTo(15_000);
		assertThat(meetingTypes.get(1).get("id").asString()).isEqualTo(aStandard.toString());
		var availability = first.get("availability");
		assertThat(availability.size()).isEqualTo(1);
		assertThat(names(availability.get(0))).containsExactly("city", "country", "availableDatesCount");
		assertThat(availability.get(0).get("city").asString()).isEqualTo("Los Angeles");
		assertThat(availability.get(0).get("country").asString()).isEqualTo("USA");
		assertThat(availability.get(0).get("availableDatesCount").asInt()).isEqualTo(2);
		var pagination = data.get("pagination");
		assertThat(names(pagination)).containsExactly("page", "limit", "total", "totalPages");
		assertThat(pagination.get("page").asInt()).isEqualTo(1);
		assertThat(pagination.get("limit").asInt()).isEqualTo(20);
		assertThat(pagination.get("total").asLong()).isEqualTo(2);
		assertThat(pagination.get("totalPages").asInt()).isEqualTo(1);
		var applied = data.at("/filters/appliedFilters");
		assertThat(names(applied)).containsExactly("category", "city", "minPrice", "maxPrice");
		assertThat(applied.get("category").asString()).isEqualTo(slug);
		assertThat(applied.get("city").asString()).isEqualTo("Los Angeles");
		assertThat(applied.get("minPrice").asInt()).isEqualTo(50);
		assertThat(applied.get("maxPrice").asInt()).isEqualTo(500);
	}

	@Test
	void onlyUpcomingDatesCount() {
		var bCard = card(b);
		assertThat(bCard.get("availability").size()).isEqualTo(1);
		assertThat(bCard.at("/availability/0/city").asString()).isEqualTo("London");
		assertThat(bCard.at("/availability/0/availableDatesCount").asInt()).isEqualTo(1);
		assertThat(ids("&city=Berlin")).isEmpty();
		assertThat(ids("&date=" + PAST)).isEmpty();
	}

	@Test
	void inactiveMeetingTypesAreNeverShown() {
		var bCard = card(b);
		assertThat(bCard.get("meetingTypes").valueStream().map(m -> m.get("id").asString()))
			.doesNotContain(bHidden.toString())
			.hasSize(1);
	}

	@Test
	void categoryBySlugOrById() {
		assertThat(idsWith("category=" + categoryId)).containsExactly(c, a, b, d);
		assertThat(idsWith("category=" + slug)).containsExactly(c, a, b, d);
		assertThat(idsWith("category=no-such-category")).isEmpty();
		assertThat(idsWith("category=" + UUID.randomUUID())).isEmpty();
	}

	@Test
	void pricesAreDollarsComparedWithTheLowestActivePriceInCents() {
		assertThat(ids("&minPrice=99.99")).containsExactly(c, a, b);
		assertThat(ids("&minPrice=100")).containsExactly(c, a);
		assertThat(ids("&maxPrice=99.99")).containsExactly(b);
		assertThat(ids("&maxPrice=99.98")).isEmpty();
		assertThat(ids("&maxPrice=50")).as("an inactive $50 type does not count").isEmpty();
		assertThat(ids("&minPrice=150&maxPrice=150")).containsExactly(a);
		assertThat(ids("&minPrice=150.01&maxPrice=499.99")).isEmpty();
		assertThat(ids("&minPrice=0&maxPrice=500")).containsExactly(c, a, b);
	}

	@Test
	void cityAndCountryAreCaseInsensitive() {
		assertThat(ids("&city=los%20angeles")).containsExactly(c, a);
		assertThat(ids("&city=LONDON")).containsExactly(b);
		assertThat(ids("&country=france")).containsExactly(c);
		assertThat(ids("&city=London&country=USA")).isEmpty();
		assertThat(ids("&city=Los%20Angeles&country=USA")).containsExactly(c, a);
	}

	@Test
	void dateKeepsThoseAvailableThatDayAtTheRequestedPlace() {
		assertThat(ids("&date=" + D1)).containsExactly(c, a, b);
		assertThat(ids("&date=" + D2)).containsExactly(a);
		assertThat(ids("&date=" + D3)).containsExactly(c);
		assertThat(ids("&availableDate=" + D3)).containsExactly(c);
		assertThat(ids("&date=" + D1 + "&city=Los%20Angeles"))
			.as("C is in LA only on D3, in Paris on D1")
			.containsExactly(a);
		assertThat(ids("&date=2030-01-01")).isEmpty();
	}

	@Test
	void minRatingAndVerified() {
		assertThat(ids("&minRating=4.5")).containsExactly(a, d);
		assertThat(ids("&minRating=4.9&sort=rating")).containsExactly(d, a);
		assertThat(ids("&minRating=4.91")).containsExactly(d);
		assertThat(ids("&minRating=0")).containsExactly(c, a, b, d);
		assertThat(ids("&verified=true")).containsExactly(c, a, b, d);
		assertThat(ids("&verified=false")).as("unverified celebrities are never public").isEmpty();
	}

	@Test
	void everySort() {
		assertThat(ids("&sort=price")).containsExactly(b, a, c, d);
		assertThat(ids("&sort=price_desc")).containsExactly(c, a, b, d);
		assertThat(ids("&sort=rating")).containsExactly(d, a, b, c);
		assertThat(ids("&sort=popularity")).containsExactly(c, a, b, d);
		assertThat(ids("&sort=newest")).containsExactly(d, b, c, a);
		assertThat(get("/v1/celebrities?category=" + slug + "&sort=newest").at("/data/filters/sort").asString())
			.isEqualTo("newest");
	}

	@Test
	void pages() {
		var page2 = get("/v1/celebrities?category=" + slug + "&limit=3&page=2").get("data");
		assertThat(ids(page2)).containsExactly(d);
		assertThat(page2.at("/pagination/total").asLong()).isEqualTo(4);
		assertThat(page2.at("/pagination/totalPages").asInt()).isEqualTo(2);
		var past = get("/v1/celebrities?category=" + slug + "&limit=3&page=9").get("data");
		assertThat(ids(past)).isEmpty();
		assertThat(past.at("/pagination/total").asLong()).isEqualTo(4);
		assertThat(ids("&limit=100")).hasSize(4);
	}

	@Test
	void badParametersAre400Problems() {
		for (var query : List.of("limit=101", "limit=0", "page=0", "sort=cheapest", "minPrice=abc", "minPrice=-1",
				"minPrice=10&maxPrice=5", "minRating=6", "date=tomorrow")) {
			var response = TestHttp.at(port).get("/v1/celebrities?" + query);
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).as(query)
				.startsWith("application/problem+json");
			assertThat(json.readTree(response.body()).get("success").asBoolean()).isFalse();
		}
		var limit = json.readTree(TestHttp.at(port).get("/v1/celebrities?limit=101").body());
		assertThat(limit.get("code").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(limit.at("/errors/0/field").asString()).isEqualTo("limit");
	}

	@Test
	void profileByIdAndByUsername() {
		var byId = get("/v1/celebrities/" + a).get("data");
		assertThat(byId.get("id").asString()).isEqualTo(a.toString());
		assertThat(byId.get("bio").asString()).isEqualTo("A bio");
		assertThat(byId.get("isFeatured").asBoolean()).isTrue();
		assertThat(byId.get("meetingTypes").size()).isEqualTo(2);
		assertThat(byId.at("/availability/0/nextAvailableDate").asString()).isEqualTo(D1.toString());
		var username = byId.get("username").asString();
		var byUsername = get("/v1/celebrities/" + username.toUpperCase()).get("data");
		assertThat(byUsername.get("id").asString()).isEqualTo(a.toString());
	}

	@Test
	void unknownAndNonPublicProfilesAre404() {
		for (var path : List.of("/v1/celebrities/" + UUID.randomUUID(), "/v1/celebrities/nobody_here",
				"/v1/celebrities/" + unverified, "/v1/celebrities/" + inactive)) {
			var response = TestHttp.at(port).get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
			assertThat(response.body()).doesNotContain("Echo Hidden", "Foxtrot Gone");
		}
	}

	@Test
	void featuredListsOnlyPublicFeaturedCelebrities() {
		var featured = get("/v1/celebrities/featured").at("/data/celebrities");
		var ids = featured.valueStream().map(n -> n.get("id").asString()).toList();
		assertThat(ids).contains(a.toString()).doesNotContain(unverified.toString(), inactive.toString(),
				b.toString());
	}

	@Test
	void categoriesCountPublicCelebrities() {
		var categories = get("/v1/categories").get("data");
		var ours = categories.valueStream().filter(n -> n.get("slug").asString().equals(slug)).findFirst().orElseThrow();
		assertThat(ours.get("celebrityCount").asLong()).isEqualTo(4);
		assertThat(categories.valueStream().allMatch(n -> n.has("celebrityCount"))).isTrue();
	}

	@Test
	void ownProfileIsNotPublic() {
		assertThat(TestHttp.at(port).get("/v1/celebrities/me").statusCode()).isEqualTo(401);
		assertThat(TestHttp.at(port).get("/v1/celebrities/me/meeting-types").statusCode()).isEqualTo(401);
	}

	private JsonNode card(UUID id) {
		return get("/v1/celebrities?category=" + slug).at("/data/celebrities")
			.valueStream()
			.filter(n -> n.get("id").asString().equals(id.toString()))
			.findFirst()
			.orElseThrow();
	}

	private List<UUID> ids(String extra) {
		return idsWith("category=" + slug + extra);
	}

	private List<UUID> idsWith(String query) {
		var response = TestHttp.at(port).get("/v1/celebrities?" + query);
		assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
		return ids(json.readTree(response.body()).get("data"));
	}

	private static List<UUID> ids(JsonNode data) {
		return data.get("celebrities").valueStream().map(n -> UUID.fromString(n.get("id").asString())).toList();
	}

	private JsonNode get(String path) {
		var response = TestHttp.at(port).get(path);
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static List<String> names(JsonNode node) {
		return node.propertyNames().stream().toList();
	}
}

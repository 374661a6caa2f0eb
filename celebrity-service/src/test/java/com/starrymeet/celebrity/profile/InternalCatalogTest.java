package com.starrymeet.celebrity.profile;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The internal reconciliation endpoints search-service reads, on real PostgreSQL and Kafka: without a user token,
 * every public celebrity with the version of its latest CelebrityUpserted — the very versions of the events on the
 * topic — and the snapshots (public or not) exactly as published, with their versions.
 */
@ServiceTest
class InternalCatalogTest {

	static final JsonMapper json = new JsonMapper();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	final String admin = TestTokens.token("ADMIN");

	@Test
	void versionsAndSnapshotsAreThoseOfTheEventsOnKafka() {
		var category = new Fixtures(jdbc).category(Fixtures.unique("int-"));
		try (var topic = new TopicReader("starrymeet.celebrity.v1")) {
			// public with a price (4 events), created only (1, not public), public then deactivated (3, not public)
			var priced = create(category);
			ok(post("/v1/admin/celebrities/" + priced + "/verify", ""));
			ok(post("/v1/admin/celebrities/" + priced + "/meeting-types",
					"{\"name\":\"Quick Meet\",\"durationMinutes\":15,\"priceCents\":25000}"));
			ok(http().method("PATCH", "/v1/admin/celebrities/" + priced, "{\"bio\":\"Zürich and beyond\"}", "Content-Type",
					"application/json", "Authorization", TestHttp.bearer(admin)));
			var unverified = create(category);
			var deactivated = create(category);
			ok(post("/v1/admin/celebrities/" + deactivated + "/verify", ""));
			ok(post("/v1/admin/celebrities/" + deactivated + "/deactivate", ""));
			// written behind the service's back, never published: not listed
			var neverPublished = new Fixtures(jdbc).celebrity(Fixtures.unique("np_"), "Never Published", category, true,
					true, "0", 0, 0, Instant.now(), null);

			var published = Map.of(priced, 4, unverified, 1, deactivated, 3);
			var lastEvents = published.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey,
						e -> topic.await(e.getKey().toString(), e.getValue()).getLast()));

			var versions = get("/internal/catalog/versions");
			assertThat(versions.statusCode()).as(versions.body()).isEqualTo(200);
			var body = json.readTree(versions.body());
			assertThat(body.get("success").asBoolean()).isTrue();
			var listed = new java.util.HashMap<String, Long>();
			body.get("data").forEach(entry -> {
				assertThat(entry.propertyNames()).containsExactly("id", "version");
				listed.put(entry.get("id").asString(), entry.get("version").asLong());
			});
			assertThat(listed.get(priced.toString()))
				.as("version of a public celebrity = aggregateVersion of its last CelebrityUpserted on Kafka")
				.isEqualTo(lastEvents.get(priced).get("aggregateVersion").asLong())
				.isEqualTo(4L);
			assertThat(listed).as("only celebrities visible in search (active and verified), only published ones")
				.doesNotContainKeys(unverified.toString(), deactivated.toString(), neverPublished.toString());
			assertThat(listed.values()).allMatch(v -> v > 0);
			// every public published celebrity of the database is listed, at its version
			var publicPublished = jdbc.sql("SELECT count(*) FROM celebrity WHERE active AND verified AND version > 0")
				.query(Long.class)
				.single();
			assertThat((long) listed.size()).isEqualTo(publicPublished);

			var unknown = UUID.randomUUID();
			var snapshots = get("/internal/catalog/snapshots?ids=" + deactivated + "," + unknown + "," + priced + ","
					+ unverified + "," + priced + "," + neverPublished);
			assertThat(snapshots.statusCode()).as(snapshots.body()).isEqualTo(200);
			var data = json.readTree(snapshots.body()).get("data");
			assertThat(data.valueStream().map(s -> s.get("celebrityId").asString()))
				.as("asked order, public or not, unknown and never published left out")
				.containsExactly(deactivated.toString(), priced.toString(), unverified.toString());
			for (var snapshot : data) {
				var event = lastEvents.get(UUID.fromString(snapshot.get("celebrityId").asString()));
				assertThat(snapshot.get("version").asLong()).as("its version").isEqualTo(event.get("aggregateVersion").asLong());
				var payload = snapshot.deepCopy();
				((tools.jackson.databind.node.ObjectNode) payload).remove("version");
				assertThat(payload).as("the payload exactly as published").isEqualTo(event.get("payload"));
			}
			assertThat(data.get(0).get("active").asBoolean()).isFalse();
			assertThat(data.get(1).at("/meetingTypes/0/priceCents").asLong()).isEqualTo(25000);
			assertThat(data.get(1).get("bio").asString()).isEqualTo("Zürich and beyond");
			assertThat(data.get(2).get("verified").asBoolean()).isFalse();
		}
	}

	@Test
	void snapshotsTakeOneToAHundredIds() {
		for (var query : List.of("", "?ids=", "?ids=not-a-uuid", "?ids=" + UUID.randomUUID() + ",nope",
				"?ids=" + ids(101))) {
			var response = get("/internal/catalog/snapshots" + query);
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			var body = json.readTree(response.body());
			assertThat(body.get("code").asString()).isEqualTo("VALIDATION_FAILED");
			assertThat(body.at("/errors/0/field").asString()).isEqualTo("ids");
		}
		var hundred = get("/internal/catalog/snapshots?ids=" + ids(100));
		assertThat(hundred.statusCode()).isEqualTo(200);
		assertThat(json.readTree(hundred.body()).get("data").isEmpty()).isTrue();
	}

	@Test
	void needsNoUserTokenButOnlyReads() {
		assertThat(get("/internal/catalog/versions").statusCode()).isEqualTo(200);
		assertThat(http().post("/internal/catalog/versions", "{}", "application/json").statusCode()).isEqualTo(401);
	}

	@Test
	void aMeetingTypesPriceIsReadForABookingWithoutAUserToken() {
		var fixtures = new Fixtures(jdbc);
		var category = fixtures.category(Fixtures.unique("int-"));
		var account = UUID.randomUUID();
		var star = fixtures.celebrity(Fixtures.unique("mt_"), "Priced Star", category, true, true, "4.5", 3, 7,
				Instant.now(), account);
		var standard = fixtures.meetingType(star, "Standard Meet", 30, 25000, true, 1);
		var retired = fixtures.meetingType(star, "Retired Meet", 15, 9900, false, 2);
		var hidden = fixtures.celebrity(Fixtures.unique("mt_"), "Hidden Star", category, false, true, "0", 0, 0,
				Instant.now(), null);
		var hiddenType = fixtures.meetingType(hidden, "Quick Meet", 15, 15000, true, 1);

		var response = get("/internal/celebrities/" + star + "/meeting-types/" + standard);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		var data = json.readTree(response.body()).get("data");
		assertThat(data.propertyNames()).containsExactlyInAnyOrder("celebrityId", "celebrityName", "celebrityUserId",
				"bookable", "meetingTypeId", "name", "durationMinutes", "priceCents", "currency", "active");
		assertThat(data.get("celebrityId").asString()).isEqualTo(star.toString());
		assertThat(data.get("celebrityName").asString()).isEqualTo("Priced Star");
		assertThat(data.get("celebrityUserId").asString()).isEqualTo(account.toString());
		assertThat(data.get("bookable").asBoolean()).isTrue();
		assertThat(data.get("name").asString()).isEqualTo("Standard Meet");
		assertThat(data.get("durationMinutes").asInt()).isEqualTo(30);
		assertThat(data.get("priceCents").asLong()).isEqualTo(25000);
		assertThat(data.get("currency").asString()).isEqualTo("USD");
		assertThat(data.get("active").asBoolean()).isTrue();

		// the price in force now, not a cached one
		jdbc.sql("UPDATE meeting_type SET price_cents = 27500 WHERE id = :id").param("id", standard).update();
		assertThat(json.readTree(get("/internal/celebrities/" + star + "/meeting-types/" + standard).body())
			.at("/data/priceCents")
			.asLong()).isEqualTo(27500);

		var inactive = json.readTree(get("/internal/celebrities/" + star + "/meeting-types/" + retired).body());
		assertThat(inactive.at("/data/active").asBoolean()).isFalse();
		var unverified = json.readTree(get("/internal/celebrities/" + hidden + "/meeting-types/" + hiddenType).body());
		assertThat(unverified.at("/data/bookable").asBoolean()).as("not public: not bookable").isFalse();
		assertThat(unverified.at("/data/celebrityUserId").isNull()).isTrue();

		for (var path : List.of(star + "/meeting-types/" + hiddenType, // another celebrity's meeting type
				UUID.randomUUID() + "/meeting-types/" + standard, star + "/meeting-types/" + UUID.randomUUID())) {
			var missing = get("/internal/celebrities/" + path);
			assertThat(missing.statusCode()).as(path).isEqualTo(404);
			assertThat(json.readTree(missing.body()).get("code").asString()).isEqualTo("NOT_FOUND");
		}
		var malformed = get("/internal/celebrities/" + star + "/meeting-types/not-a-uuid");
		assertThat(malformed.statusCode()).isEqualTo(400);
	}

	private UUID create(UUID category) {
		var response = post("/v1/admin/celebrities", """
				{"username":"%s","displayName":"Internal Star","categoryId":"%s"}""".formatted(Fixtures.unique("int_"),
				category));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return UUID.fromString(json.readTree(response.body()).at("/data/id").asString());
	}

	private static String ids(int count) {
		return IntStream.range(0, count).mapToObj(i -> UUID.randomUUID().toString()).collect(Collectors.joining(","));
	}

	private static void ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
	}

	private HttpResponse<String> post(String path, String body) {
		return http().post(path, body, "application/json", "Authorization", TestHttp.bearer(admin));
	}

	private HttpResponse<String> get(String path) {
		return http().get(path);
	}

	private TestHttp http() {
		return TestHttp.at(port);
	}
}

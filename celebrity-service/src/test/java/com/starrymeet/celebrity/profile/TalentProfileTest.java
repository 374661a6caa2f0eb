package com.starrymeet.celebrity.profile;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The talent side: a CELEBRITY edits only its own profile and meeting types, server-owned fields are refused,
 * validation answers 400 with field errors, and every change publishes a CelebrityUpserted snapshot with a
 * higher version that carries the change.
 */
@ServiceTest
class TalentProfileTest {

	static final JsonMapper json = new JsonMapper();

	static final String TOPIC = "starrymeet.celebrity.v1";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	UUID userId;

	UUID celebrityId;

	String token;

	UUID otherUserId;

	UUID otherId;

	UUID actors;

	UUID musicians;

	@BeforeEach
	void fixtures() {
		var f = new Fixtures(jdbc);
		actors = jdbc.sql("SELECT id FROM category WHERE slug = 'actors'").query(UUID.class).single();
		musicians = jdbc.sql("SELECT id FROM category WHERE slug = 'musicians'").query(UUID.class).single();
		userId = UUID.randomUUID();
		celebrityId = f.celebrity(Fixtures.unique("me_"), "Me Myself", actors, true, true, "4.00", 1, 1, Instant.now(),
				userId);
		token = TestTokens.token(userId.toString(), "CELEBRITY");
		otherUserId = UUID.randomUUID();
		otherId = f.celebrity(Fixtures.unique("other_"), "Other One", actors, true, true, "4.00", 1, 1, Instant.now(),
				otherUserId);
	}

	@Test
	void readsItsOwnProfileWithPrivateState() {
		jdbc.sql("UPDATE celebrity SET verified = FALSE WHERE id = :id").param("id", celebrityId).update();
		var response = http().get("/v1/celebrities/me", auth(token));
		assertThat(response.statusCode()).isEqualTo(200);
		var data = json.readTree(response.body()).get("data");
		assertThat(data.get("id").asString()).isEqualTo(celebrityId.toString());
		assertThat(data.get("verified").asBoolean()).isFalse();
		assertThat(data.get("userId").asString()).isEqualTo(userId.toString());

		assertThat(http().get("/v1/celebrities/me", auth(TestTokens.token(userId.toString(), "USER"))).statusCode())
			.as("a USER is not talent").isEqualTo(403);
		var none = http().get("/v1/celebrities/me", auth(TestTokens.token("CELEBRITY")));
		assertThat(none.statusCode()).as("a CELEBRITY account without a profile").isEqualTo(404);
		assertThat(json.readTree(none.body()).get("code").asString()).isEqualTo("NO_CELEBRITY_PROFILE");
	}

	@Test
	void editsItsOwnProfileAndTheSnapshotCarriesTheChange() {
		try (var reader = new TopicReader(TOPIC)) {
			var response = patch("/v1/celebrities/me", """
					{"displayName":"  New Name ","profession":"Singer","categoryId":"%s","bio":"Hello",
					 "profilePhotoUrl":"https://cdn.example/p.jpg","coverPhotoUrl":"https://cdn.example/c.jpg"}"""
				.formatted(musicians), token);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			var data = json.readTree(response.body()).get("data");
			assertThat(data.get("displayName").asString()).isEqualTo("New Name");
			assertThat(data.get("profession").asString()).isEqualTo("Singer");
			assertThat(data.at("/category/slug").asString()).isEqualTo("musicians");
			assertThat(data.get("coverPhotoUrl").asString()).isEqualTo("https://cdn.example/c.jpg");

			var publicProfile = json.readTree(http().get("/v1/celebrities/" + celebrityId).body()).get("data");
			assertThat(publicProfile.get("displayName").asString()).isEqualTo("New Name");
			assertThat(publicProfile.get("bio").asString()).isEqualTo("Hello");

			var event = reader.await(celebrityId.toString(), 1).getLast();
			assertThat(event.get("type").asString()).isEqualTo("CelebrityUpserted");
			assertThat(event.get("aggregateId").asString()).isEqualTo(celebrityId.toString());
			assertThat(event.get("aggregateVersion").asLong()).isEqualTo(1);
			assertThat(event.at("/payload/displayName").asString()).isEqualTo("New Name");
			assertThat(event.at("/payload/category/slug").asString()).isEqualTo("musicians");
			assertThat(event.at("/payload/profilePhotoUrl").asString()).isEqualTo("https://cdn.example/p.jpg");

			// null clears an optional field
			assertThat(patch("/v1/celebrities/me", "{\"bio\":null}", token).statusCode()).isEqualTo(200);
			var cleared = reader.await(celebrityId.toString(), 2).getLast();
			assertThat(cleared.get("aggregateVersion").asLong()).isEqualTo(2);
			assertThat(cleared.at("/payload/bio").isNull()).isTrue();
		}
	}

	@Test
	void serverOwnedFieldsAreRefused() {
		for (var field : List.of("\"verified\":true", "\"featured\":true", "\"averageRating\":5", "\"username\":\"x_y\"",
				"\"totalBookings\":9", "\"active\":true", "\"userId\":\"" + UUID.randomUUID() + "\"")) {
			var response = patch("/v1/celebrities/me", "{\"displayName\":\"Sneaky\"," + field + "}", token);
			assertThat(response.statusCode()).as(field).isEqualTo(400);
			var body = json.readTree(response.body());
			assertThat(body.get("code").asString()).isEqualTo("VALIDATION_FAILED");
			assertThat(body.at("/errors/0/field").asString()).isEqualTo(field.substring(1, field.indexOf('"', 1)));
		}
		var state = jdbc.sql("SELECT display_name, verified, featured, version FROM celebrity WHERE id = :id")
			.param("id", celebrityId)
			.query()
			.singleRow();
		assertThat(state.get("display_name")).isEqualTo("Me Myself");
		assertThat(state.get("version")).isEqualTo(0L);
	}

	@Test
	void invalidFieldsAre400WithFieldErrors() {
		// the values' rules: every broken one named in one answer
		var response = patch("/v1/celebrities/me", """
				{"displayName":"","profilePhotoUrl":"http://insecure.example/p.jpg","coverPhotoUrl":"not a url",
				 "bio":"%s"}""".formatted("x".repeat(2001)), token);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(fields(response)).containsExactlyInAnyOrder("displayName", "profilePhotoUrl", "coverPhotoUrl", "bio");
		// a value of the wrong JSON type, an id that is no UUID, an unknown category: each named
		assertThat(fields(patch("/v1/celebrities/me", "{\"bio\":5}", token))).containsExactly("bio");
		assertThat(fields(patch("/v1/celebrities/me", "{\"categoryId\":\"nope\"}", token))).containsExactly("categoryId");
		assertThat(fields(patch("/v1/celebrities/me", "{\"categoryId\":\"%s\"}".formatted(UUID.randomUUID()), token)))
			.containsExactly("categoryId");
		assertThat(fields(patch("/v1/celebrities/me", "{\"categoryId\":null}", token))).containsExactly("categoryId");
		assertThat(patch("/v1/celebrities/me", "{\"displayName\":\"" + "x".repeat(101) + "\"}", token).statusCode())
			.isEqualTo(400);
		assertThat(fields(patch("/v1/celebrities/me", "{}", token))).containsExactly("body");
		assertThat(patch("/v1/celebrities/me", "[1]", token).statusCode()).isEqualTo(400);
		assertThat(fields(patch("/v1/celebrities/me", "{\"displayName\":null}", token))).containsExactly("displayName");
		assertThat(fields(patch("/v1/celebrities/me", "{\"displayName\":\"   \"}", token))).containsExactly("displayName");
		assertThat(jdbc.sql("SELECT version FROM celebrity WHERE id = :id").param("id", celebrityId).query(Long.class)
			.single()).as("nothing changed").isZero();
	}

	@Test
	void absentLeavesAFieldAsItIsNullClearsItAndTextIsTrimmed() {
		assertThat(patch("/v1/celebrities/me", """
				{"profession":"  Singer ","bio":"Hello","coverPhotoUrl":"https://cdn.example/c.jpg"}""", token).statusCode())
			.isEqualTo(200);
		var data = json.readTree(patch("/v1/celebrities/me", "{\"bio\":null,\"profession\":\"  \"}", token).body())
			.get("data");
		assertThat(data.get("bio").isNull()).as("null clears").isTrue();
		assertThat(data.get("profession").isNull()).as("blank clears an optional field").isTrue();
		assertThat(data.get("coverPhotoUrl").asString()).as("absent is left as it is").isEqualTo("https://cdn.example/c.jpg");
		assertThat(data.get("displayName").asString()).isEqualTo("Me Myself");
	}

	@Test
	void anotherCelebritysProfileIsForbidden() {
		var other = patch("/v1/celebrities/" + otherId, "{\"displayName\":\"Hijacked\"}", token);
		assertThat(other.statusCode()).isEqualTo(403);
		assertThat(other.body()).doesNotContain("Other One");
		assertThat(patch("/v1/celebrities/" + UUID.randomUUID(), "{\"displayName\":\"X\"}", token).statusCode())
			.as("an unknown id is 403 too, existence is not revealed").isEqualTo(403);
		assertThat(patch("/v1/celebrities/" + otherId, "{\"displayName\":\"X\"}",
				TestTokens.token(userId.toString(), "USER")).statusCode()).isEqualTo(403);
		assertThat(http().method("PATCH", "/v1/celebrities/" + otherId, "{\"displayName\":\"X\"}", "Content-Type",
				"application/json").statusCode()).isEqualTo(401);
		assertThat(jdbc.sql("SELECT display_name FROM celebrity WHERE id = :id").param("id", otherId)
			.query(String.class).single()).isEqualTo("Other One");

		assertThat(patch("/v1/celebrities/" + celebrityId, "{\"displayName\":\"Via Id\"}", token).statusCode())
			.as("its own profile by id").isEqualTo(200);
		assertThat(patch("/v1/celebrities/" + otherId, "{\"displayName\":\"Admin Edit\"}", TestTokens.token("ADMIN"))
			.statusCode()).as("an admin edits any profile").isEqualTo(200);
		assertThat(jdbc.sql("SELECT display_name FROM celebrity WHERE id = :id").param("id", otherId)
			.query(String.class).single()).isEqualTo("Admin Edit");
	}

	@Test
	void meetingTypesCrudWithValidationAndOneSnapshotPerChange() {
		try (var reader = new TopicReader(TOPIC)) {
			var created = http().post("/v1/celebrities/me/meeting-types", """
					{"name":"Quick Meet","durationMinutes":15,"priceCents":15000,"description":"Photo and autograph"}""",
					"application/json", "Authorization", TestHttp.bearer(token));
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			var type = json.readTree(created.body()).get("data");
			var typeId = type.get("id").asString();
			assertThat(type.get("priceCents").asLong()).isEqualTo(15000);
			assertThat(type.get("currency").asString()).isEqualTo("USD");
			assertThat(type.get("active").asBoolean()).isTrue();
			assertThat(publicTypes()).containsExactly(typeId);
			assertThat(lowestPrice()).isEqualTo(15000L);

			var changed = patch("/v1/celebrities/me/meeting-types/" + typeId, "{\"priceCents\":12000,\"durationMinutes\":20}",
					token);
			assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
			assertThat(json.readTree(changed.body()).at("/data/priceCents").asLong()).isEqualTo(12000);
			assertThat(lowestPrice()).isEqualTo(12000L);
			var slug = jdbc.sql("SELECT slug FROM category WHERE id = :id").param("id", actors).query(String.class).single();
			var list = json.readTree(http().get("/v1/celebrities?category=" + slug + "&maxPrice=120&limit=100").body());
			assertThat(list.at("/data/celebrities").valueStream().map(n -> n.get("id").asString()))
				.as("the list's price filter sees the new price").contains(celebrityId.toString());

			var deleted = http().method("DELETE", "/v1/celebrities/me/meeting-types/" + typeId, "", "Authorization",
					TestHttp.bearer(token));
			assertThat(deleted.statusCode()).isEqualTo(204);
			assertThat(publicTypes()).isEmpty();
			assertThat(lowestPrice()).isNull();
			assertThat(json.readTree(http().get("/v1/celebrities/me", auth(token)).body()).at("/data/meetingTypes/0/active")
				.asBoolean()).as("kept, inactive").isFalse();

			var events = reader.await(celebrityId.toString(), 3);
			assertThat(events).hasSize(3);
			assertThat(events.stream().map(e -> e.get("aggregateVersion").asLong())).containsExactly(1L, 2L, 3L);
			assertThat(events.get(0).at("/payload/meetingTypes/0/priceCents").asLong()).isEqualTo(15000);
			assertThat(events.get(1).at("/payload/meetingTypes/0/priceCents").asLong()).isEqualTo(12000);
			assertThat(events.get(1).at("/payload/meetingTypes/0/durationMinutes").asInt()).isEqualTo(20);
			assertThat(events.get(2).at("/payload/meetingTypes/0/active").asBoolean()).isFalse();
		}
	}

	@Test
	void meetingTypeValidation() {
		for (var body : List.of("{\"durationMinutes\":15,\"priceCents\":100}", // no name
				"{\"name\":\"X\",\"durationMinutes\":4,\"priceCents\":100}",
				"{\"name\":\"X\",\"durationMinutes\":241,\"priceCents\":100}",
				"{\"name\":\"X\",\"durationMinutes\":15,\"priceCents\":0}",
				"{\"name\":\"X\",\"durationMinutes\":15,\"priceCents\":12.5}",
				"{\"name\":\"X\",\"durationMinutes\":15,\"priceCents\":\"100\"}",
				"{\"name\":\"X\",\"durationMinutes\":15,\"priceCents\":100,\"currency\":\"EUR\"}",
				"{\"name\":\"X\",\"durationMinutes\":15,\"priceCents\":100,\"celebrityId\":\"" + otherId + "\"}")) {
			var response = http().post("/v1/celebrities/me/meeting-types", body, "application/json", "Authorization",
					TestHttp.bearer(token));
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(json.readTree(response.body()).get("errors").size()).as(body).isPositive();
		}
		assertThat(jdbc.sql("SELECT count(*) FROM meeting_type WHERE celebrity_id = :id").param("id", celebrityId)
			.query(Long.class).single()).isZero();
		// each error names its field
		var wrongType = http().post("/v1/celebrities/me/meeting-types",
				"{\"name\":\"X\",\"durationMinutes\":15,\"priceCents\":12.5}", "application/json", "Authorization",
				TestHttp.bearer(token));
		assertThat(fields(wrongType)).containsExactly("priceCents");
		var serverOwned = http().post("/v1/celebrities/me/meeting-types",
				"{\"name\":\"X\",\"durationMinutes\":15,\"priceCents\":100,\"celebrityId\":\"" + otherId + "\"}",
				"application/json", "Authorization", TestHttp.bearer(token));
		assertThat(fields(serverOwned)).containsExactly("celebrityId");
		var several = http().post("/v1/celebrities/me/meeting-types", "{\"name\":\" \",\"durationMinutes\":4}",
				"application/json", "Authorization", TestHttp.bearer(token));
		assertThat(fields(several)).containsExactlyInAnyOrder("name", "durationMinutes", "priceCents");
	}

	@Test
	void meetingTypeEditsKeepAbsentApartFromNull() {
		var typeId = new Fixtures(jdbc).meetingType(celebrityId, "Mine", 30, 20_000, true, 10);
		var path = "/v1/celebrities/me/meeting-types/" + typeId;
		assertThat(fields(patch(path, "{\"name\":null}", token))).containsExactly("name");
		assertThat(fields(patch(path, "{\"priceCents\":null}", token))).containsExactly("priceCents");
		assertThat(fields(patch(path, "{\"active\":null}", token))).containsExactly("active");
		assertThat(fields(patch(path, "{\"active\":\"yes\"}", token))).containsExactly("active");
		assertThat(fields(patch(path, "{\"currency\":\"EUR\"}", token))).containsExactly("currency");
		assertThat(fields(patch(path, "{}", token))).containsExactly("body");
		var cleared = patch(path, "{\"description\":null,\"sortOrder\":5}", token);
		assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
		var data = json.readTree(cleared.body()).get("data");
		assertThat(data.get("description").isNull()).isTrue();
		assertThat(data.get("sortOrder").asInt()).isEqualTo(5);
		assertThat(data.get("name").asString()).as("absent: unchanged").isEqualTo("Mine");
		assertThat(data.get("priceCents").asLong()).isEqualTo(20_000);
	}

	@Test
	void anotherCelebritysMeetingTypeIsForbidden() {
		var theirs = new Fixtures(jdbc).meetingType(otherId, "Theirs", 30, 20000, true, 10);
		assertThat(patch("/v1/celebrities/me/meeting-types/" + theirs, "{\"priceCents\":1}", token).statusCode())
			.isEqualTo(403);
		assertThat(http().method("DELETE", "/v1/celebrities/me/meeting-types/" + theirs, "", "Authorization",
				TestHttp.bearer(token)).statusCode()).isEqualTo(403);
		assertThat(patch("/v1/celebrities/me/meeting-types/" + UUID.randomUUID(), "{\"priceCents\":1}", token)
			.statusCode()).isEqualTo(404);
		assertThat(jdbc.sql("SELECT price_cents, active FROM meeting_type WHERE id = :id").param("id", theirs)
			.query().singleRow()).containsEntry("price_cents", 20000L).containsEntry("active", true);
	}

	private static List<String> fields(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		var body = json.readTree(response.body());
		assertThat(body.get("code").asString()).isEqualTo("VALIDATION_FAILED");
		return body.get("errors").valueStream().map(e -> e.get("field").asString()).toList();
	}

	private List<String> publicTypes() {
		return json.readTree(http().get("/v1/celebrities/" + celebrityId).body())
			.at("/data/meetingTypes")
			.valueStream()
			.map(n -> n.get("id").asString())
			.toList();
	}

	private Long lowestPrice() {
		return jdbc.sql("SELECT lowest_price_cents FROM celebrity WHERE id = :id")
			.param("id", celebrityId)
			.query((rs, n) -> java.util.Optional.ofNullable((Long) rs.getObject(1)))
			.single()
			.orElse(null);
	}

	private HttpResponse<String> patch(String path, String body, String bearer) {
		return http().method("PATCH", path, body, "Content-Type", "application/json", "Authorization",
				TestHttp.bearer(bearer));
	}

	private TestHttp http() {
		return TestHttp.at(port);
	}

	private static String[] auth(String token) {
		return new String[] { "Authorization", TestHttp.bearer(token) };
	}
}

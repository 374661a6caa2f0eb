package com.starrymeet.celebrity.profile;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin moderation: a managed profile is created unverified (not public), verify makes it public, feature puts
 * it in the featured list, deactivate hides it again with a non-public snapshot; each action is audit-logged
 * and published; only ADMIN may do any of it.
 */
@ServiceTest
class AdminModerationTest {

	static final JsonMapper json = new JsonMapper();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	final UUID adminId = UUID.randomUUID();

	final String admin = TestTokens.token(adminId.toString(), "ADMIN");

	@Test
	void lifecycleOfAManagedProfile() {
		var slug = Fixtures.unique("adm-");
		var category = new Fixtures(jdbc).category(slug);
		var username = Fixtures.unique("managed_");
		try (var reader = new TopicReader("starrymeet.celebrity.v1")) {
			var created = post("/v1/admin/celebrities", """
					{"username":"%s","displayName":"Managed Star","profession":"Chef","categoryId":"%s",
					 "profilePhotoUrl":"https://cdn.example/m.jpg"}""".formatted(username, category), admin);
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			var data = json.readTree(created.body()).get("data");
			var id = UUID.fromString(data.get("id").asString());
			assertThat(data.get("verified").asBoolean()).isFalse();
			assertThat(data.get("userId").isNull()).isTrue();
			assertThat(TestHttp.at(port).get("/v1/celebrities/" + id).statusCode()).as("not public yet").isEqualTo(404);
			assertThat(reader.await(id.toString(), 1).getLast().at("/payload/verified").asBoolean()).isFalse();

			assertThat(post("/v1/admin/celebrities/" + id + "/verify", "", admin).statusCode()).isEqualTo(200);
			assertThat(TestHttp.at(port).get("/v1/celebrities/" + username).statusCode()).isEqualTo(200);
			assertThat(listIds(slug)).containsExactly(id.toString());
			assertThat(reader.await(id.toString(), 2).getLast().at("/payload/verified").asBoolean()).isTrue();

			assertThat(post("/v1/admin/celebrities/" + id + "/feature", "", admin).statusCode()).isEqualTo(200);
			assertThat(featuredIds()).contains(id.toString());
			assertThat(post("/v1/admin/celebrities/" + id + "/unfeature", "", admin).statusCode()).isEqualTo(200);
			assertThat(featuredIds()).doesNotContain(id.toString());

			var deactivated = post("/v1/admin/celebrities/" + id + "/deactivate", "", admin);
			assertThat(deactivated.statusCode()).isEqualTo(200);
			assertThat(TestHttp.at(port).get("/v1/celebrities/" + id).statusCode()).isEqualTo(404);
			assertThat(listIds(slug)).isEmpty();
			var events = reader.await(id.toString(), 5);
			assertThat(events.stream().map(e -> e.get("aggregateVersion").asLong())).containsExactly(1L, 2L, 3L, 4L, 5L);
			assertThat(events.getLast().at("/payload/active").asBoolean()).isFalse();
			assertThat(events.getLast().get("type").asString()).isEqualTo("CelebrityUpserted");

			var audit = json.readTree(TestHttp.at(port)
				.get("/v1/admin/celebrities/" + id + "/audit", "Authorization", TestHttp.bearer(admin))
				.body()).get("data");
			assertThat(audit.valueStream().map(e -> e.get("action").asString())).containsExactlyInAnyOrder("CREATE",
					"VERIFY", "FEATURE", "UNFEATURE", "DEACTIVATE");
			assertThat(audit.valueStream().map(e -> e.get("adminId").asString())).containsOnly(adminId.toString());
		}
	}

	@Test
	void adminEditsOfAnyProfileAreAudited() {
		var category = new Fixtures(jdbc).category(Fixtures.unique("adm-"));
		var id = new Fixtures(jdbc).celebrity(Fixtures.unique("edited_"), "Before", category, true, true, "1.00", 0, 0,
				java.time.Instant.now(), UUID.randomUUID());
		var response = TestHttp.at(port).method("PATCH", "/v1/admin/celebrities/" + id, "{\"displayName\":\"After\"}",
				"Content-Type", "application/json", "Authorization", TestHttp.bearer(admin));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE celebrity_id = :id AND action = 'EDIT'")
			.param("id", id).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void invalidOrDuplicateProfilesAreRefused() {
		var category = new Fixtures(jdbc).category(Fixtures.unique("adm-"));
		var username = Fixtures.unique("dup_");
		var body = "{\"username\":\"%s\",\"displayName\":\"D\",\"categoryId\":\"%s\"}";
		assertThat(post("/v1/admin/celebrities", body.formatted(username, category), admin).statusCode()).isEqualTo(201);
		assertThat(post("/v1/admin/celebrities", body.formatted(username, category), admin).statusCode()).isEqualTo(409);
		for (var bad : new String[] { "Bad Name", "ab", "featured", "x".repeat(31) }) {
			assertThat(post("/v1/admin/celebrities", body.formatted(bad, category), admin).statusCode()).as(bad)
				.isEqualTo(400);
		}
		var serverOwned = post("/v1/admin/celebrities",
				"{\"username\":\"%s\",\"displayName\":\"D\",\"categoryId\":\"%s\",\"averageRating\":5}"
					.formatted(Fixtures.unique("r_"), category), admin);
		assertThat(serverOwned.statusCode()).isEqualTo(400);
	}

	@Test
	void onlyAdminsModerate() {
		var category = new Fixtures(jdbc).category(Fixtures.unique("adm-"));
		var id = new Fixtures(jdbc).celebrity(Fixtures.unique("mod_"), "Mod", category, false, true, "1.00", 0, 0,
				java.time.Instant.now(), null);
		for (var role : new String[] { "USER", "CELEBRITY" }) {
			assertThat(post("/v1/admin/celebrities/" + id + "/verify", "", TestTokens.token(role)).statusCode()).as(role)
				.isEqualTo(403);
			assertThat(post("/v1/admin/celebrities", "{}", TestTokens.token(role)).statusCode()).as(role).isEqualTo(403);
		}
		assertThat(TestHttp.at(port).post("/v1/admin/celebrities/" + id + "/verify", "", "application/json").statusCode())
			.isEqualTo(401);
		assertThat(jdbc.sql("SELECT verified FROM celebrity WHERE id = :id").param("id", id).query(Boolean.class).single())
			.isFalse();
		assertThat(post("/v1/admin/celebrities/" + UUID.randomUUID() + "/verify", "", admin).statusCode()).isEqualTo(404);
	}

	@Test
	void adminsPriceManagedProfilesAndOnlyAdminsMay() {
		var category = new Fixtures(jdbc).category(Fixtures.unique("adm-"));
		var username = Fixtures.unique("priced_");
		var created = post("/v1/admin/celebrities", """
				{"username":"%s","displayName":"Priced Star","categoryId":"%s"}""".formatted(username, category), admin);
		var id = json.readTree(created.body()).at("/data/id").asString();
		try (var reader = new TopicReader("starrymeet.celebrity.v1")) {
			var added = post("/v1/admin/celebrities/" + id + "/meeting-types", """
					{"name":"Quick Meet","durationMinutes":15,"priceCents":25000}""", admin);
			assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
			var typeId = json.readTree(added.body()).at("/data/id").asString();
			var snapshot = reader.await(id, 2).getLast().get("payload");
			assertThat(snapshot.at("/meetingTypes/0/priceCents").asLong()).isEqualTo(25000);

			var edited = TestHttp.at(port).method("PATCH", "/v1/admin/celebrities/" + id + "/meeting-types/" + typeId,
					"{\"priceCents\":19900}", "Content-Type", "application/json", "Authorization", TestHttp.bearer(admin));
			assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
			assertThat(reader.await(id, 3).getLast().at("/payload/meetingTypes/0/priceCents").asLong()).isEqualTo(19900);
			assertThat(jdbc.sql("SELECT lowest_price_cents FROM celebrity WHERE id = :id::uuid")
				.param("id", id)
				.query(Long.class)
				.single()).isEqualTo(19900);

			// server-owned fields and other roles change nothing
			assertThat(post("/v1/admin/celebrities/" + id + "/meeting-types", """
					{"name":"Sneaky","durationMinutes":15,"priceCents":100,"celebrityId":"%s"}""".formatted(id), admin)
				.statusCode()).isEqualTo(400);
			for (var role : new String[] { "USER", "CELEBRITY" }) {
				assertThat(post("/v1/admin/celebrities/" + id + "/meeting-types", """
						{"name":"Cheap","durationMinutes":15,"priceCents":100}""", TestTokens.token(role)).statusCode())
					.as(role)
					.isEqualTo(403);
			}
			assertThat(post("/v1/admin/celebrities/" + UUID.randomUUID() + "/meeting-types", """
					{"name":"Nobody","durationMinutes":15,"priceCents":100}""", admin).statusCode()).isEqualTo(404);
			assertThat(jdbc.sql("SELECT count(*) FROM meeting_type WHERE celebrity_id = :id::uuid")
				.param("id", id)
				.query(Long.class)
				.single()).isEqualTo(1);

			var removed = TestHttp.at(port).method("DELETE", "/v1/admin/celebrities/" + id + "/meeting-types/" + typeId, "",
					"Authorization", TestHttp.bearer(admin));
			assertThat(removed.statusCode()).isEqualTo(204);
			assertThat(reader.await(id, 4).getLast().at("/payload/meetingTypes/0/active").asBoolean()).isFalse();
		}
		var audit = json.readTree(TestHttp.at(port)
			.get("/v1/admin/celebrities/" + id + "/audit", "Authorization", TestHttp.bearer(admin))
			.body()).get("data");
		assertThat(audit.valueStream().map(e -> e.get("action").asString())).contains("ADD_MEETING_TYPE",
				"EDIT_MEETING_TYPE", "DEACTIVATE_MEETING_TYPE");
	}

	private HttpResponse<String> post(String path, String body, String token) {
		return TestHttp.at(port).post(path, body, "application/json", "Authorization", TestHttp.bearer(token));
	}

	private java.util.List<String> listIds(String slug) {
		return ids(json.readTree(TestHttp.at(port).get("/v1/celebrities?category=" + slug).body()).at("/data/celebrities"));
	}

	private java.util.List<String> featuredIds() {
		return ids(json.readTree(TestHttp.at(port).get("/v1/celebrities/featured").body()).at("/data/celebrities"));
	}

	private static java.util.List<String> ids(JsonNode list) {
		return list.valueStream().map(n -> n.get("id").asString()).toList();
	}
}

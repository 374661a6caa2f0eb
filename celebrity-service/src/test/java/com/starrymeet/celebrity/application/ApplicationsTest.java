package com.starrymeet.celebrity.application;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.starrymeet.celebrity.profile.Fixtures;
import com.starrymeet.celebrity.profile.TopicReader;
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
 * Applying to become a celebrity and the admin's decision, on real PostgreSQL and Kafka: one pending application per
 * user, documented fields only, approval creates the linked public profile and publishes CelebrityUpserted and
 * CelebrityApplicationApproved, rejection publishes CelebrityApplicationRejected with the reason, a decision is
 * final, audit-logged, and only admins decide.
 */
@ServiceTest
class ApplicationsTest {

	static final JsonMapper json = new JsonMapper();

	static final String APPLICATION_TOPIC = "starrymeet.celebrity-application.v1";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	final UUID adminId = UUID.randomUUID();

	final String admin = TestTokens.token(adminId.toString(), "ADMIN");

	@Test
	void applyOnceThenApprovalCreatesTheLinkedPublicProfileAndPublishesBothEvents() {
		var slug = Fixtures.unique("app-");
		var category = new Fixtures(jdbc).category(slug);
		var userId = UUID.randomUUID();
		var user = TestTokens.token(userId.toString(), "USER");
		var username = Fixtures.unique("appl_");

		assertThat(get("/v1/celebrities/applications/me", user).statusCode()).isEqualTo(404);
		var applied = post("/v1/celebrities/applications", """
				{"displayName":"Nova Star","username":"%s","profession":"Singer","category":"%s","bio":"Sings.",
				 "links":{"instagram":"https://instagram.com/nova","website":"https://nova.example"},
				 "message":"Please let me in"}""".formatted(username.toUpperCase(), slug), user);
		assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
		var data = json.readTree(applied.body()).get("data");
		var id = data.get("id").asString();
		assertThat(data.get("status").asString()).isEqualTo("PENDING");
		assertThat(data.get("username").asString()).as("lower-cased").isEqualTo(username);
		assertThat(data.at("/category/id").asString()).isEqualTo(category.toString());
		assertThat(data.at("/links/instagram").asString()).isEqualTo("https://instagram.com/nova");
		assertThat(data.get("userId").asString()).isEqualTo(userId.toString());

		var second = post("/v1/celebrities/applications", """
				{"displayName":"Again","username":"%s","categoryId":"%s"}""".formatted(Fixtures.unique("again_"), category),
				user);
		assertThat(second.statusCode()).isEqualTo(409);
		assertThat(json.readTree(second.body()).get("code").asString()).isEqualTo("APPLICATION_PENDING");
		assertThat(json.readTree(get("/v1/celebrities/applications/me", user).body()).at("/data/id").asString())
			.isEqualTo(id);

		var queue = json.readTree(get("/v1/admin/celebrity-applications?status=pending&limit=100", admin).body());
		assertThat(queue.get("data").valueStream().map(a -> a.get("id").asString())).contains(id);
		assertThat(queue.at("/pagination/limit").asInt()).isEqualTo(100);
		assertThat(json.readTree(get("/v1/admin/celebrity-applications/" + id, admin).body()).at("/data/message")
			.asString()).isEqualTo("Please let me in");

		try (var celebrities = new TopicReader("starrymeet.celebrity.v1");
				var applications = new TopicReader(APPLICATION_TOPIC)) {
			var approved = post("/v1/admin/celebrity-applications/" + id + "/approve", "", admin);
			assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
			var decided = json.readTree(approved.body()).get("data");
			assertThat(decided.get("status").asString()).isEqualTo("APPROVED");
			assertThat(decided.get("decidedBy").asString()).isEqualTo(adminId.toString());
			var celebrityId = decided.get("celebrityId").asString();

			var event = applications.await(id, 1).getFirst();
			assertThat(event.get("type").asString()).isEqualTo("CelebrityApplicationApproved");
			assertThat(event.get("aggregateType").asString()).isEqualTo("celebrity-application");
			assertThat(event.at("/payload/userId").asString()).isEqualTo(userId.toString());
			assertThat(event.at("/payload/celebrityId").asString()).isEqualTo(celebrityId);
			var snapshot = celebrities.await(celebrityId, 1).getFirst();
			assertThat(snapshot.at("/payload/userId").asString()).isEqualTo(userId.toString());
			assertThat(snapshot.at("/payload/verified").asBoolean()).isTrue();
			assertThat(snapshot.at("/payload/active").asBoolean()).isTrue();
		}
		var profile = TestHttp.at(port).get("/v1/celebrities/" + username);
		assertThat(profile.statusCode()).as("public at once").isEqualTo(200);
		assertThat(json.readTree(profile.body()).at("/data/displayName").asString()).isEqualTo("Nova Star");
		assertThat(jdbc.sql("SELECT user_id FROM celebrity WHERE username = :u").param("u", username)
			.query(UUID.class).single()).isEqualTo(userId);
		assertThat(jdbc.sql("SELECT action FROM admin_audit_log WHERE application_id = :a OR celebrity_id = "
				+ "(SELECT id FROM celebrity WHERE username = :u) ORDER BY created_at")
			.param("a", UUID.fromString(id)).param("u", username).query(String.class).list())
			.containsExactlyInAnyOrder("CREATE_FROM_APPLICATION", "APPROVE_APPLICATION");

		assertThat(post("/v1/admin/celebrity-applications/" + id + "/approve", "", admin).statusCode())
			.as("deciding twice").isEqualTo(409);
		assertThat(post("/v1/admin/celebrity-applications/" + id + "/reject", "{\"reason\":\"no\"}", admin)
			.statusCode()).isEqualTo(409);
		var again = post("/v1/celebrities/applications", """
				{"displayName":"Again","username":"%s","categoryId":"%s"}""".formatted(Fixtures.unique("again_"), category),
				user);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(json.readTree(again.body()).get("code").asString()).isEqualTo("ALREADY_CELEBRITY");
	}

	@Test
	void rejectionNeedsAReasonIsPublishedAndTheUserMayApplyAgain() {
		var category = new Fixtures(jdbc).category(Fixtures.unique("app-"));
		var userId = UUID.randomUUID();
		var user = TestTokens.token(userId.toString(), "USER");
		var body = "{\"displayName\":\"Maybe\",\"username\":\"%s\",\"categoryId\":\"%s\"}";
		var id = json.readTree(post("/v1/celebrities/applications", body.formatted(Fixtures.unique("rej_"), category),
				user).body()).at("/data/id").asString();

		assertThat(post("/v1/admin/celebrity-applications/" + id + "/reject", "{}", admin).statusCode()).isEqualTo(400);
		assertThat(post("/v1/admin/celebrity-applications/" + id + "/reject", "{\"reason\":\"  \"}", admin)
			.statusCode()).isEqualTo(400);
		assertThat(post("/v1/admin/celebrity-applications/" + id + "/reject",
				"{\"reason\":\"x\",\"status\":\"APPROVED\"}", admin).statusCode()).isEqualTo(400);
		try (var applications = new TopicReader(APPLICATION_TOPIC)) {
			var rejected = post("/v1/admin/celebrity-applications/" + id + "/reject",
					"{\"reason\":\"Please add links to your work\"}", admin);
			assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
			var event = applications.await(id, 1).getFirst();
			assertThat(event.get("type").asString()).isEqualTo("CelebrityApplicationRejected");
			assertThat(event.at("/payload/reason").asString()).isEqualTo("Please add links to your work");
			assertThat(event.at("/payload/userId").asString()).isEqualTo(userId.toString());
		}
		var mine = json.readTree(get("/v1/celebrities/applications/me", user).body()).get("data");
		assertThat(mine.get("status").asString()).isEqualTo("REJECTED");
		assertThat(mine.get("rejectionReason").asString()).isEqualTo("Please add links to your work");
		assertThat(mine.get("decidedBy").isNull()).as("the admin is not shown to the applicant").isTrue();
		assertThat(post("/v1/admin/celebrity-applications/" + id + "/approve", "", admin).statusCode()).isEqualTo(409);
		assertThat(jdbc.sql("SELECT count(*) FROM celebrity WHERE user_id = :u").param("u", userId).query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE application_id = :a AND action = 'REJECT_APPLICATION'")
			.param("a", UUID.fromString(id)).query(Long.class).single()).isEqualTo(1);

		assertThat(post("/v1/celebrities/applications", body.formatted(Fixtures.unique("rej_"), category), user)
			.statusCode()).as("a new application after a rejection").isEqualTo(201);
	}

	@Test
	void onlyDocumentedValidFieldsAreAccepted() {
		var category = new Fixtures(jdbc).category(Fixtures.unique("app-"));
		var user = TestTokens.token("USER");
		// each body and the field its 400 names
		var bad = new java.util.LinkedHashMap<String, String>();
		bad.put("{\"displayName\":\"A\",\"username\":\"%s\",\"categoryId\":\"%s\",\"verified\":true}", "verified");
		bad.put("{\"displayName\":\"A\",\"username\":\"%s\",\"categoryId\":\"%s\",\"status\":\"APPROVED\"}", "status");
		bad.put("{\"displayName\":\"A\",\"username\":\"%s\",\"categoryId\":\"%s\",\"userId\":\"" + UUID.randomUUID()
				+ "\"}", "userId");
		bad.put("{\"displayName\":\"A\",\"username\":\"Bad Name %s\",\"categoryId\":\"%s\"}", "username");
		bad.put("{\"displayName\":\"A\",\"username\":\"%s\",\"categoryId\":\"%s\",\"category\":\"actors\"}", "category");
		bad.put("{\"displayName\":\"A\",\"username\":\"%s\",\"categoryId\":\"%s\",\"links\":{\"x\":\"http://insecure\"}}",
				"links[x]");
		bad.put("{\"displayName\":\"A\",\"username\":\"%s\",\"categoryId\":\"%s\",\"links\":{\"X\":\"https://a.b\"}}",
				"links[X]");
		bad.put("{\"displayName\":\"A\",\"username\":\"%s\",\"categoryId\":\"%s\",\"links\":[\"https://a.b\"]}", "links");
		bad.put("{\"displayName\":\"A\",\"username\":\"%s\",\"categoryId\":\"%s\",\"bio\":7}", "bio");
		bad.put("{\"username\":\"%s\",\"categoryId\":\"%s\"}", "displayName");
		for (var entry : bad.entrySet()) {
			var template = entry.getKey();
			var response = post("/v1/celebrities/applications", template.formatted(Fixtures.unique("v_"), category), user);
			assertThat(response.statusCode()).as(template).isEqualTo(400);
			var body = json.readTree(response.body());
			assertThat(body.get("code").asString()).isEqualTo("VALIDATION_FAILED");
			assertThat(body.get("errors").valueStream().map(e -> e.get("field").asString())).as(template)
				.containsExactly(entry.getValue());
		}
		assertThat(post("/v1/celebrities/applications",
				"{\"displayName\":\"A\",\"username\":\"applications\",\"categoryId\":\"%s\"}".formatted(category), user)
			.statusCode()).as("reserved").isEqualTo(400);
		assertThat(post("/v1/celebrities/applications",
				"{\"displayName\":\"A\",\"username\":\"%s\",\"category\":\"no-such-category\"}"
					.formatted(Fixtures.unique("v_")), user).statusCode()).isEqualTo(400);
	}

	@Test
	void anExistingProfileOrATakenUsernameIsAConflictAndOnlyAdminsDecide() {
		var f = new Fixtures(jdbc);
		var category = f.category(Fixtures.unique("app-"));
		var celebrityUser = UUID.randomUUID();
		var taken = Fixtures.unique("taken_");
		f.celebrity(taken, "Taken", category, true, true, "0", 0, 0, java.time.Instant.now(), celebrityUser);
		var body = "{\"displayName\":\"A\",\"username\":\"%s\",\"categoryId\":\"%s\"}";

		var existing = post("/v1/celebrities/applications", body.formatted(Fixtures.unique("e_"), category),
				TestTokens.token(celebrityUser.toString(), "CELEBRITY"));
		assertThat(existing.statusCode()).isEqualTo(409);
		assertThat(json.readTree(existing.body()).get("code").asString()).isEqualTo("ALREADY_CELEBRITY");
		var takenName = post("/v1/celebrities/applications", body.formatted(taken, category), TestTokens.token("USER"));
		assertThat(takenName.statusCode()).isEqualTo(409);
		assertThat(json.readTree(takenName.body()).get("code").asString()).isEqualTo("USERNAME_TAKEN");

		assertThat(TestHttp.at(port).post("/v1/celebrities/applications", body.formatted("anon_x", category),
				"application/json").statusCode()).as("no token").isEqualTo(401);
		assertThat(TestHttp.at(port).get("/v1/celebrities/applications/me").statusCode()).as("never public")
			.isEqualTo(401);

		var user = TestTokens.token("USER");
		var id = json.readTree(post("/v1/celebrities/applications", body.formatted(Fixtures.unique("e_"), category), user)
			.body()).at("/data/id").asString();
		for (var role : new String[] { "USER", "CELEBRITY" }) {
			var token = TestTokens.token(role);
			assertThat(post("/v1/admin/celebrity-applications/" + id + "/approve", "", token).statusCode()).as(role)
				.isEqualTo(403);
			assertThat(post("/v1/admin/celebrity-applications/" + id + "/reject", "{\"reason\":\"r\"}", token)
				.statusCode()).as(role).isEqualTo(403);
			assertThat(get("/v1/admin/celebrity-applications", token).statusCode()).as(role).isEqualTo(403);
			assertThat(get("/v1/admin/celebrity-applications/" + id, token).statusCode()).as(role).isEqualTo(403);
		}
		assertThat(json.readTree(get("/v1/admin/celebrity-applications/" + id, admin).body()).at("/data/status")
			.asString()).isEqualTo("PENDING");
		assertThat(post("/v1/admin/celebrity-applications/" + UUID.randomUUID() + "/approve", "", admin).statusCode())
			.isEqualTo(404);
		assertThat(get("/v1/admin/celebrity-applications?limit=101", admin).statusCode()).isEqualTo(400);
		assertThat(get("/v1/admin/celebrity-applications?status=MAYBE", admin).statusCode()).isEqualTo(400);
	}

	@Test
	void theQueueIsAlsoServedAtItsFirstPaths() {
		var category = new Fixtures(jdbc).category(Fixtures.unique("app-"));
		var id = json.readTree(post("/v1/celebrities/applications",
				"{\"displayName\":\"Old\",\"username\":\"%s\",\"categoryId\":\"%s\"}".formatted(Fixtures.unique("old_"),
						category), TestTokens.token("USER")).body()).at("/data/id").asString();
		var legacy = "/v1/admin/celebrities/applications";
		assertThat(json.readTree(get(legacy + "?status=pending&limit=100", admin).body()).get("data").valueStream()
			.map(a -> a.get("id").asString())).contains(id);
		assertThat(json.readTree(get(legacy + "/" + id, admin).body()).at("/data/status").asString()).isEqualTo("PENDING");
		assertThat(get(legacy + "/" + id, TestTokens.token("USER")).statusCode()).isEqualTo(403);
		assertThat(post(legacy + "/" + id + "/reject", "{\"reason\":\"old path\"}", admin).statusCode()).isEqualTo(200);
		assertThat(post(legacy + "/" + id + "/approve", "", admin).statusCode()).isEqualTo(409);
	}

	@Test
	void approvalFailsWithoutChangeWhenTheUsernameWasTakenMeanwhile() {
		var f = new Fixtures(jdbc);
		var category = f.category(Fixtures.unique("app-"));
		var username = Fixtures.unique("race_");
		var user = TestTokens.token("USER");
		var id = json.readTree(post("/v1/celebrities/applications",
				"{\"displayName\":\"A\",\"username\":\"%s\",\"categoryId\":\"%s\"}".formatted(username, category), user)
			.body()).at("/data/id").asString();
		f.celebrity(username, "Managed meanwhile", category, false, true, "0", 0, 0, java.time.Instant.now(), null);

		var approved = post("/v1/admin/celebrity-applications/" + id + "/approve", "", admin);
		assertThat(approved.statusCode()).isEqualTo(409);
		assertThat(json.readTree(approved.body()).get("code").asString()).isEqualTo("USERNAME_TAKEN");
		assertThat(json.readTree(get("/v1/admin/celebrity-applications/" + id, admin).body()).at("/data/status")
			.asString()).as("still pending, can be rejected").isEqualTo("PENDING");
	}

	@Test
	void concurrentApplicationsOfOneUserAndConcurrentDecisionsLeaveExactlyOne() throws Exception {
		var category = new Fixtures(jdbc).category(Fixtures.unique("app-"));
		var userId = UUID.randomUUID();
		var user = TestTokens.token(userId.toString(), "USER");
		var body = "{\"displayName\":\"Racer\",\"username\":\"%s\",\"categoryId\":\"%s\"}";
		try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
			var applies = java.util.stream.IntStream.range(0, 6)
				.mapToObj(i -> pool.submit(() -> post("/v1/celebrities/applications",
						body.formatted(Fixtures.unique("race_"), category), user).statusCode()))
				.toList();
			var statuses = new java.util.ArrayList<Integer>();
			for (var f : applies) {
				statuses.add(f.get());
			}
			assertThat(statuses).containsOnly(201, 409);
			assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
			assertThat(jdbc.sql("SELECT count(*) FROM celebrity_application WHERE user_id = :u").param("u", userId)
				.query(Long.class).single()).isEqualTo(1);

			var id = json.readTree(get("/v1/celebrities/applications/me", user).body()).at("/data/id").asString();
			var approve = pool.submit(() -> post("/v1/admin/celebrity-applications/" + id + "/approve", "", admin)
				.statusCode());
			var reject = pool.submit(() -> post("/v1/admin/celebrity-applications/" + id + "/reject",
					"{\"reason\":\"race\"}", admin).statusCode());
			assertThat(java.util.List.of(approve.get(), reject.get())).containsExactlyInAnyOrder(200, 409);
		}
		var status = jdbc.sql("SELECT status FROM celebrity_application WHERE user_id = :u").param("u", userId)
			.query(String.class).single();
		assertThat(jdbc.sql("SELECT count(*) FROM celebrity WHERE user_id = :u").param("u", userId).query(Long.class)
			.single()).isEqualTo("APPROVED".equals(status) ? 1 : 0);
	}

	private HttpResponse<String> post(String path, String body, String token) {
		return TestHttp.at(port).post(path, body, "application/json", "Authorization", TestHttp.bearer(token));
	}

	private HttpResponse<String> get(String path, String token) {
		return TestHttp.at(port).get(path, "Authorization", TestHttp.bearer(token));
	}
}

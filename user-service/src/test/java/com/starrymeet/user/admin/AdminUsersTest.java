package com.starrymeet.user.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestTokens;
import com.starrymeet.user.UserApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static com.starrymeet.user.UserApi.PASSWORD;
import static com.starrymeet.user.UserApi.data;
import static com.starrymeet.user.UserApi.json;
import static com.starrymeet.user.UserApi.newEmail;
import static com.starrymeet.user.UserApi.ok;
import static com.starrymeet.user.UserApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin endpoints and their audit log, and the local admin seed (configured here, so start-up seeds it),
 * against the running service on real PostgreSQL, Kafka and Redis.
 */
@ServiceTest
@TestPropertySource(properties = { "starrymeet.identity.seed-admin.email=" + AdminUsersTest.ADMIN_EMAIL,
		"starrymeet.identity.seed-admin.password=" + AdminUsersTest.ADMIN_PASSWORD })
class AdminUsersTest {

	static final String ADMIN_EMAIL = "Root.Admin@StarryMeet.test";

	static final String ADMIN_PASSWORD = "Adm1n!Local-pass";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	Environment environment;

	@Autowired
	AdminSeeder seeder;

	UserApi api;

	String admin;

	String adminId;

	@BeforeEach
	void connect() {
		api = new UserApi(port, environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
		var session = ok(api.login(ADMIN_EMAIL, ADMIN_PASSWORD));
		admin = session.get("accessToken").asString();
		adminId = session.get("user").get("id").asString();
	}

	JsonNode auditEntry(String action, String targetId) {
		var entries = ok(api.get("/v1/admin/users/audit-log?limit=100", admin));
		return entries.valueStream()
			.filter(e -> e.get("action").asString().equals(action) && targetId.equals(e.get("targetId").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(action + " on " + targetId + " not in " + entries));
	}

	// --- seed

	@Test
	void theConfiguredAdminIsSeededOnceAtStartUp() {
		var row = jdbc.sql("SELECT role, email_verified, status, password_hash FROM app_user WHERE email = :email")
			.param("email", ADMIN_EMAIL.toLowerCase())
			.query((rs, n) -> new Object[] { rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4) })
			.single();
		assertThat(row[0]).isEqualTo("ADMIN");
		assertThat(row[1]).isEqualTo(true);
		assertThat(row[2]).isEqualTo("ACTIVE");
		assertThat((String) row[3]).startsWith("$2a$12$");

		// a restart runs the seeder again: nothing changes
		assertThat(seeder.seed()).isFalse();
		assertThat(seeder.seed()).isFalse();
		assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE lower(email) = lower(:email)")
			.param("email", ADMIN_EMAIL)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void seedingAnotherAdminIsIdempotentAndNeverPromotesAnExistingAccount() {
		var email = newEmail();
		assertThat(seeder.seed(email, ADMIN_PASSWORD)).isTrue();
		assertThat(seeder.seed(email, ADMIN_PASSWORD)).isFalse();
		assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE email = :email AND role = 'ADMIN'")
			.param("email", email)
			.query(Long.class)
			.single()).isEqualTo(1);

		var fan = newEmail();
		api.register(fan);
		assertThat(seeder.seed(fan, ADMIN_PASSWORD)).isFalse();
		assertThat(jdbc.sql("SELECT role FROM app_user WHERE email = :email").param("email", fan)
			.query(String.class).single()).isEqualTo("USER");
	}

	// --- who may

	@Test
	void onlyAdminsGetIn() {
		var user = api.register(newEmail()).get("accessToken").asString();
		problem(api.get("/v1/admin/users", user), 403, "FORBIDDEN");
		problem(api.get("/v1/admin/users/audit-log", user), 403, "FORBIDDEN");
		problem(api.post("/v1/admin/users/" + adminId + "/suspend", "{\"reason\": \"x\"}", user), 403, "FORBIDDEN");
		problem(api.get("/v1/admin/users", TestTokens.token("CELEBRITY")), 403, "FORBIDDEN");
		problem(api.http.get("/v1/admin/users"), 401, "UNAUTHORIZED");
		// a token saying ADMIN is not enough: the account must be an admin here too
		problem(api.get("/v1/admin/users", TestTokens.token("ADMIN")), 403, "FORBIDDEN");
		assertThat(jdbc.sql("SELECT status FROM app_user WHERE id = :id").param("id", UUID.fromString(adminId))
			.query(String.class).single()).isEqualTo("ACTIVE");
	}

	// --- list, search, paginate

	@Test
	void listsSearchesAndPaginates() {
		var tag = "Zq" + UUID.randomUUID().toString().substring(0, 8);
		var first = api.register(newEmail(), "Grace", tag).get("user").get("id").asString();
		api.register(newEmail(), "Alan", tag);
		var third = api.register("x-" + tag.toLowerCase() + "@example.test", "Edsger", "Dijkstra").get("user").get("id").asString();

		var page1 = api.get("/v1/admin/users?q=" + tag + "&limit=2&page=1", admin);
		var body = json.readTree(page1.body());
		assertThat(data(page1).size()).isEqualTo(2);
		assertThat(body.get("pagination").get("total").asLong()).isEqualTo(3);
		assertThat(body.get("pagination").get("totalPages").asInt()).isEqualTo(2);
		var page2 = ok(api.get("/v1/admin/users?q=" + tag.toUpperCase() + "&limit=2&page=2", admin));
		assertThat(page2.size()).isEqualTo(1);
		assertThat(page1.body()).doesNotContainIgnoringCase("password").doesNotContain("$2a$");

		// by full name, by email, by role and status
		assertThat(ok(api.get("/v1/admin/users?q=grace%20" + tag, admin)).get(0).get("id").asString()).isEqualTo(first);
		assertThat(ok(api.get("/v1/admin/users?q=x-" + tag, admin)).get(0).get("id").asString()).isEqualTo(third);
		assertThat(ok(api.get("/v1/admin/users?q=" + tag + "&role=ADMIN", admin)).size()).isZero();
		assertThat(ok(api.get("/v1/admin/users?role=admin&status=ACTIVE&limit=100", admin)).valueStream()
			.map(u -> u.get("id").asString())).contains(adminId);
		problem(api.get("/v1/admin/users?role=KING", admin), 400, "VALIDATION_FAILED");
		// wildcards are literal
		assertThat(ok(api.get("/v1/admin/users?q=" + tag + "%25", admin)).size()).isZero();

		// one paging rule: limit 1..100, page from 1, refused (never clamped) naming the parameter
		for (var query : List.of("limit=1000", "limit=0", "page=0", "limit=abc")) {
			var refused = problem(api.get("/v1/admin/users?" + query, admin), 400, "VALIDATION_FAILED");
			assertThat(refused.get("errors").get(0).get("field").asString()).isEqualTo(query.substring(0, query.indexOf('=')));
			var auditRefused = problem(api.get("/v1/admin/users/audit-log?" + query, admin), 400, "VALIDATION_FAILED");
			assertThat(auditRefused.get("errors").get(0).get("field").asString())
				.isEqualTo(query.substring(0, query.indexOf('=')));
		}
	}

	@Test
	void viewsOneAndAuditsIt() {
		var id = api.register(newEmail()).get("user").get("id").asString();

		var view = ok(api.get("/v1/admin/users/" + id, admin));

		assertThat(view.get("user").get("id").asString()).isEqualTo(id);
		assertThat(view.get("twoFactorEnabled").asBoolean()).isFalse();
		assertThat(view.get("activeSessions").asInt()).isEqualTo(1);
		assertThat(auditEntry("VIEW_USER", id).get("actorId").asString()).isEqualTo(adminId);
		problem(api.get("/v1/admin/users/" + UUID.randomUUID(), admin), 404, "NOT_FOUND");
	}

	// --- suspend, reactivate

	@Test
	void suspensionStopsLoginRefreshAndLiveTokensThenReactivationRestores() {
		var email = newEmail();
		var session = api.register(email);
		var id = session.get("user").get("id").asString();
		var access = session.get("accessToken").asString();
		ok(api.get("/v1/users/me", access));

		var suspended = ok(api.post("/v1/admin/users/" + id + "/suspend", "{\"reason\": \"Spam reports\"}", admin));

		assertThat(suspended.get("status").asString()).isEqualTo("SUSPENDED");
		assertThat(jdbc.sql("SELECT status FROM app_user WHERE id = :id").param("id", UUID.fromString(id))
			.query(String.class).single()).isEqualTo("SUSPENDED");
		problem(api.login(email, PASSWORD), 403, "ACCOUNT_SUSPENDED");
		problem(api.refresh(session.get("refreshToken").asString()), 401, "INVALID_REFRESH_TOKEN");
		// the gateway's cut-off and this service's own refusal of the still-valid token
		var notBefore = redis.opsForValue().get("auth:not-before:" + id);
		assertThat(notBefore).isNotNull();
		assertThat(Long.parseLong(notBefore)).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(30L));
		assertThat(redis.getExpire("auth:not-before:" + id)).isBetween(1L, 900L);
		problem(api.get("/v1/users/me", access), 403, "ACCOUNT_SUSPENDED");
		problem(api.get("/v1/users/me/export", access), 403, "ACCOUNT_SUSPENDED");
		var audit = auditEntry("SUSPEND_USER", id);
		assertThat(audit.get("actorId").asString()).isEqualTo(adminId);
		assertThat(audit.get("details").get("reason").asString()).isEqualTo("Spam reports");
		assertThat(audit.get("createdAt").asString()).isNotBlank();
		var event = api.latest(id, "UserSuspended", 1);
		assertThat(event.get("reason").asString()).isEqualTo("Spam reports");
		problem(api.post("/v1/admin/users/" + id + "/suspend", "{\"reason\": \"again\"}", admin), 409, "NOT_ACTIVE");

		var reactivated = ok(api.post("/v1/admin/users/" + id + "/reactivate", "", admin));

		assertThat(reactivated.get("status").asString()).isEqualTo("ACTIVE");
		assertThat(api.login(email, PASSWORD).statusCode()).isEqualTo(200);
		assertThat(auditEntry("REACTIVATE_USER", id).get("actorId").asString()).isEqualTo(adminId);
		problem(api.post("/v1/admin/users/" + id + "/reactivate", "", admin), 409, "NOT_SUSPENDED");
	}

	@Test
	void anAdminCannotSuspendOrDemoteThemselves() {
		problem(api.post("/v1/admin/users/" + adminId + "/suspend", "{\"reason\": \"oops\"}", admin), 409,
				"SELF_MODIFICATION");
		problem(api.send("PATCH", "/v1/admin/users/" + adminId + "/role", "{\"role\": \"USER\"}", admin), 409,
				"SELF_MODIFICATION");
		assertThat(jdbc.sql("SELECT role || status FROM app_user WHERE id = :id").param("id", UUID.fromString(adminId))
			.query(String.class).single()).isEqualTo("ADMINACTIVE");
	}

	// --- role

	@Test
	void changesTheRoleAndAuditsIt() {
		var email = newEmail();
		var id = api.register(email).get("user").get("id").asString();

		var changed = ok(api.send("PATCH", "/v1/admin/users/" + id + "/role", "{\"role\": \"CELEBRITY\"}", admin));

		assertThat(changed.get("role").asString()).isEqualTo("CELEBRITY");
		assertThat(jdbc.sql("SELECT role FROM app_user WHERE id = :id").param("id", UUID.fromString(id))
			.query(String.class).single()).isEqualTo("CELEBRITY");
		var audit = auditEntry("CHANGE_ROLE", id);
		assertThat(audit.get("details").get("from").asString()).isEqualTo("USER");
		assertThat(audit.get("details").get("to").asString()).isEqualTo("CELEBRITY");
		// the next token carries the new role; the celebrity is not an admin
		var celebrity = ok(api.login(email, PASSWORD)).get("accessToken").asString();
		problem(api.get("/v1/admin/users", celebrity), 403, "FORBIDDEN");
		problem(api.send("PATCH", "/v1/admin/users/" + id + "/role", "{\"role\": \"KING\"}", admin), 400,
				"VALIDATION_FAILED");
		var unknown = problem(api.send("PATCH", "/v1/admin/users/" + id + "/role",
				"{\"role\": \"USER\", \"status\": \"ACTIVE\"}", admin), 400, "VALIDATION_FAILED");
		assertThat(unknown.get("errors").get(0).get("field").asString()).isEqualTo("status");
		problem(api.send("PATCH", "/v1/admin/users/" + UUID.randomUUID() + "/role", "{\"role\": \"USER\"}", admin), 404,
				"NOT_FOUND");
	}

	@Test
	void theAuditLogIsPaginatedNewestFirst() {
		var id = api.register(newEmail()).get("user").get("id").asString();
		ok(api.get("/v1/admin/users/" + id, admin));
		ok(api.send("PATCH", "/v1/admin/users/" + id + "/role", "{\"role\": \"CELEBRITY\"}", admin));

		var response = api.get("/v1/admin/users/audit-log?limit=1", admin);
		var body = json.readTree(response.body());
		assertThat(body.get("data").size()).isEqualTo(1);
		assertThat(body.get("data").get(0).get("action").asString()).isEqualTo("CHANGE_ROLE");
		assertThat(body.get("pagination").get("total").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE target_id = :id AND actor_id = :actor")
			.param("id", UUID.fromString(id))
			.param("actor", UUID.fromString(adminId))
			.query(Long.class)
			.single()).isEqualTo(2);
	}
}

package com.starrymeet.user.account;

import java.time.Instant;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.user.LinkSealingTestKey;
import com.starrymeet.user.UserApi;
import com.starrymeet.user.token.Secrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.starrymeet.user.UserApi.PASSWORD;
import static com.starrymeet.user.UserApi.data;
import static com.starrymeet.user.UserApi.isType;
import static com.starrymeet.user.UserApi.json;
import static com.starrymeet.user.UserApi.newEmail;
import static com.starrymeet.user.UserApi.ok;
import static com.starrymeet.user.UserApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Email verification, resend, forgot/reset password, account erasure and export, against the running service on
 * real PostgreSQL, Kafka and Redis. Tokens are taken from the events notification-service would receive.
 */
@ServiceTest
class AccountLifecycleTest {

	static final String NEW_PASSWORD = "N3w!Passw0rd-x";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	Environment environment;

	UserApi api;

	@BeforeEach
	void connect() {
		api = new UserApi(port, environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
	}

	/** The token as notification-service gets it: opened from the event with the link-sealing private key. */
	String verificationToken(String userId, int count) {
		var sealed = api.latest(userId, "EmailVerificationRequested", count).get("sealedToken").asString();
		return LinkSealingTestKey.open(sealed, "email-verification", userId);
	}

	boolean emailVerified(String userId) {
		return jdbc.sql("SELECT email_verified FROM app_user WHERE id = :id")
			.param("id", UUID.fromString(userId))
			.query(Boolean.class)
			.single();
	}

	// --- verify email

	@Test
	void verifiesTheEmailOnceWithTheTokenFromTheEvent() {
		var session = api.register(newEmail());
		var userId = session.get("user").get("id").asString();
		var token = verificationToken(userId, 1);

		var verified = ok(api.post("/v1/auth/verify-email", "{\"token\": \"%s\"}".formatted(token)));

		assertThat(verified.get("emailVerified").asBoolean()).isTrue();
		assertThat(emailVerified(userId)).isTrue();
		assertThat(jdbc.sql("SELECT used_at IS NOT NULL FROM email_verification_token WHERE token_hash = :hash")
			.param("hash", Secrets.sha256(token))
			.query(Boolean.class)
			.single()).isTrue();
		// single use
		problem(api.post("/v1/auth/verify-email", "{\"token\": \"%s\"}".formatted(token)), 400,
				"INVALID_VERIFICATION_TOKEN");
		var me = ok(api.get("/v1/users/me", session.get("accessToken").asString()));
		assertThat(me.get("emailVerified").asBoolean()).isTrue();
	}

	@Test
	void anExpiredOrUnknownVerificationTokenFails() {
		var userId = api.register(newEmail()).get("user").get("id").asString();
		var token = verificationToken(userId, 1);
		jdbc.sql("UPDATE email_verification_token SET expires_at = now() - interval '1 second' WHERE token_hash = :hash")
			.param("hash", Secrets.sha256(token))
			.update();

		problem(api.post("/v1/auth/verify-email", "{\"token\": \"%s\"}".formatted(token)), 400,
				"INVALID_VERIFICATION_TOKEN");
		problem(api.post("/v1/auth/verify-email", "{\"token\": \"%s\"}".formatted(Secrets.newToken())), 400,
				"INVALID_VERIFICATION_TOKEN");
		assertThat(emailVerified(userId)).isFalse();
	}

	@Test
	void resendIsAlways202AndReplacesTheToken() {
		var email = newEmail();
		var userId = api.register(email).get("user").get("id").asString();
		var first = verificationToken(userId, 1);

		var response = api.post("/v1/auth/resend-verification", "{\"email\": \"%s\"}".formatted(email.toUpperCase()));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).isEmpty();
		var events = api.events(userId, seen -> seen.stream().filter(e -> isType(e, "EmailVerificationRequested")).count() >= 2)
			.stream()
			.map(json::readTree)
			.filter(e -> isType(e, "EmailVerificationRequested"))
			.map(e -> LinkSealingTestKey.open(e.get("payload").get("sealedToken").asString(), "email-verification",
					userId))
			.toList();
		assertThat(events).hasSize(2);
		var second = events.stream().filter(t -> !t.equals(first)).findFirst().orElseThrow();

		// the old link no longer works, the new one does
		problem(api.post("/v1/auth/verify-email", "{\"token\": \"%s\"}".formatted(first)), 400,
				"INVALID_VERIFICATION_TOKEN");
		ok(api.post("/v1/auth/verify-email", "{\"token\": \"%s\"}".formatted(second)));
		assertThat(emailVerified(userId)).isTrue();

		// unknown email, and an already verified account: 202 and nothing issued
		assertThat(api.post("/v1/auth/resend-verification", "{\"email\": \"%s\"}".formatted(newEmail())).statusCode())
			.isEqualTo(202);
		assertThat(api.post("/v1/auth/resend-verification", "{\"email\": \"%s\"}".formatted(email)).statusCode())
			.isEqualTo(202);
		assertThat(jdbc.sql("SELECT count(*) FROM email_verification_token WHERE user_id = :id AND used_at IS NULL")
			.param("id", UUID.fromString(userId))
			.query(Long.class)
			.single()).isZero();
	}

	// --- forgot / reset password

	@Test
	void forgotPasswordIs202ForAnUnknownEmailAndPublishesNothing() {
		var unknown = newEmail();
		var known = newEmail();
		var knownId = api.register(known).get("user").get("id").asString();

		var response = api.post("/v1/auth/forgot-password", "{\"email\": \"%s\"}".formatted(unknown));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(api.post("/v1/auth/forgot-password", "{\"email\": \"%s\"}".formatted(known)).statusCode())
			.isEqualTo(202);

		// the known email's request arrives; nothing was ever published for the unknown one
		api.latest(knownId, "PasswordResetRequested", 1);
		assertThat(jdbc.sql("SELECT count(*) FROM password_reset_token t JOIN app_user u ON u.id = t.user_id "
				+ "WHERE u.email = :email").param("email", unknown).query(Long.class).single()).isZero();
		assertThat(api.readAll()).isNotEmpty().noneMatch(v -> v.contains(unknown));
	}

	@Test
	void resetRequestCarriesTheUsersCurrentVersionSoOrderedConsumersKeepIt() {
		var email = newEmail();
		var registered = api.register(email);
		var userId = registered.get("user").get("id").asString();
		var access = registered.get("accessToken").asString();
		assertThat(api.send("PATCH", "/v1/users/me", "{\"firstName\": \"Grace\"}", access).statusCode()).isEqualTo(200);

		assertThat(api.post("/v1/auth/forgot-password", "{\"email\": \"%s\"}".formatted(email)).statusCode())
			.isEqualTo(202);

		var events = api.events(userId, seen -> seen.stream().anyMatch(e -> UserApi.isType(e, "PasswordResetRequested")))
			.stream()
			.map(UserApi.json::readTree)
			.toList();
		var updated = events.stream().filter(e -> UserApi.isType(e, "UserUpdated")).findFirst().orElseThrow();
		var reset = events.stream().filter(e -> UserApi.isType(e, "PasswordResetRequested")).findFirst().orElseThrow();
		assertThat(reset.get("aggregateVersion").asLong())
			.isEqualTo(updated.get("aggregateVersion").asLong())
			.isGreaterThan(1);
	}

	@Test
	void resetPasswordEndsEverySessionAndIsSingleUse() throws Exception {
		var email = newEmail();
		var session = api.register(email);
		var userId = session.get("user").get("id").asString();
		var otherSession = data(api.login(email, PASSWORD)).get("refreshToken").asString();
		for (int i = 0; i < 3; i++) {
			problem(api.login(email, "Wr0ng!pass"), 401, "INVALID_CREDENTIALS");
		}

		assertThat(api.post("/v1/auth/forgot-password", "{\"email\": \"%s\"}".formatted(email)).statusCode())
			.isEqualTo(202);
		var event = api.latest(userId, "PasswordResetRequested", 1);
		assertThat(event.has("resetToken")).isFalse();
		var token = LinkSealingTestKey.open(event.get("sealedToken").asString(), "password-reset", userId);
		assertThat(event.get("email").asString()).isEqualTo(email);
		assertThat(Instant.parse(event.get("expiresAt").asString()))
			.isBetween(Instant.now().plusSeconds(3000), Instant.now().plusSeconds(3601));
		assertThat(jdbc.sql("SELECT count(*) FROM password_reset_token WHERE token_hash = :hash AND user_id = :id")
			.param("hash", Secrets.sha256(token))
			.param("id", UUID.fromString(userId))
			.query(Long.class)
			.single()).isEqualTo(1);

		// the same password rules as registration
		var weak = problem(api.post("/v1/auth/reset-password", """
				{"token": "%s", "newPassword": "weakpass"}""".formatted(token)), 400, "VALIDATION_FAILED");
		assertThat(weak.get("errors").get(0).get("field").asString()).isEqualTo("newPassword");

		var reset = api.post("/v1/auth/reset-password", """
				{"token": "%s", "newPassword": "%s"}""".formatted(token, NEW_PASSWORD));
		assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);

		// every refresh family revoked
		problem(api.refresh(session.get("refreshToken").asString()), 401, "INVALID_REFRESH_TOKEN");
		problem(api.refresh(otherSession), 401, "INVALID_REFRESH_TOKEN");
		// live access tokens cut off at the gateway
		var notBefore = redis.opsForValue().get("auth:not-before:" + userId);
		assertThat(notBefore).isNotNull();
		var iat = SignedJWT.parse(session.get("accessToken").asString()).getJWTClaimsSet().getIssueTime().toInstant();
		assertThat(Long.parseLong(notBefore)).isBetween(iat.getEpochSecond(), Instant.now().getEpochSecond());
		assertThat(redis.getExpire("auth:not-before:" + userId)).isBetween(1L, 900L);
		// the lockout count is gone
		assertThat(jdbc.sql("SELECT count(*) FROM login_attempt WHERE email = :email")
			.param("email", email)
			.query(Long.class)
			.single()).isZero();
		// new password works, old one does not; bcrypt 12
		problem(api.login(email, PASSWORD), 401, "INVALID_CREDENTIALS");
		assertThat(api.login(email, NEW_PASSWORD).statusCode()).isEqualTo(200);
		assertThat(jdbc.sql("SELECT password_hash FROM app_user WHERE id = :id")
			.param("id", UUID.fromString(userId))
			.query(String.class)
			.single()).startsWith("$2a$12$");
		// single use
		problem(api.post("/v1/auth/reset-password", """
				{"token": "%s", "newPassword": "%s"}""".formatted(token, "An0ther!Passw0rd")), 400,
				"INVALID_RESET_TOKEN");
		assertThat(api.login(email, NEW_PASSWORD).statusCode()).isEqualTo(200);
	}

	@Test
	void anExpiredResetTokenFails() {
		var email = newEmail();
		var userId = api.register(email).get("user").get("id").asString();
		api.post("/v1/auth/forgot-password", "{\"email\": \"%s\"}".formatted(email));
		var token = LinkSealingTestKey.open(api.latest(userId, "PasswordResetRequested", 1).get("sealedToken").asString(),
				"password-reset", userId);
		jdbc.sql("UPDATE password_reset_token SET expires_at = now() - interval '1 second' WHERE token_hash = :hash")
			.param("hash", Secrets.sha256(token))
			.update();

		problem(api.post("/v1/auth/reset-password", """
				{"token": "%s", "newPassword": "%s"}""".formatted(token, NEW_PASSWORD)), 400, "INVALID_RESET_TOKEN");
		assertThat(api.login(email, PASSWORD).statusCode()).isEqualTo(200);
	}

	// --- delete

	@Test
	void deleteErasesThePersonalDataAndEndsEverything() {
		var email = newEmail();
		var session = api.register(email);
		var userId = session.get("user").get("id").asString();
		var access = session.get("accessToken").asString();
		api.send("PATCH", "/v1/users/me", "{\"avatarUrl\": \"https://cdn.example.test/a.png\"}", access);

		problem(api.send("DELETE", "/v1/users/me", "{\"password\": \"Wr0ng!pass\"}", access), 401,
				"INVALID_CREDENTIALS");
		var unknown = problem(api.send("DELETE", "/v1/users/me",
				"{\"password\": \"%s\", \"reason\": \"x\"}".formatted(PASSWORD), access), 400, "VALIDATION_FAILED");
		assertThat(unknown.get("errors").get(0).get("field").asString()).isEqualTo("reason");
		var response = api.send("DELETE", "/v1/users/me", "{\"password\": \"%s\"}".formatted(PASSWORD), access);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(204);

		var row = jdbc.sql("""
				SELECT email, first_name, last_name, phone, avatar_url, password_hash, status, deleted_at
				FROM app_user WHERE id = :id""")
			.param("id", UUID.fromString(userId))
			.query((rs, n) -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8) })
			.single();
		assertThat(row[0]).isEqualTo("deleted-" + userId + "@deleted.invalid");
		assertThat(row[1]).isNull();
		assertThat(row[2]).isNull();
		assertThat(row[3]).isNull();
		assertThat(row[4]).isNull();
		assertThat((String) row[5]).doesNotStartWith("$2");
		assertThat(row[6]).isEqualTo("DELETED");
		assertThat(row[7]).isNotNull();
		assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE email = :email").param("email", email)
			.query(Long.class).single()).isZero();

		// no way back in
		problem(api.login(email, PASSWORD), 401, "INVALID_CREDENTIALS");
		problem(api.refresh(session.get("refreshToken").asString()), 401, "INVALID_REFRESH_TOKEN");
		problem(api.get("/v1/users/me", access), 401, "UNAUTHORIZED");
		assertThat(redis.hasKey("auth:not-before:" + userId)).isTrue();
		// the email can be used again
		api.register(email);

		// UserDeleted carries the id only
		var deleted = api.latest(userId, "UserDeleted", 1);
		assertThat(deleted.get("userId").asString()).isEqualTo(userId);
		assertThat(deleted.propertyNames()).containsExactlyInAnyOrder("userId", "deletedAt");
		assertThat(deleted.toString()).doesNotContain(email).doesNotContain("Ada").doesNotContain("Lovelace");
	}

	// --- export

	@Test
	void exportHasEverythingButSecrets() {
		var email = newEmail();
		var session = api.register(email);
		var userId = session.get("user").get("id").asString();
		var access = session.get("accessToken").asString();
		var refreshToken = session.get("refreshToken").asString();
		var secret = ok(api.post("/v1/users/me/2fa/setup", "", access)).get("secret").asString();
		problem(api.login(email, "Wr0ng!pass"), 401, "INVALID_CREDENTIALS");

		var response = api.get("/v1/users/me/export", access);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				v -> assertThat(v).startsWith("attachment").contains("starrymeet-export-" + userId + ".json"));
		var export = json.readTree(response.body());
		assertThat(export.get("profile").get("id").asString()).isEqualTo(userId);
		assertThat(export.get("profile").get("email").asString()).isEqualTo(email);
		assertThat(export.get("profile").get("phone").asString()).isEqualTo("+14155550123");
		assertThat(export.get("role").asString()).isEqualTo("USER");
		assertThat(export.get("status").asString()).isEqualTo("ACTIVE");
		assertThat(export.get("twoFactorEnabled").asBoolean()).isFalse();
		assertThat(export.get("activeSessions").size()).isEqualTo(1);
		assertThat(export.get("activeSessions").get(0).has("createdAt")).isTrue();
		assertThat(export.get("loginActivity").get("consecutiveFailures").asInt()).isEqualTo(1);
		var hash = jdbc.sql("SELECT password_hash FROM app_user WHERE id = :id")
			.param("id", UUID.fromString(userId))
			.query(String.class)
			.single();
		assertThat(response.body()).doesNotContain(hash)
			.doesNotContain("$2a$")
			.doesNotContain(secret)
			.doesNotContain(refreshToken)
			.doesNotContain(Secrets.sha256(refreshToken))
			.doesNotContainIgnoringCase("password")
			.doesNotContain(access);
	}

}

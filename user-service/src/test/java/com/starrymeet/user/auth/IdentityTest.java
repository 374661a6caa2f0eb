package com.starrymeet.user.auth;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.user.token.Secrets;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Register, login (with lockout), refresh rotation and reuse detection, logout, the user's own profile, the
 * JWKS and the UserRegistered event, against the running service on real PostgreSQL, Kafka and Redis.
 */
@ServiceTest
class IdentityTest {

	static final JsonMapper json = new JsonMapper();

	static final String PASSWORD = "Str0ng!Passw0rd";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	Environment environment;

	TestHttp http;

	@BeforeEach
	void connect() {
		http = TestHttp.at(port);
	}

	static String newEmail() {
		return "fan-" + UUID.randomUUID() + "@example.test";
	}

	HttpResponse<String> register(String email, String password) {
		return http.post("/v1/auth/register", """
				{"email": "%s", "password": "%s", "firstName": "Ada", "lastName": "Lovelace", "phone": "+14155550123"}"""
			.formatted(email, password), "application/json");
	}

	HttpResponse<String> login(String email, String password) {
		return http.post("/v1/auth/login", """
				{"email": "%s", "password": "%s"}""".formatted(email, password), "application/json");
	}

	HttpResponse<String> refresh(String token) {
		return http.post("/v1/auth/refresh", "{\"refreshToken\": \"%s\"}".formatted(token), "application/json");
	}

	static JsonNode data(HttpResponse<String> response) {
		return json.readTree(response.body()).get("data");
	}

	static JsonNode problem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				v -> assertThat(v).startsWith("application/problem+json"));
		var body = json.readTree(response.body());
		assertThat(body.get("code").asString()).isEqualTo(code);
		return body;
	}

	long users(String email) {
		return jdbc.sql("SELECT count(*) FROM app_user WHERE lower(email) = lower(:email)")
			.param("email", email)
			.query(Long.class)
			.single();
	}

	// --- register

	@Test
	void registersWithTokensAndUnverifiedEmail() {
		var email = "  Fan-" + UUID.randomUUID() + "@Example.TEST ";
		var response = register(email, PASSWORD);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		var data = data(response);
		assertThat(data.get("user").get("email").asString()).isEqualTo(email.trim().toLowerCase());
		assertThat(data.get("user").get("emailVerified").asBoolean()).isFalse();
		assertThat(data.get("user").get("role").asString()).isEqualTo("USER");
		assertThat(data.get("accessToken").asString()).isNotBlank();
		assertThat(data.get("refreshToken").asString()).isNotBlank();
		assertThat(data.get("expiresIn").asLong()).isEqualTo(900);
		assertThat(response.body()).doesNotContain(PASSWORD).doesNotContainIgnoringCase("hash");
		var stored = jdbc.sql("SELECT password_hash FROM app_user WHERE email = :email")
			.param("email", email.trim().toLowerCase())
			.query(String.class)
			.single();
		assertThat(stored).startsWith("$2a$12$").doesNotContain(PASSWORD);
		assertThat(jdbc.sql("SELECT count(*) FROM email_verification_token t JOIN app_user u ON u.id = t.user_id "
				+ "WHERE u.email = :email AND t.expires_at > now() + interval '23 hours'")
			.param("email", email.trim().toLowerCase())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aTakenEmailIsAConflictWhateverItsCase() {
		var email = newEmail();
		assertThat(register(email, PASSWORD).statusCode()).isEqualTo(201);

		problem(register(email.toUpperCase(), PASSWORD), 409, "EMAIL_TAKEN");
		assertThat(users(email)).isEqualTo(1);
	}

	@Test
	void aWeakPasswordIsRejectedWithFieldErrors() {
		var email = newEmail();
		var body = problem(register(email, "short"), 400, "VALIDATION_FAILED");
		var messages = body.get("errors").valueStream()
			.filter(e -> e.get("field").asString().equals("password"))
			.map(e -> e.get("message").asString())
			.toList();
		assertThat(messages).contains("must contain an upper-case letter", "must contain a digit",
				"must contain a symbol");
		problem(register(email, email), 400, "VALIDATION_FAILED"); // no upper case
		var same = "Aa1!" + UUID.randomUUID() + "@example.test";
		var sameBody = problem(register(same, same), 400, "VALIDATION_FAILED");
		assertThat(sameBody.get("errors").get(0).get("message").asString()).isEqualTo("must not be the email");
		assertThat(users(email)).isZero();
		assertThat(users(same)).isZero();
	}

	@Test
	void serverOwnedFieldsCannotBeSetAtRegistration() {
		var email = newEmail();
		var response = http.post("/v1/auth/register", """
				{"email": "%s", "password": "%s", "firstName": "Eve", "lastName": "Mallory", "role": "ADMIN"}"""
			.formatted(email, PASSWORD), "application/json");

		var body = problem(response, 400, "VALIDATION_FAILED");
		assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("role");
		assertThat(users(email)).isZero();
	}

	// --- login

	@Test
	void logsInWithTokensAndASecureRefreshCookie() {
		var email = newEmail();
		register(email, PASSWORD);

		var response = login(email.toUpperCase(), PASSWORD);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		var refreshToken = data(response).get("refreshToken").asString();
		var cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).startsWith("refresh_token=" + refreshToken + ";")
			.contains("HttpOnly", "Secure", "SameSite=Strict", "Path=/v1/auth", "Max-Age=604800");
		assertThat(jdbc.sql("SELECT count(*) FROM refresh_token WHERE token_hash = :hash")
			.param("hash", Secrets.sha256(refreshToken))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
		var email = newEmail();
		register(email, PASSWORD);

		var wrongPassword = problem(login(email, PASSWORD + "x"), 401, "INVALID_CREDENTIALS");
		var unknownEmail = problem(login(newEmail(), PASSWORD), 401, "INVALID_CREDENTIALS");

		((tools.jackson.databind.node.ObjectNode) wrongPassword).remove(List.of("traceId", "instance"));
		((tools.jackson.databind.node.ObjectNode) unknownEmail).remove(List.of("traceId", "instance"));
		assertThat(wrongPassword).isEqualTo(unknownEmail);
	}

	@Test
	void fiveFailuresLockAnEmailEvenWithTheRightPassword() {
		var email = newEmail();
		register(email, PASSWORD);
		for (int i = 0; i < 5; i++) {
			problem(login(email, "Wr0ng!pass"), 401, "INVALID_CREDENTIALS");
		}

		var locked = login(email, PASSWORD);

		problem(locked, 429, "ACCOUNT_LOCKED");
		assertThat(locked.headers().firstValue("Retry-After").map(Long::parseLong))
			.hasValueSatisfying(s -> assertThat(s).isBetween(850L, 900L));
	}

	@Test
	void anUnknownEmailIsLockedToo() {
		var email = newEmail();
		for (int i = 0; i < 5; i++) {
			problem(login(email, "Wr0ng!pass"), 401, "INVALID_CREDENTIALS");
		}
		var locked = login(email, "Wr0ng!pass");
		problem(locked, 429, "ACCOUNT_LOCKED");
		assertThat(locked.headers().firstValue("Retry-After")).isPresent();
	}

	@Test
	void successResetsTheFailureCount() {
		var email = newEmail();
		register(email, PASSWORD);
		for (int i = 0; i < 4; i++) {
			login(email, "Wr0ng!pass");
		}
		assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
		for (int i = 0; i < 4; i++) {
			problem(login(email, "Wr0ng!pass"), 401, "INVALID_CREDENTIALS");
		}
		assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
	}

	@Test
	void aSuspendedUserCannotLogIn() {
		var email = newEmail();
		register(email, PASSWORD);
		jdbc.sql("UPDATE app_user SET status = 'SUSPENDED' WHERE email = :email").param("email", email).update();

		problem(login(email, PASSWORD), 403, "ACCOUNT_SUSPENDED");
	}

	// --- refresh

	@Test
	void refreshRotatesTheToken() {
		var first = data(register(newEmail(), PASSWORD)).get("refreshToken").asString();

		var response = refresh(first);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		var second = data(response).get("refreshToken").asString();
		assertThat(second).isNotEqualTo(first);
		assertThat(data(response).get("accessToken").asString()).isNotBlank();
		assertThat(refresh(second).statusCode()).isEqualTo(200);
	}

	@Test
	void refreshAcceptsTheCookie() {
		var first = data(register(newEmail(), PASSWORD)).get("refreshToken").asString();

		var response = http.send(http.request("/v1/auth/refresh", "Cookie", "refresh_token=" + first)
			.POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void reusingARotatedTokenRevokesTheWholeFamily() {
		var first = data(register(newEmail(), PASSWORD)).get("refreshToken").asString();
		var second = data(refresh(first)).get("refreshToken").asString();

		problem(refresh(first), 401, "REFRESH_TOKEN_REUSED");

		problem(refresh(second), 401, "INVALID_REFRESH_TOKEN");
	}

	@Test
	void unknownRefreshTokenIsUnauthorized() {
		problem(refresh(Secrets.newToken()), 401, "INVALID_REFRESH_TOKEN");
		problem(http.post("/v1/auth/refresh", "{}", "application/json"), 401, "INVALID_REFRESH_TOKEN");
	}

	@Test
	void anExpiredRefreshTokenIsUnauthorized() {
		var token = data(register(newEmail(), PASSWORD)).get("refreshToken").asString();
		jdbc.sql("UPDATE refresh_token SET expires_at = now() - interval '1 second' WHERE token_hash = :hash")
			.param("hash", Secrets.sha256(token))
			.update();
		problem(refresh(token), 401, "INVALID_REFRESH_TOKEN");
	}

	@Test
	void twoConcurrentRefreshesWithOneTokenLetExactlyOneThrough() throws Exception {
		var token = data(register(newEmail(), PASSWORD)).get("refreshToken").asString();
		var family = jdbc.sql("SELECT family_id FROM refresh_token WHERE token_hash = :hash")
			.param("hash", Secrets.sha256(token))
			.query(UUID.class)
			.single();
		var start = new CountDownLatch(1);
		var calls = new ArrayList<Callable<Integer>>();
		for (int i = 0; i < 2; i++) {
			calls.add(() -> {
				start.await();
				return refresh(token).statusCode();
			});
		}
		List<Integer> statuses;
		try (var pool = Executors.newFixedThreadPool(2)) {
			var futures = calls.stream().map(pool::submit).toList();
			start.countDown();
			statuses = new ArrayList<>();
			for (var f : futures) {
				statuses.add(f.get());
			}
		}

		assertThat(statuses).containsExactlyInAnyOrder(200, 401);
		// one successor was issued in the family, and the presented token was used once
		assertThat(jdbc.sql("SELECT count(*) FROM refresh_token WHERE family_id = :family")
			.param("family", family)
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(jdbc.sql("SELECT count(*) FROM refresh_token WHERE token_hash = :hash AND used_at IS NOT NULL")
			.param("hash", Secrets.sha256(token))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	// --- logout

	@Test
	void logoutRevokesTheFamilyAndDenyListsTheAccessToken() throws Exception {
		var session = data(register(newEmail(), PASSWORD));
		var access = session.get("accessToken").asString();
		var refreshToken = session.get("refreshToken").asString();

		var response = http.post("/v1/auth/logout", "{\"refreshToken\": \"%s\"}".formatted(refreshToken),
				"application/json", "Authorization", TestHttp.bearer(access));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
		assertThat(response.headers().firstValue("Set-Cookie")).hasValueSatisfying(
				c -> assertThat(c).startsWith("refresh_token=;").contains("Max-Age=0", "Path=/v1/auth"));
		problem(refresh(refreshToken), 401, "INVALID_REFRESH_TOKEN");
		var jti = SignedJWT.parse(access).getJWTClaimsSet().getJWTID();
		var key = "denied:jti:" + jti;
		assertThat(redis.hasKey(key)).isTrue();
		assertThat(redis.getExpire(key)).isBetween(1L, 900L);
	}

	@Test
	void logoutNeedsAnAccessToken() {
		problem(http.post("/v1/auth/logout", "{}", "application/json"), 401, "UNAUTHORIZED");
	}

	// --- me

	@Test
	void meIsTheTokensSubject() {
		var email = newEmail();
		var session = data(register(email, PASSWORD));
		var access = session.get("accessToken").asString();

		var response = http.get("/v1/users/me", "Authorization", TestHttp.bearer(access));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(data(response).get("id").asString()).isEqualTo(session.get("user").get("id").asString());
		assertThat(data(response).get("email").asString()).isEqualTo(email);
		assertThat(response.body()).doesNotContainIgnoringCase("password");
		problem(http.get("/v1/users/me"), 401, "UNAUTHORIZED");
	}

	@Test
	void patchChangesOnlyTheProfileFields() {
		var email = newEmail();
		var access = data(register(email, PASSWORD)).get("accessToken").asString();

		var response = http.method("PATCH", "/v1/users/me", """
				{"firstName": "Grace", "avatarUrl": "https://cdn.example.test/a.png"}""", "Authorization",
				TestHttp.bearer(access), "Content-Type", "application/json");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(data(response).get("firstName").asString()).isEqualTo("Grace");
		assertThat(data(response).get("lastName").asString()).isEqualTo("Lovelace");
		assertThat(data(response).get("avatarUrl").asString()).isEqualTo("https://cdn.example.test/a.png");
		assertThat(jdbc.sql("SELECT version FROM app_user WHERE email = :email")
			.param("email", email)
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void patchKeepsAnAbsentFieldApartFromANullOne() {
		var email = newEmail();
		var access = data(register(email, PASSWORD)).get("accessToken").asString();
		var patch = (java.util.function.Function<String, java.net.http.HttpResponse<String>>) body -> http.method("PATCH",
				"/v1/users/me", body, "Authorization", TestHttp.bearer(access), "Content-Type", "application/json");

		// absent: kept (the phone given at registration stays)
		assertThat(data(patch.apply("{\"lastName\": \"Byron\"}")).get("phone").asString()).isEqualTo("+14155550123");
		// null clears an optional field
		var cleared = data(patch.apply("{\"phone\": null}"));
		assertThat(cleared.hasNonNull("phone")).isFalse();
		assertThat(cleared.get("lastName").asString()).isEqualTo("Byron");
		// a name cannot be cleared, by null or blank
		var nullName = problem(patch.apply("{\"firstName\": null}"), 400, "VALIDATION_FAILED");
		assertThat(nullName.get("errors").get(0).get("field").asString()).isEqualTo("firstName");
		problem(patch.apply("{\"lastName\": \"  \"}"), 400, "VALIDATION_FAILED");
		// the value's own rules still apply
		var badPhone = problem(patch.apply("{\"phone\": \"0123\"}"), 400, "VALIDATION_FAILED");
		assertThat(badPhone.get("errors").get(0).get("field").asString()).startsWith("phone");
		assertThat(data(http.get("/v1/users/me", "Authorization", TestHttp.bearer(access))).get("firstName").asString())
			.isEqualTo("Ada");
	}

	@Test
	void patchRejectsEveryOtherField() {
		var email = newEmail();
		var access = data(register(email, PASSWORD)).get("accessToken").asString();
		for (var field : Map.of("email", "\"evil@example.test\"", "role", "\"ADMIN\"", "emailVerified", "true")
			.entrySet()) {
			var response = http.method("PATCH", "/v1/users/me", "{\"%s\": %s}".formatted(field.getKey(), field.getValue()),
					"Authorization", TestHttp.bearer(access), "Content-Type", "application/json");
			var body = problem(response, 400, "VALIDATION_FAILED");
			assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo(field.getKey());
		}
		var stored = jdbc.sql("SELECT email || role || email_verified FROM app_user WHERE email = :email")
			.param("email", email)
			.query(String.class)
			.single();
		assertThat(stored).isEqualTo(email + "USER" + "false");
	}

	// --- keys

	@Test
	void jwksListsPublicKeysOnly() {
		var response = http.get("/.well-known/jwks.json");

		assertThat(response.statusCode()).isEqualTo(200);
		var keys = json.readTree(response.body()).get("keys");
		assertThat(keys.size()).isGreaterThanOrEqualTo(1);
		keys.valueStream().forEach(key -> {
			assertThat(key.get("kid").asString()).isNotBlank();
			assertThat(key.get("kty").asString()).isEqualTo("RSA");
			assertThat(key.get("alg").asString()).isEqualTo("RS256");
			assertThat(key.get("use").asString()).isEqualTo("sig");
			for (var privatePart : List.of("d", "p", "q", "dp", "dq", "qi")) {
				assertThat(key.has(privatePart)).as(privatePart).isFalse();
			}
		});
	}

	@Test
	void anIssuedTokenVerifiesAgainstTheJwks() throws Exception {
		var email = newEmail();
		var session = data(register(email, PASSWORD));
		var jwt = SignedJWT.parse(session.get("accessToken").asString());
		var jwks = JWKSet.parse(http.get("/.well-known/jwks.json").body());

		var key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(key).isNotNull();
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
		assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
		var claims = jwt.getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo(session.get("user").get("id").asString());
		assertThat(claims.getStringClaim("email")).isEqualTo(email);
		assertThat(claims.getStringClaim("role")).isEqualTo("USER");
		assertThat(claims.getIssuer()).isEqualTo("https://auth.starrymeet.local");
		assertThat(claims.getAudience()).containsExactly("starrymeet-api");
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isEqualTo(Duration.ofMinutes(15));
	}

	// --- events

	@Test
	void userRegisteredReachesKafkaWithoutThePassword() {
		var email = newEmail();
		var userId = data(register(email, PASSWORD)).get("user").get("id").asString();

		try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				environment.getRequiredProperty("spring.kafka.bootstrap-servers"), ConsumerConfig.GROUP_ID_CONFIG,
				"test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of("starrymeet.user.v1"));
			var mine = new ArrayList<String>();
			long deadline = System.currentTimeMillis() + 30_000;
			while (System.currentTimeMillis() < deadline && mine.size() < 2) {
				consumer.poll(Duration.ofMillis(500)).forEach(r -> {
					if (userId.equals(r.key())) {
						mine.add(r.value());
					}
				});
			}
			assertThat(mine).anySatisfy(v -> {
				var event = json.readTree(v);
				assertThat(event.get("type").asString()).isEqualTo("UserRegistered");
				assertThat(event.get("aggregateId").asString()).isEqualTo(userId);
				assertThat(event.get("payload").get("email").asString()).isEqualTo(email);
			});
			assertThat(mine).anySatisfy(v -> assertThat(json.readTree(v).get("type").asString())
				.isEqualTo("EmailVerificationRequested"));
			assertThat(mine).allSatisfy(v -> assertThat(v).doesNotContain(PASSWORD).doesNotContain("$2a$"));
		}
	}
}

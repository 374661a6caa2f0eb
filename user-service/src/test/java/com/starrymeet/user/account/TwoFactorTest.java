package com.starrymeet.user.account;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.user.UserApi;
import com.starrymeet.user.token.Secrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.starrymeet.user.UserApi.PASSWORD;
import static com.starrymeet.user.UserApi.newEmail;
import static com.starrymeet.user.UserApi.ok;
import static com.starrymeet.user.UserApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TOTP 2FA end to end: setup, enable with a code computed here (an RFC 6238 implementation of the test's own,
 * checked against the RFC's SHA-1 vectors), login with and without a code, replay, recovery codes, disable.
 */
@ServiceTest
class TwoFactorTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	UserApi api;

	@BeforeEach
	void connect() {
		api = new UserApi(port, environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
	}

	// --- the test's own RFC 6238 (HMAC-SHA1), independent of the service's

	static byte[] base32(String text) {
		var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		var out = new ByteArrayOutputStream();
		int buffer = 0;
		int bits = 0;
		for (char c : text.toUpperCase(Locale.ROOT).replace("=", "").toCharArray()) {
			buffer = (buffer << 5) | alphabet.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				out.write((buffer >> (bits - 8)) & 0xff);
				bits -= 8;
			}
		}
		return out.toByteArray();
	}

	static String totp(byte[] key, long step, int digits) throws Exception {
		var mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(key, "HmacSHA1"));
		var message = new byte[8];
		for (int i = 7; i >= 0; i--) {
			message[i] = (byte) (step & 0xff);
			step >>= 8;
		}
		var hash = mac.doFinal(message);
		int offset = hash[19] & 0xf;
		long binary = ((hash[offset] & 0x7fL) << 24) | ((hash[offset + 1] & 0xffL) << 16)
				| ((hash[offset + 2] & 0xffL) << 8) | (hash[offset + 3] & 0xffL);
		var code = Long.toString(binary % (long) Math.pow(10, digits));
		return "0".repeat(digits - code.length()) + code;
	}

	static long now() {
		return Instant.now().getEpochSecond() / 30;
	}

	static String code(String secret, long step) throws Exception {
		return totp(base32(secret), step, 6);
	}

	@Test
	void theTestsTotpAndTheServicesMatchTheRfc6238Sha1Vectors() throws Exception {
		var key = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
		long[] times = { 59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L };
		String[] expected = { "94287082", "07081804", "14050471", "89005924", "69279037", "65353130" };
		for (int i = 0; i < times.length; i++) {
			assertThat(totp(key, times[i] / 30, 8)).isEqualTo(expected[i]);
			// the service's 6 digits are the last 6 of the RFC's 8 (same truncated value, mod 10^6)
			assertThat(Totp.code(key, Totp.stepAt(Instant.ofEpochSecond(times[i])))).isEqualTo(expected[i].substring(2));
		}
	}

	@Test
	void setupEnableLoginReplayRecoveryAndDisable() throws Exception {
		var email = newEmail();
		var session = api.register(email);
		var userId = UUID.fromString(session.get("user").get("id").asString());
		var access = session.get("accessToken").asString();

		// setup: secret + otpauth URI, stored encrypted, not enabled yet
		var setup = ok(api.post("/v1/users/me/2fa/setup", "", access));
		var secret = setup.get("secret").asString();
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(setup.get("otpauthUri").asString())
			.isEqualTo("otpauth://totp/StarryMeet:" + email.replace("@", "%40") + "?secret=" + secret + "&issuer=StarryMeet");
		var stored = jdbc.sql("SELECT totp_secret, totp_enabled FROM app_user WHERE id = :id")
			.param("id", userId)
			.query((rs, n) -> new Object[] { rs.getString(1), rs.getBoolean(2) })
			.single();
		assertThat((String) stored[0]).startsWith("v1:").doesNotContain(secret);
		assertThat(stored[1]).isEqualTo(false);
		assertThat(api.login(email, PASSWORD).statusCode()).as("not enabled yet").isEqualTo(200);

		// enable: a wrong code is refused, a right one returns 10 recovery codes stored hashed
		long step = now();
		problem(api.post("/v1/users/me/2fa/enable", "{\"code\": \"%s\"}".formatted(wrong(code(secret, step))), access),
				400, "INVALID_TOTP_CODE");
		var enabled = ok(api.post("/v1/users/me/2fa/enable", "{\"code\": \"%s\"}".formatted(code(secret, step)), access));
		var recovery = enabled.get("recoveryCodes").valueStream().map(n -> n.asString()).toList();
		assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
		assertThat(jdbc.sql("SELECT count(*) FROM recovery_code WHERE user_id = :id AND code_hash = :hash")
			.param("id", userId)
			.param("hash", Secrets.sha256(recovery.getFirst().replace("-", "")))
			.query(Long.class)
			.single()).isEqualTo(1);
		problem(api.post("/v1/users/me/2fa/setup", "", access), 409, "TOTP_ALREADY_ENABLED");

		// login now needs the code
		problem(api.login(email, PASSWORD), 401, "TOTP_REQUIRED");
		problem(api.login(email, "Wr0ng!pass"), 401, "INVALID_CREDENTIALS"); // password first: no hint
		// the code used to enable cannot be replayed; a wrong one is INVALID_CREDENTIALS and counted
		problem(api.login(email, PASSWORD, code(secret, step)), 401, "INVALID_CREDENTIALS");
		assertThat(failures(email)).isEqualTo(2);
		// the next step (within the ±1 window) works once
		var next = code(secret, step + 1);
		assertThat(api.login(email, PASSWORD, next).statusCode()).isEqualTo(200);
		assertThat(failures(email)).isZero();
		problem(api.login(email, PASSWORD, next), 401, "INVALID_CREDENTIALS");
		// two steps ahead is outside the window
		problem(api.login(email, PASSWORD, code(secret, now() + 3)), 401, "INVALID_CREDENTIALS");

		// a recovery code works once
		assertThat(api.login(email, PASSWORD, recovery.get(1)).statusCode()).isEqualTo(200);
		problem(api.login(email, PASSWORD, recovery.get(1)), 401, "INVALID_CREDENTIALS");
		assertThat(jdbc.sql("SELECT count(*) FROM recovery_code WHERE user_id = :id AND used_at IS NULL")
			.param("id", userId)
			.query(Long.class)
			.single()).isEqualTo(9);

		// disable: password and a code both required
		problem(api.post("/v1/users/me/2fa/disable", """
				{"password": "Wr0ng!pass", "code": "%s"}""".formatted(recovery.get(2)), access), 401,
				"INVALID_CREDENTIALS");
		problem(api.post("/v1/users/me/2fa/disable", """
				{"password": "%s", "code": "000000"}""".formatted(PASSWORD), access), 401, "INVALID_CREDENTIALS");
		var disabled = api.post("/v1/users/me/2fa/disable", """
				{"password": "%s", "code": "%s"}""".formatted(PASSWORD, recovery.get(2)), access);
		assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(204);
		assertThat(jdbc.sql("SELECT totp_enabled OR totp_secret IS NOT NULL FROM app_user WHERE id = :id")
			.param("id", userId)
			.query(Boolean.class)
			.single()).isFalse();
		assertThat(jdbc.sql("SELECT count(*) FROM recovery_code WHERE user_id = :id")
			.param("id", userId)
			.query(Long.class)
			.single()).isZero();
		assertThat(api.login(email, PASSWORD).statusCode()).isEqualTo(200);
	}

	@Test
	void enableNeedsSetupFirst() throws Exception {
		var access = api.register(newEmail()).get("accessToken").asString();
		problem(api.post("/v1/users/me/2fa/enable", "{\"code\": \"123456\"}", access), 409, "TOTP_NOT_SET_UP");
		problem(api.post("/v1/users/me/2fa/disable", """
				{"password": "%s", "code": "123456"}""".formatted(PASSWORD), access), 409, "TOTP_NOT_ENABLED");
	}

	int failures(String email) {
		return jdbc.sql("SELECT coalesce(max(failures), 0) FROM login_attempt WHERE email = :email")
			.param("email", email)
			.query(Integer.class)
			.single();
	}

	static String wrong(String code) {
		return code.equals("000000") ? "111111" : "000000";
	}
}

package com.starrymeet.user.account;

import java.util.List;
import java.util.UUID;

import com.starrymeet.common.crypto.SealingException;
import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.user.DebugLogging;
import com.starrymeet.user.LinkSealingTestKey;
import com.starrymeet.user.UserApi;
import com.starrymeet.user.token.Secrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static com.starrymeet.user.UserApi.PASSWORD;
import static com.starrymeet.user.UserApi.newEmail;
import static com.starrymeet.user.UserApi.ok;
import static com.starrymeet.user.UserApi.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tokens that verify an address or reset a password are readable neither on {@code starrymeet.user.v1} nor in
 * the logs: they travel sealed for notification-service (here: the test's copy of its private key), bound to their
 * account and purpose. Each token is obtained as the user would get it — opened from the event — and then shown to
 * work through the API; the raw records (bytes, headers included) and everything logged meanwhile, with our code,
 * Spring MVC and the outbox at DEBUG, are searched for it.
 */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class SealedLinkTokensTest {

	static final String NEW_PASSWORD = "N3w!Passw0rd-sealed";

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	JdbcClient jdbc;

	UserApi api;

	@BeforeEach
	void connect() {
		api = new UserApi(port, environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
		DebugLogging.on();
	}

	@AfterEach
	void quiet() {
		DebugLogging.off();
	}

	@Test
	void theEmailedTokensLeaveOnlySealedAndOpenOnlyForTheirAccountAndPurpose(CapturedOutput output) {
		var email = newEmail();
		var userId = api.register(email).at("/user/id").asString();
		var first = api.latest(userId, "EmailVerificationRequested", 1);
		assertThat(first.propertyNames()).containsExactlyInAnyOrder("userId", "email", "firstName", "sealedToken",
				"expiresAt");
		var firstToken = LinkSealingTestKey.open(first.get("sealedToken").asString(), "email-verification", userId);

		assertThat(api.post("/v1/auth/resend-verification", "{\"email\": \"%s\"}".formatted(email)).statusCode())
			.isEqualTo(202);
		var secondToken = LinkSealingTestKey.open(
				api.latest(userId, "EmailVerificationRequested", 2).get("sealedToken").asString(), "email-verification",
				userId);
		assertThat(api.post("/v1/auth/forgot-password", "{\"email\": \"%s\"}".formatted(email)).statusCode())
			.isEqualTo(202);
		var reset = api.latest(userId, "PasswordResetRequested", 1);
		assertThat(reset.propertyNames()).containsExactlyInAnyOrder("userId", "email", "firstName", "sealedToken",
				"expiresAt");
		var sealedReset = reset.get("sealedToken").asString();
		var resetToken = LinkSealingTestKey.open(sealedReset, "password-reset", userId);
		var tokens = List.of(firstToken, secondToken, resetToken);
		assertThat(tokens).doesNotHaveDuplicates().allMatch(t -> t.length() >= 43);

		// bound to its account and purpose: it does not open as another's, or as a verification token
		assertThatThrownBy(() -> LinkSealingTestKey.open(sealedReset, "email-verification", userId))
			.isInstanceOf(SealingException.class);
		assertThatThrownBy(() -> LinkSealingTestKey.open(sealedReset, "password-reset", UUID.randomUUID()))
			.isInstanceOf(SealingException.class);

		// nowhere on the topic, as bytes: not in clear, not as its stored hash
		var records = api.rawRecords();
		assertThat(records).anyMatch(r -> r.contains(userId) && r.contains("\"sealedToken\""));
		for (var token : tokens) {
			assertThat(records).as("raw records of %s", UserApi.TOPIC)
				.noneMatch(r -> r.contains(token))
				.noneMatch(r -> r.contains(Secrets.sha256(token)));
		}
		assertThat(records).noneMatch(r -> r.contains("verificationToken") || r.contains("resetToken"));
		// nor in an outbox row still waiting
		assertThat(jdbc.sql("SELECT coalesce(string_agg(serialized_event, ' '), '') FROM event_publication")
			.query(String.class)
			.single()).doesNotContain(firstToken, secondToken, resetToken);

		// the opened tokens are the real ones: the replaced link fails, the new one verifies, the reset works
		problem(api.post("/v1/auth/verify-email", "{\"token\": \"%s\"}".formatted(firstToken)), 400,
				"INVALID_VERIFICATION_TOKEN");
		JsonNode verified = ok(api.post("/v1/auth/verify-email", "{\"token\": \"%s\"}".formatted(secondToken)));
		assertThat(verified.get("emailVerified").asBoolean()).isTrue();
		var resetResponse = api.post("/v1/auth/reset-password",
				"{\"token\": \"%s\", \"newPassword\": \"%s\"}".formatted(resetToken, NEW_PASSWORD));
		assertThat(resetResponse.statusCode()).as(resetResponse.body()).isEqualTo(204);
		problem(api.login(email, PASSWORD), 401, "INVALID_CREDENTIALS");
		assertThat(api.login(email, NEW_PASSWORD).statusCode()).isEqualTo(200);

		// and in no log line, though the requests carrying them were logged at DEBUG
		assertThat(output.getAll()).contains("TokenRequest[token=(hidden)]")
			.doesNotContain(firstToken, secondToken, resetToken, NEW_PASSWORD);
	}
}

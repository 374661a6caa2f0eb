package com.starrymeet.user.auth;

import java.util.UUID;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.user.DebugLogging;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything the service logs while accounts are created, used and failed against, with every logger at
 * DEBUG for our code, Spring MVC (which logs request bodies) and the outbox: no password, hash, token or refresh
 * token may appear, nor in any error body ({@link DebugLogging}).
 */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class NoSecretsInLogsTest {

	static final JsonMapper json = new JsonMapper();

	@LocalServerPort
	int port;

	@BeforeEach
	void debug() {
		DebugLogging.on();
	}

	@AfterEach
	void quiet() {
		DebugLogging.off();
	}

	@Test
	void noSecretReachesTheLogOrAnErrorBody(CapturedOutput output) {
		var http = TestHttp.at(port);
		var email = "quiet-" + UUID.randomUUID() + "@example.test";
		var password = "Sec-" + UUID.randomUUID().toString().substring(0, 8) + "!Aa1";
		var registered = http.post("/v1/auth/register", """
				{"email":"%s","password":"%s","firstName":"Quiet","lastName":"Fan"}""".formatted(email, password),
				"application/json");
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		var data = json.readTree(registered.body()).get("data");
		var access = data.get("accessToken").asString();
		var refresh = data.get("refreshToken").asString();

		var wrongPassword = password + "x";
		var failed = http.post("/v1/auth/login", """
				{"email":"%s","password":"%s"}""".formatted(email, wrongPassword), "application/json");
		assertThat(failed.statusCode()).isEqualTo(401);
		var refreshed = http.post("/v1/auth/refresh", "{\"refreshToken\":\"%s\"}".formatted(refresh), "application/json");
		assertThat(refreshed.statusCode()).isEqualTo(200);
		var reused = http.post("/v1/auth/refresh", "{\"refreshToken\":\"%s\"}".formatted(refresh), "application/json");
		assertThat(reused.statusCode()).isEqualTo(401);
		var forgot = http.post("/v1/auth/forgot-password", "{\"email\":\"%s\"}".formatted(email), "application/json");
		assertThat(forgot.statusCode()).isEqualTo(202);

		// the request bodies were logged (DEBUG is on), with their secrets hidden
		assertThat(output.getAll()).contains("RegisterRequest[email=" + email + ", password=(hidden)]",
				"RefreshRequest[refreshToken=(hidden)]");
		var everything = output.getAll() + failed.body() + reused.body();
		assertThat(everything).doesNotContain(password, wrongPassword, access, refresh, "$2a$",
				json.readTree(refreshed.body()).get("data").get("refreshToken").asString());
	}
}

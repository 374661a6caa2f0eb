package com.starrymeet.gateway;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One access-log line per request, without credentials, cookies or query strings. */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTest extends GatewayIntegrationTest {

	@Test
	void logsMethodPathStatusLatencyAndTraceIdButNoSecrets(CapturedOutput output) {
		String path = "/v1/users/" + UUID.randomUUID();
		String token = "Bearer " + TestTokens.user();
		String cookie = "cookie-secret-" + UUID.randomUUID();
		String query = "query-secret-" + UUID.randomUUID();

		String traceId = anonymous.get()
			.uri(path + "?email=" + query)
			.header(HttpHeaders.AUTHORIZATION, token)
			.cookie("refresh_token", cookie)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("X-Trace-Id");

		String expected = "GET " + path + " 200 ";
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut()).contains(expected));
		String line = output.getOut().lines().filter((l) -> l.contains(expected)).findFirst().orElseThrow();
		assertThat(line).contains("com.starrymeet.gateway.access")
			.containsPattern(" 200 \\d+ms ")
			.contains("traceId=" + traceId);
		assertThat(output.getAll()).doesNotContain(token.substring(7))
			.doesNotContain(token.substring(7).split("\\.")[1])
			.doesNotContain(cookie)
			.doesNotContain(query);
		assertThat(output.getOut().lines().filter((l) -> l.contains(path))).hasSize(1);
	}

	@Test
	void logsGatewayErrorsWithTheirFinalStatus(CapturedOutput output) {
		String path = "/internal/" + UUID.randomUUID();

		client.get().uri(path).exchange().expectStatus().isNotFound();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getOut()).contains("GET " + path + " 404 "));
	}

}

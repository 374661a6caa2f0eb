package com.starrymeet.gateway;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With sampling at 0 (production may sample a fraction, {@code management.tracing.sampling.probability}), a request
 * that is not sampled still has its trace id at the edge and downstream: only the spans are not recorded.
 */
@TestPropertySource(properties = "management.tracing.sampling.probability=0.0")
class UnsampledTracingTest extends GatewayIntegrationTest {

	@Test
	void anUnsampledRequestKeepsItsTraceIdAndPropagatesItUnsampled() {
		String path = "/v1/users/" + UUID.randomUUID();

		String traceId = client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("X-Trace-Id");

		assertThat(traceId).matches(TRACE_ID);
		assertThat(downstreamTraceparent("user", path)).as("sent downstream, flagged not sampled")
			.matches("00-" + traceId + "-[0-9a-f]{16}-00");
	}

	@Test
	void anUnsampledErrorNamesItsTraceId() {
		anonymous.get()
			.uri("/v1/no-such-route")
			.header("Authorization", "Bearer not-a-jwt")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.traceId")
			.value(String.class, (traceId) -> assertThat(traceId).matches(TRACE_ID));
	}

}

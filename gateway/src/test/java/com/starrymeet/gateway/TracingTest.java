package com.starrymeet.gateway;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** W3C trace context: created or continued at the edge, propagated downstream, echoed as X-Trace-Id. */
class TracingTest extends GatewayIntegrationTest {

	private static final String TRACEPARENT = "00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]";

	@Test
	void createsTraceparentAndPropagatesItDownstream() {
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
		String traceparent = downstreamTraceparent("user", path);
		assertThat(traceparent).matches(TRACEPARENT);
		assertThat(traceparent.split("-")[1]).isEqualTo(traceId);
	}

	@Test
	void continuesIncomingTraceparent() {
		String incomingTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		String incomingSpanId = "00f067aa0ba902b7";
		String path = "/v1/bookings/" + UUID.randomUUID();

		client.get()
			.uri(path)
			.header("traceparent", "00-" + incomingTraceId + "-" + incomingSpanId + "-01")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Trace-Id", incomingTraceId);

		String traceparent = downstreamTraceparent("booking", path);
		assertThat(traceparent).matches(TRACEPARENT);
		String[] parts = traceparent.split("-");
		assertThat(parts[1]).isEqualTo(incomingTraceId);
		assertThat(parts[2]).as("the gateway's own span is the downstream's parent").isNotEqualTo(incomingSpanId);
	}

	@Test
	void everyRequestGetsItsOwnTraceId() {
		String first = client.get().uri("/v1/categories").exchange().returnResult(String.class)
			.getResponseHeaders().getFirst("X-Trace-Id");
		String second = client.get().uri("/v1/categories").exchange().returnResult(String.class)
			.getResponseHeaders().getFirst("X-Trace-Id");

		assertThat(first).matches(TRACE_ID);
		assertThat(second).matches(TRACE_ID).isNotEqualTo(first);
	}

}

package com.starrymeet.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Actuator: probes, downstream health, Prometheus. */
class HealthTest extends GatewayIntegrationTest {

	@Test
	void healthShowsEveryDownstreamWithItsUri() {
		var body = client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.downstreams.status").isEqualTo("UP");
		for (String service : Backends.SERVICES) {
			String component = "$.components.downstreams.components." + service;
			body.jsonPath(component + ".status").isEqualTo("UP")
				.jsonPath(component + ".details.uri").isEqualTo(BACKENDS.get(service).baseUrl());
		}
	}

	@Test
	void probesAreUpAndContainOnlyTheGatewaysOwnState() {
		client.get()
			.uri("/actuator/health/liveness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.downstreams").doesNotExist();
		client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.downstreams").doesNotExist();
	}

	@Test
	void prometheusExposesGatewayAndCircuitBreakerMetrics() {
		client.get().uri("/v1/categories").exchange().expectStatus().isOk();

		String metrics = client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(metrics).contains("resilience4j_circuitbreaker_state")
			.contains("http_server_requests_seconds_count");
	}

}

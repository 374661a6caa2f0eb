package com.starrymeet.gateway;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator: on the public port only the status of the health and of the probes; details, components, info and
 * Prometheus only on the management port.
 */
class HealthTest extends GatewayIntegrationTest {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	private WebTestClient management() {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + managementPort)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	@Test
	void managementPortIsNotThePublicPort() {
		assertThat(managementPort).isPositive().isNotEqualTo(port);
	}

	@Test
	void publicHealthShowsTheStatusOnly() {
		String body = anonymous.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(body).isEqualTo("{\"status\":\"UP\"}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health/liveness", "/actuator/health/readiness" })
	void publicProbesShowTheStatusOnly(String probe) {
		String body = anonymous.get()
			.uri(probe)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(body).isEqualTo("{\"status\":\"UP\"}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/prometheus", "/actuator/info", "/actuator", "/actuator/health/downstreams",
			"/actuator/health/downstreams/user", "/actuator/health/ping", "/actuator/env", "/actuator/metrics" })
	void metricsAndDetailsAreNotFoundOnThePublicPort(String path) {
		for (WebTestClient caller : new WebTestClient[] { anonymous, client }) {
			caller.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.code").isEqualTo("NOT_FOUND");
		}
		// never proxied to a service's actuator either
		BACKENDS.values().forEach((server) -> server.verify(0, anyRequestedFor(urlEqualTo(path))));
	}

	@Test
	void managementHealthShowsEveryDownstreamWithItsUri() {
		var body = management().get()
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
	void managementProbesAreUpAndContainOnlyTheGatewaysOwnState() {
		for (String probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
			management().get()
				.uri(probe)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status").isEqualTo("UP")
				.jsonPath("$.components").exists()
				.jsonPath("$.components.downstreams").doesNotExist();
		}
	}

	@Test
	void prometheusOnTheManagementPortExposesGatewayAndCircuitBreakerMetrics() {
		client.get().uri("/v1/categories").exchange().expectStatus().isOk();

		String metrics = management().get()
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

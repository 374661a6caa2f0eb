package com.starrymeet.gateway;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stopped service, a hanging one and one that comes back. notification: nothing listens on its
 * port; search: answers after 20 s while the response timeout is 1 s; analytics: down, then
 * started on its port; the rest: healthy.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "starrymeet.gateway.timeouts.connect-ms=500", "starrymeet.gateway.timeouts.response-ms=1000",
				"starrymeet.gateway.resilience.open-state-wait=2s", "logging.structured.format.console=" })
@AutoConfigureWebTestClient(timeout = "30s")
@AutoConfigureTracing
class DownstreamFailureTest {

	private static final String TRACE_ID = "[0-9a-f]{32}";

	private static final Duration BACKEND_DELAY = Duration.ofSeconds(20);

	static final WireMockServer HEALTHY = Backends.servingJwks(Backends.start("healthy"));

	static final TestRedis REDIS = TestRedis.start();

	static final WireMockServer HANGING = Backends.start("search");

	static final int STOPPED_PORT = Backends.freePort();

	static final int RECOVERING_PORT = Backends.freePort();

	static WireMockServer recovered;

	@Autowired
	WebTestClient anonymous;

	WebTestClient client;

	@Autowired
	CircuitBreakerRegistry circuitBreakers;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		HANGING.stubFor(any(urlPathMatching("/v1/search.*")).atPriority(1)
			.willReturn(aResponse().withStatus(200).withFixedDelay((int) BACKEND_DELAY.toMillis())));
		for (String service : new String[] { "user", "celebrity", "booking", "payment" }) {
			registry.add("starrymeet.gateway.services." + service, HEALTHY::baseUrl);
		}
		registry.add("starrymeet.gateway.services.search", HANGING::baseUrl);
		registry.add("starrymeet.gateway.services.notification", () -> "http://127.0.0.1:" + STOPPED_PORT);
		registry.add("starrymeet.gateway.services.analytics", () -> "http://127.0.0.1:" + RECOVERING_PORT);
		registry.add("spring.data.redis.port", REDIS::port);
	}

	@BeforeEach
	void authenticate() {
		client = anonymous.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.ADMIN).build();
	}

	@AfterAll
	static void stopRecovered() {
		if (recovered != null) {
			recovered.stop();
		}
	}

	@Test
	void stoppedServiceIsServiceUnavailableProblemFast() {
		long start = System.nanoTime();

		expectServiceUnavailable("/v1/notifications/n-1", "notification");

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void hangingServiceIsServiceUnavailableProblemAfterTheResponseTimeout() {
		long start = System.nanoTime();

		expectServiceUnavailable("/v1/search/celebrities?q=slow", "search");

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BACKEND_DELAY.dividedBy(2));
	}

	@Test
	void connectionFailuresOpenTheCircuitWhichStillAnswers503() {
		for (int i = 0; i < 6; i++) {
			expectServiceUnavailable("/v1/notifications", "notification");
		}

		assertThat(circuitBreakers.circuitBreaker("notification").getState())
			.isIn(CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN);
	}

	@Test
	void downstreamErrorResponsesAreNotCircuitBreakerFailures() {
		HEALTHY.stubFor(get(urlEqualTo("/v1/bookings/broken")).atPriority(1)
			.willReturn(aResponse().withStatus(500).withBody("boom")));
		HEALTHY.stubFor(get(urlEqualTo("/v1/bookings/invalid")).atPriority(1)
			.willReturn(aResponse().withStatus(400).withBody("bad")));

		for (int i = 0; i < 6; i++) {
			client.get().uri("/v1/bookings/broken").exchange().expectStatus().isEqualTo(500)
				.expectBody(String.class).isEqualTo("boom");
			client.get().uri("/v1/bookings/invalid").exchange().expectStatus().isEqualTo(400)
				.expectBody(String.class).isEqualTo("bad");
		}

		CircuitBreaker booking = circuitBreakers.circuitBreaker("booking");
		assertThat(booking.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(booking.getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void circuitBreakersUseTheConfiguredPolicy() {
		CircuitBreakerConfig config = circuitBreakers.circuitBreaker("payment").getCircuitBreakerConfig();

		assertThat(config.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(2000L);
		assertThat(config.getMinimumNumberOfCalls()).isEqualTo(5);
		assertThat(config.getRecordExceptionPredicate().test(new ConnectException("refused"))).isTrue();
		assertThat(config.getRecordExceptionPredicate().test(new TimeoutException())).isTrue();
		assertThat(config.getRecordExceptionPredicate().test(new IllegalStateException("a bug, not an outage")))
			.isFalse();
	}

	@Test
	void routeRecoversByItselfWhenTheServiceIsBack() {
		for (int i = 0; i < 6; i++) {
			expectServiceUnavailable("/v1/analytics/kpis", "analytics");
		}
		CircuitBreaker analytics = circuitBreakers.circuitBreaker("analytics");
		assertThat(analytics.getState()).isNotEqualTo(CircuitBreaker.State.CLOSED);

		recovered = Backends.start("analytics", RECOVERING_PORT);

		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			client.get()
				.uri("/v1/analytics/kpis")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals(Backends.BACKEND_HEADER, "analytics")
				.expectBody()
				.jsonPath("$.data.service").isEqualTo("analytics");
			// two successful calls in half-open close the circuit again
			assertThat(analytics.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		});
	}

	@Test
	void readinessAndLivenessStayUpWhileAServiceIsDown() {
		client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP");
		client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP");

		// publicly the status alone: DOWN, as a service is
		client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody(String.class)
			.isEqualTo("{\"status\":\"DOWN\"}");
		// which one, and where, only on the management port
		WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + managementPort)
			.build()
			.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.components.downstreams.status").isEqualTo("DOWN")
			.jsonPath("$.components.downstreams.components.notification.status").isEqualTo("DOWN")
			.jsonPath("$.components.downstreams.components.notification.details.uri")
			.isEqualTo("http://127.0.0.1:" + STOPPED_PORT)
			.jsonPath("$.components.downstreams.components.user.status").isEqualTo("UP")
			.jsonPath("$.components.downstreams.components.user.details.uri").isEqualTo(HEALTHY.baseUrl());
	}

	private void expectServiceUnavailable(String pathAndQuery, String service) {
		String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?'))
				: pathAndQuery;
		client.get()
			.uri(pathAndQuery)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("Retry-After", "2")
			.expectHeader()
			.value("X-Trace-Id", (traceId) -> assertThat(traceId).matches(TRACE_ID))
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://api.starrymeet.com/problems/service-unavailable")
			.jsonPath("$.status").isEqualTo(503)
			.jsonPath("$.code").isEqualTo("SERVICE_UNAVAILABLE")
			.jsonPath("$.success").isEqualTo(false)
			.jsonPath("$.instance").isEqualTo(path)
			.jsonPath("$.detail").value(String.class, (detail) -> assertThat(detail).contains(service)
				.doesNotContain("Exception")
				.doesNotContain("127.0.0.1"))
			.jsonPath("$.traceId").value(String.class, (traceId) -> assertThat(traceId).matches(TRACE_ID));
	}

}

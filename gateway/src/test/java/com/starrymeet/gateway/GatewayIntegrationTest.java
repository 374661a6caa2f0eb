package com.starrymeet.gateway;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests against a healthy fleet: every service is its own WireMock server, user-service
 * serves the test key's JWKS, and a real Redis runs. All subclasses share one application context
 * (same properties, same property source method). {@link #client} sends a valid ADMIN token with
 * every request (for tests about routing, errors, tracing); {@link #anonymous} sends none.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "starrymeet.gateway.max-request-bytes=" + GatewayIntegrationTest.MAX_REQUEST_BYTES,
				"logging.structured.format.console=",
				// generous: these tests are about other things than rate limits (see RateLimitTest)
				"starrymeet.gateway.rate-limits.general.replenish-rate=10000",
				"starrymeet.gateway.rate-limits.general.burst-capacity=10000",
				"starrymeet.gateway.auth.jwks-refresh-interval=1h" })
@AutoConfigureWebTestClient(timeout = "20s")
@AutoConfigureTracing
@AutoConfigureMetrics
abstract class GatewayIntegrationTest {

	static final int MAX_REQUEST_BYTES = 16 * 1024;

	static final String TRACE_ID = "[0-9a-f]{32}";

	static final Map<String, WireMockServer> BACKENDS = Backends.fleet();

	static final TestRedis REDIS = TestRedis.start();

	@Autowired
	WebTestClient anonymous;

	WebTestClient client;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		BACKENDS.forEach((name, server) -> registry.add("starrymeet.gateway.services." + name, server::baseUrl));
		registry.add("spring.data.redis.port", REDIS::port);
	}

	@BeforeEach
	void forgetRequests() {
		BACKENDS.values().forEach(WireMockServer::resetRequests);
		client = anonymous.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.ADMIN).build();
	}

	/** The {@code traceparent} the one request to {@code path} carried when it reached {@code service}. */
	static String downstreamTraceparent(String service, String path) {
		List<LoggedRequest> requests = BACKENDS.get(service).findAll(anyRequestedFor(urlEqualTo(path)));
		assertThat(requests).hasSize(1);
		String traceparent = requests.get(0).getHeader("traceparent");
		assertThat(traceparent).as("traceparent sent to " + service).isNotNull();
		return traceparent;
	}

}

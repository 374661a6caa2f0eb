package com.starrymeet.gateway;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the tests against a healthy fleet: every service is its own WireMock server. All
 * subclasses share one application context (same properties, same property source method).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "starrymeet.gateway.max-request-bytes=" + GatewayIntegrationTest.MAX_REQUEST_BYTES,
				"logging.structured.format.console=" })
@AutoConfigureWebTestClient(timeout = "20s")
@AutoConfigureTracing
@AutoConfigureMetrics
abstract class GatewayIntegrationTest {

	static final int MAX_REQUEST_BYTES = 16 * 1024;

	static final String TRACE_ID = "[0-9a-f]{32}";

	static final Map<String, WireMockServer> BACKENDS = Backends.fleet();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		BACKENDS.forEach((name, server) -> registry.add("starrymeet.gateway.services." + name, server::baseUrl));
	}

	@BeforeEach
	void forgetRequests() {
		BACKENDS.values().forEach(WireMockServer::resetRequests);
	}

}

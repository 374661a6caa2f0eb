package com.starrymeet.gateway;

import java.net.InetSocketAddress;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Behind an ingress (issue 12): the per-address login bucket counts the client the trusted ingress hop names in
 * {@code X-Forwarded-For} (the ingress here is 127.0.0.2, set through the environment variable the manifests use),
 * and the same header from anyone else is ignored. Login allows 3 requests, then one a minute.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.structured.format.console=", "STARRYMEET_GATEWAY_TRUSTED_PROXIES=127.0.0.2/32",
				"starrymeet.gateway.rate-limits.login.replenish-rate=1",
				"starrymeet.gateway.rate-limits.login.requested-tokens=60",
				"starrymeet.gateway.rate-limits.login.burst-capacity=180" })
class TrustedProxyRateLimitTest {

	static final WireMockServer BACKEND = Backends.servingJwks(Backends.start("any"));

	static final TestRedis REDIS = TestRedis.start();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		Backends.SERVICES.forEach((name) -> registry.add("starrymeet.gateway.services." + name, BACKEND::baseUrl));
		registry.add("spring.data.redis.port", REDIS::port);
	}

	@Test
	void theIngressNamesTheClientAndNobodyElseCan() {
		var ingress = fromAddress("127.0.0.2");
		for (int i = 0; i < 3; i++) {
			login(ingress, "203.0.113.7").expectStatus().isOk();
		}
		login(ingress, "203.0.113.7").expectStatus().isEqualTo(429);
		// the client cannot escape by writing an address of its own: the ingress appends the real one, rightmost
		login(ingress, "198.51.100.99, 203.0.113.7").expectStatus().isEqualTo(429);
		// another client behind the same ingress has its own bucket
		login(ingress, "203.0.113.8").expectStatus().isOk();

		// a client that is not the ingress: its header is ignored, its socket address counts
		var direct = fromAddress("127.0.0.3");
		for (int i = 0; i < 3; i++) {
			login(direct, "203.0.113." + (20 + i)).expectStatus().isOk();
		}
		login(direct, "203.0.113.50").expectStatus().isEqualTo(429);
		// and it did not spend the bucket of the address it named
		login(ingress, "203.0.113.20").expectStatus().isOk();
	}

	private static WebTestClient.ResponseSpec login(WebTestClient client, String forwardedFor) {
		return client.post()
			.uri("/v1/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Forwarded-For", forwardedFor)
			.bodyValue("{\"email\":\"a@example.com\",\"password\":\"x\"}")
			.exchange();
	}

	private WebTestClient fromAddress(String address) {
		HttpClient httpClient = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(httpClient))
			.baseUrl("http://127.0.0.1:" + port)
			.build();
	}
}

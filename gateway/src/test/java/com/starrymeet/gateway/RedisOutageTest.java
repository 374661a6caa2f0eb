package com.starrymeet.gateway;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redis-down policy, with the embedded Redis really stopped: reads and ordinary routes go on
 * (fail open), the sensitive auth endpoints and writes with a token get 503 (fail closed), each
 * within a short timeout; with Redis back everything is normal again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.structured.format.console=", "starrymeet.gateway.redis.timeout=300ms",
				"starrymeet.gateway.redis.unavailable-retry-after=7s" })
@AutoConfigureWebTestClient(timeout = "20s")
class RedisOutageTest {

	static final WireMockServer BACKEND = Backends.servingJwks(Backends.start("any"));

	static final TestRedis REDIS = TestRedis.start();

	private static final Duration FAST = Duration.ofSeconds(2);

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		Backends.SERVICES.forEach((name) -> registry.add("starrymeet.gateway.services." + name, BACKEND::baseUrl));
		registry.add("spring.data.redis.port", REDIS::port);
	}

	@AfterEach
	void redisBack() {
		REDIS.stop();
		REDIS.startAgain();
	}

	@Test
	void withRedisDownReadsGoOnWhileLoginAndWritesWithATokenFailClosed() {
		String token = TestTokens.user();
		client.get().uri("/v1/bookings").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
			.expectStatus().isOk();
		login().expectStatus().isOk();

		REDIS.stop();
		BACKEND.resetRequests();

		// ordinary routes: rate limit fails open; GET with a token: deny-list fails open
		timed(() -> client.get().uri("/v1/categories").exchange().expectStatus().isOk());
		timed(() -> client.get().uri("/v1/bookings").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
			.expectStatus().isOk());
		// sensitive auth endpoint: rate limit fails closed
		timed(() -> expectServiceUnavailable(login()));
		// a write with a token: the deny-list cannot be read, fails closed
		timed(() -> expectServiceUnavailable(client.post()
			.uri("/v1/bookings")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()));
		// a write without a token on an ordinary public route: nothing to revoke, rate limit fails open
		timed(() -> client.post().uri("/v1/analytics/events").exchange().expectStatus().isOk());

		BACKEND.verify(0, postRequestedFor(urlEqualTo("/v1/auth/login")));
		BACKEND.verify(0, postRequestedFor(urlEqualTo("/v1/bookings")));

		REDIS.startAgain();

		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			login().expectStatus().isOk().expectHeader().exists("X-RateLimit-Remaining");
			client.post().uri("/v1/bookings").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
				.expectStatus().isOk();
		});
		BACKEND.verify(anyRequestedFor(urlEqualTo("/v1/bookings")));
	}

	private WebTestClient.ResponseSpec login() {
		return client.post().uri("/v1/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
	}

	private static void expectServiceUnavailable(WebTestClient.ResponseSpec response) {
		response.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "7")
			.expectBody()
			.jsonPath("$.code").isEqualTo("SERVICE_UNAVAILABLE")
			.jsonPath("$.status").isEqualTo(503)
			.jsonPath("$.success").isEqualTo(false);
	}

	private static void timed(Runnable request) {
		long start = System.nanoTime();
		request.run();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a dead Redis costs a short timeout at most")
			.isLessThan(FAST);
	}

}

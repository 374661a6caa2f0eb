package com.starrymeet.gateway;

import java.net.InetSocketAddress;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token buckets in a real Redis, with tight limits: login allows 3 requests then one a minute; the
 * general bucket 5 then one a second. Keyed by user when a token is sent, by socket address otherwise
 * (a second client binds to 127.0.0.2 to be "another IP").
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.structured.format.console=",
				"starrymeet.gateway.rate-limits.login.replenish-rate=1",
				"starrymeet.gateway.rate-limits.login.requested-tokens=60",
				"starrymeet.gateway.rate-limits.login.burst-capacity=180",
				"starrymeet.gateway.rate-limits.general.replenish-rate=1",
				"starrymeet.gateway.rate-limits.general.requested-tokens=1",
				"starrymeet.gateway.rate-limits.general.burst-capacity=5",
				// 8 deliveries, then one every 8 s: a slow step of the test (the first token's key fetch) cannot refill it
				"starrymeet.gateway.rate-limits.webhook.replenish-rate=1",
				"starrymeet.gateway.rate-limits.webhook.requested-tokens=8",
				"starrymeet.gateway.rate-limits.webhook.burst-capacity=64" })
@AutoConfigureWebTestClient(timeout = "20s")
class RateLimitTest {

	static final WireMockServer BACKEND = Backends.servingJwks(Backends.start("any"));

	static final TestRedis REDIS = TestRedis.start();

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		Backends.SERVICES.forEach((name) -> registry.add("starrymeet.gateway.services." + name, BACKEND::baseUrl));
		registry.add("spring.data.redis.port", REDIS::port);
	}

	@BeforeEach
	void forgetRequests() {
		BACKEND.resetRequests();
	}

	@Test
	void loginBucketRunsOutQuicklyAndOnlyForThatClient() {
		for (int left = 2; left >= 0; left--) {
			login(client, null).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Remaining", Integer.toString(left));
		}

		login(client, null).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "0")
			.expectHeader()
			.value(HttpHeaders.RETRY_AFTER, (seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L))
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://api.starrymeet.com/problems/too-many-requests")
			.jsonPath("$.status").isEqualTo(429)
			.jsonPath("$.code").isEqualTo("TOO_MANY_REQUESTS")
			.jsonPath("$.instance").isEqualTo("/v1/auth/login")
			.jsonPath("$.success").isEqualTo(false)
			.jsonPath("$.traceId").isNotEmpty();
		BACKEND.verify(3, postRequestedFor(urlEqualTo("/v1/auth/login")));

		// X-Forwarded-For is not trusted: claiming another address does not open a new bucket
		client.post()
			.uri("/v1/auth/login")
			.header("X-Forwarded-For", "203.0.113." + (int) (Math.random() * 200))
			.exchange()
			.expectStatus()
			.isEqualTo(429);
		// another IP, and an authenticated user from the same IP, have their own buckets
		login(fromAddress("127.0.0.2"), null).expectStatus().isOk();
		login(client, TestTokens.user()).expectStatus().isOk();
		BACKEND.verify(5, postRequestedFor(urlEqualTo("/v1/auth/login")));
	}

	@Test
	void generalBucketIsPerUserAndAnswersRemainingOnSuccess() {
		String heavy = TestTokens.token(UUID.randomUUID(), "USER");
		EntityExchangeResult<byte[]> first = get(heavy).expectStatus().isOk().expectBody().returnResult();
		assertThat(Long.parseLong(first.getResponseHeaders().getFirst("X-RateLimit-Remaining"))).isBetween(0L, 4L);

		int status = 200;
		for (int i = 0; i < 20 && status == 200; i++) {
			status = get(heavy).returnResult(byte[].class).getStatus().value();
		}
		assertThat(status).as("the 5-request burst runs out").isEqualTo(429);
		get(heavy).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "0")
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1")
			.expectBody()
			.jsonPath("$.code").isEqualTo("TOO_MANY_REQUESTS");

		get(TestTokens.user()).expectStatus().isOk();
	}

	@Test
	void apiDocumentsDrawOnTheGeneralBucketLikeOtherPublicGets() {
		WebTestClient anonymous = fromAddress("127.0.0.3");
		EntityExchangeResult<byte[]> last = null;
		for (int i = 0; i < 20 && (last == null || last.getStatus().value() == 200); i++) {
			last = anonymous.get().uri("/v3/api-docs/user").exchange().expectBody().returnResult();
		}

		assertThat(last.getStatus().value()).as("the 5-request burst runs out").isEqualTo(429);
		assertThat(last.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(new String(last.getResponseBodyContent())).contains("\"code\":\"TOO_MANY_REQUESTS\"");
	}

	@Test
	void stripesWebhookHasABucketOfItsOwn() {
		// one address spends its general bucket: its webhook deliveries still pass, on their own bucket
		WebTestClient stripe = fromAddress("127.0.0.4");
		int status = 200;
		for (int i = 0; i < 20 && status == 200; i++) {
			status = stripe.get().uri("/v1/celebrities").exchange().returnResult(byte[].class).getStatus().value();
		}
		assertThat(status).as("the general bucket of that address runs out").isEqualTo(429);
		EntityExchangeResult<byte[]> delivered = webhook(stripe).expectStatus().isOk().expectBody().returnResult();
		assertThat(Long.parseLong(delivered.getResponseHeaders().getFirst("X-RateLimit-Remaining")))
			.as("drawn from the webhook bucket (8), not the spent general one").isBetween(1L, 7L);
		// a flood of deliveries runs out the webhook bucket, not anyone's general one
		status = 200;
		for (int i = 0; i < 40 && status == 200; i++) {
			status = webhook(stripe).returnResult(byte[].class).getStatus().value();
		}
		assertThat(status).as("the webhook bucket runs out too").isEqualTo(429);
		fromAddress("127.0.0.5").get().uri("/v1/celebrities").exchange().expectStatus().isOk();
		// a token on a webhook request does not move it into that user's bucket
		String token = TestTokens.token(UUID.randomUUID(), "USER");
		stripe.post()
			.uri("/v1/webhooks/stripe")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(429);
		get(token).expectStatus().isOk();
	}

	@Test
	void actuatorIsNotRateLimited() {
		for (int i = 0; i < 10; i++) {
			client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		}
	}

	private WebTestClient.ResponseSpec get(String token) {
		return client.get().uri("/v1/bookings").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
	}

	private static WebTestClient.ResponseSpec webhook(WebTestClient client) {
		return client.post()
			.uri("/v1/webhooks/stripe")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Stripe-Signature", "t=1,v1=00")
			.bodyValue("{\"id\":\"evt_1\"}")
			.exchange();
	}

	private static WebTestClient.ResponseSpec login(WebTestClient client, @Nullable String token) {
		WebTestClient.RequestBodySpec request = client.post().uri("/v1/auth/login").contentType(MediaType.APPLICATION_JSON);
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		return request.bodyValue("{\"email\":\"a@example.com\",\"password\":\"x\"}").exchange();
	}

	private WebTestClient fromAddress(String address) {
		HttpClient httpClient = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(httpClient))
			.baseUrl("http://127.0.0.1:" + port)
			.build();
	}

}

package com.starrymeet.gateway;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every public prefix lands, unchanged, on the service that owns it. */
class RoutingTest extends GatewayIntegrationTest {

	static Stream<Arguments> routes() {
		return Stream.of(
				arguments("POST", "/v1/auth/login", "user"),
				arguments("POST", "/v1/auth/refresh", "user"),
				arguments("GET", "/v1/users/me", "user"),
				arguments("GET", "/v1/users/me/favorites?page=2", "user"),
				arguments("GET", "/.well-known/jwks.json", "user"),
				arguments("GET", "/v1/users/me/bookings?status=upcoming&page=2", "booking"),
				arguments("GET", "/v1/celebrities/me/bookings?from=2026-12-01", "booking"),
				arguments("GET", "/v1/celebrities/me", "celebrity"),
				arguments("GET", "/v1/celebrities/me/earnings?month=2026-12", "payment"),
				arguments("POST", "/v1/payments/connect/onboarding", "payment"),
				arguments("DELETE", "/v1/bookings/b-1", "booking"),
				arguments("GET", "/v1/admin/bookings/export.csv?status=confirmed", "booking"),
				arguments("GET", "/v1/admin/payments/finance?granularity=month", "payment"),
				arguments("GET", "/v1/bookings/b-1", "booking"),
				arguments("GET", "/v1/payments/p-1", "payment"),
				arguments("GET", "/v1/payments/methods", "payment"),
				arguments("GET", "/v1/celebrities/c-1/availability", "booking"),
				arguments("GET", "/v1/celebrities/c-1/availability/2026-05-01", "booking"),
				arguments("GET", "/v1/celebrities/search?q=emma", "search"),
				arguments("GET", "/v1/celebrities", "celebrity"),
				arguments("GET", "/v1/celebrities/c-1", "celebrity"),
				arguments("GET", "/v1/celebrities/c-1/reviews", "celebrity"),
				arguments("GET", "/v1/categories", "celebrity"),
				arguments("GET", "/v1/categories/music", "celebrity"),
				arguments("POST", "/v1/uploads/images", "celebrity"),
				arguments("POST", "/v1/bookings", "booking"),
				arguments("GET", "/v1/bookings/b-1/messages", "booking"),
				arguments("POST", "/v1/payments/create-intent", "payment"),
				arguments("POST", "/v1/webhooks/stripe", "payment"),
				arguments("GET", "/v1/search/celebrities?q=jazz&limit=5", "search"),
				arguments("GET", "/v1/search/suggestions?q=ta", "search"),
				arguments("GET", "/v1/notifications", "notification"),
				arguments("PATCH", "/v1/notifications/n-1/read", "notification"),
				arguments("POST", "/v1/analytics/events", "analytics"),
				arguments("GET", "/v1/admin/users/u-1", "user"),
				arguments("GET", "/v1/admin/celebrity/pending", "celebrity"),
				arguments("PUT", "/v1/admin/celebrities/c-1", "celebrity"),
				arguments("GET", "/v1/admin/celebrity-applications?status=pending", "celebrity"),
				arguments("POST", "/v1/admin/celebrity-applications/a-1/approve", "celebrity"),
				arguments("GET", "/v1/admin/booking/stats", "booking"),
				arguments("GET", "/v1/admin/bookings/b-1", "booking"),
				arguments("GET", "/v1/admin/payment/disputes", "payment"),
				arguments("POST", "/v1/admin/payments/p-1/refund", "payment"),
				arguments("GET", "/v1/admin/notification/templates", "notification"),
				arguments("POST", "/v1/admin/notifications/broadcast", "notification"),
				arguments("POST", "/v1/admin/search/reindex", "search"),
				arguments("GET", "/v1/admin/analytics/kpis", "analytics"));
	}

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@MethodSource("routes")
	void routesByPrefixWithoutRewriting(String method, String pathAndQuery, String service) {
		client.method(HttpMethod.valueOf(method))
			.uri(pathAndQuery)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(Backends.BACKEND_HEADER, service);

		WireMockServer owner = BACKENDS.get(service);
		owner.verify(1, anyRequestedFor(urlEqualTo(pathAndQuery)));
		BACKENDS.forEach((name, server) -> {
			if (!name.equals(service)) {
				server.verify(0, anyRequestedFor(urlEqualTo(pathAndQuery)));
			}
		});
	}

	@Test
	void stripesWebhookReachesPaymentServiceByteForByteWithoutAToken() {
		// a signature covers the exact bytes: odd spacing, key order, escapes and non-ASCII must survive the proxy
		byte[] body = "{ \"id\":\"evt_1\",\n  \"object\" : \"event\", \"data\":{\"object\":{\"description\":\"Zürich \\u00e9 ☕\"}} }\r\n"
			.getBytes(StandardCharsets.UTF_8);
		String signature = "t=1764430000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd";
		anonymous.post()
			.uri("/v1/webhooks/stripe")
			.header("Stripe-Signature", signature)
			.header(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk();

		BACKENDS.get("payment")
			.verify(1, postRequestedFor(urlEqualTo("/v1/webhooks/stripe")).withHeader("Stripe-Signature", equalTo(signature))
				.withRequestBody(binaryEqualTo(body)));
	}

	@Test
	void slowAnswerWithinTheResponseTimeoutIsNotCut() {
		// 1.5 s is past Resilience4j's default TimeLimiter (1 s) but within the response timeout (5 s)
		BACKENDS.get("search")
			.stubFor(get(urlEqualTo("/v1/search/slow")).atPriority(1)
				.willReturn(aResponse().withStatus(200).withBody("slow but fine").withFixedDelay(1500)));

		client.get()
			.uri("/v1/search/slow")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("slow but fine");
	}

}

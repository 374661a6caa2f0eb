package com.starrymeet.booking.booking;

import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * celebrity-service's and payment-service's {@code /internal} endpoints as WireMock stubs answering exactly the
 * saga contracts' JSON (contract 1 and 2); that the real pairs agree is the lead's fleet test. One server per test
 * JVM, given to every test context of the module (registered in {@code META-INF/spring.factories}).
 */
public class Stubs implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static @Nullable WireMockServer server;

	public static synchronized WireMockServer server() {
		if (server == null) {
			server = new WireMockServer(options().dynamicPort().containerThreads(120).jettyAcceptQueueSize(1000));
			server.start();
			server.stubFor(post(urlPathEqualTo("/internal/payments/intents")).atPriority(10)
				.willReturn(aResponse().withStatus(200)
					.withHeader("Content-Type", "application/json")
					.withTransformers("response-template")
					.withBody("""
							{"success":true,"data":{"paymentId":"{{randomValue type='UUID'}}",
							"bookingId":"{{jsonPath request.body '$.bookingId'}}",
							"paymentIntentId":"pi_{{jsonPath request.body '$.bookingId'}}",
							"clientSecret":"pi_{{jsonPath request.body '$.bookingId'}}_secret_test",
							"publishableKey":"pk_test_stub","status":"requires_payment_method",
							"amountCents":{{jsonPath request.body '$.amountCents'}},
							"currency":"{{jsonPath request.body '$.currency'}}"}}""")));
		}
		return server;
	}

	public static String url() {
		return "http://localhost:" + server().port();
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("bookingStubs",
					Map.of("starrymeet.booking.catalog-url", url(), "starrymeet.booking.payment-url", url(),
							// 500 bookings at once queue at the stub: a slow answer there is not an outage
							"starrymeet.booking.catalog.read-timeout", "PT10S")));
	}

	/** Contract 1's answer for a meeting type. */
	public static void meetingType(UUID celebrityId, UUID meetingTypeId, @Nullable UUID celebrityUserId,
			long priceCents, int durationMinutes, boolean bookable, boolean active) {
		server().stubFor(get(urlPathEqualTo(path(celebrityId, meetingTypeId))).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"success":true,"data":{"celebrityId":"%s","celebrityName":"Emma Watson","celebrityUserId":%s,
					"bookable":%s,"meetingTypeId":"%s","name":"Standard Meet","durationMinutes":%d,"priceCents":%d,
					"currency":"USD","active":%s}}"""
				.formatted(celebrityId, celebrityUserId == null ? "null" : "\"" + celebrityUserId + "\"", bookable,
						meetingTypeId, durationMinutes, priceCents, active))));
	}

	/** Contract 1's 404. */
	public static void meetingTypeUnknown(UUID celebrityId, UUID meetingTypeId) {
		server().stubFor(get(urlPathEqualTo(path(celebrityId, meetingTypeId))).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"type\":\"https://api.starrymeet.com/problems/not-found\",\"title\":\"Not Found\",\"status\":404,"
					+ "\"code\":\"NOT_FOUND\",\"success\":false}")));
	}

	/** celebrity-service gone: the connection is reset on every try. */
	public static void meetingTypeDown(UUID celebrityId, UUID meetingTypeId) {
		server().stubFor(get(urlPathEqualTo(path(celebrityId, meetingTypeId)))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
	}

	/** payment-service failing for this fan's bookings (a 503 on every try). */
	public static void paymentDownFor(UUID fanId) {
		server().stubFor(post(urlPathEqualTo("/internal/payments/intents")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.fanId", equalTo(fanId.toString())))
			.willReturn(aResponse().withStatus(503)
				.withHeader("Content-Type", "application/problem+json")
				.withBody("{\"status\":503,\"code\":\"SERVICE_UNAVAILABLE\",\"success\":false}")));
	}

	/**
	 * Issue 10's contract 1: payment-service applied {@code creditCents} of this fan's credit first; when it covers
	 * the whole price there is no PaymentIntent ({@code status: succeeded}).
	 */
	public static void paymentWithCreditFor(UUID fanId, long creditCents, long priceCents) {
		boolean all = creditCents >= priceCents;
		server().stubFor(post(urlPathEqualTo("/internal/payments/intents")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.fanId", equalTo(fanId.toString())))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withTransformers("response-template")
				.withBody("""
						{"success":true,"data":{"paymentId":"{{randomValue type='UUID'}}",
						"bookingId":"{{jsonPath request.body '$.bookingId'}}",
						"paymentIntentId":%s,"clientSecret":%s,"publishableKey":"pk_test_stub","status":"%s",
						"amountCents":%d,"currency":"USD","creditAppliedCents":%d,"amountDueCents":%d}}""".formatted(
						all ? "null" : "\"pi_{{jsonPath request.body '$.bookingId'}}\"",
						all ? "null" : "\"pi_{{jsonPath request.body '$.bookingId'}}_secret_test\"",
						all ? "succeeded" : "requires_payment_method", priceCents, creditCents,
						Math.max(0, priceCents - creditCents)))));
	}

	/** Issue 10's internal 2: payment-service's money of a booking. */
	public static void moneyOf(UUID bookingId, String data) {
		server().stubFor(get(urlPathEqualTo("/internal/payments/by-booking/" + bookingId)).willReturn(aResponse()
			.withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"success\":true,\"data\":" + data + "}")));
	}

	/** payment-service failing for the money of this booking (a 503 on every try). */
	public static void moneyDown(UUID bookingId) {
		server().stubFor(get(urlPathEqualTo("/internal/payments/by-booking/" + bookingId)).willReturn(aResponse()
			.withStatus(503)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"status\":503,\"code\":\"SERVICE_UNAVAILABLE\",\"success\":false}")));
	}

	public static int catalogCalls(UUID celebrityId, UUID meetingTypeId) {
		return server().countRequestsMatching(WireMock.getRequestedFor(urlPathEqualTo(path(celebrityId, meetingTypeId)))
			.build()).getCount();
	}

	public static int intentCallsWithKey(UUID bookingId) {
		return server().countRequestsMatching(WireMock.postRequestedFor(urlPathEqualTo("/internal/payments/intents"))
			.withHeader("Idempotency-Key", equalTo(bookingId.toString()))
			.build()).getCount();
	}

	private static String path(UUID celebrityId, UUID meetingTypeId) {
		return "/internal/celebrities/" + celebrityId + "/meeting-types/" + meetingTypeId;
	}
}

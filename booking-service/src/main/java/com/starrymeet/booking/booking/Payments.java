package com.starrymeet.booking.booking;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Opens the booking's PaymentIntent at payment-service right after the booking committed ({@link PaymentClient},
 * header {@code Idempotency-Key} = booking id: asking twice opens one intent) behind a circuit breaker
 * ({@value #NAME}). Any failure is an empty answer: the booking stays pending and the client asks
 * {@code POST /v1/payments/create-intent} later.
 */
class Payments {

	private static final Logger log = LoggerFactory.getLogger(Payments.class);

	static final String NAME = "payment-intents";

	/** What the client needs to pay with Stripe.js, and our ids for it. */
	record Intent(String clientSecret, String publishableKey, String paymentId, String paymentIntentId) {
	}

	/**
	 * payment-service's answer: the intent (none when the fan's credit covers the whole price, or on failure) and,
	 * when it reports them (issue 10 contract 1), the credit applied and what the card owes.
	 */
	record Opened(@org.jspecify.annotations.Nullable Intent intent, @org.jspecify.annotations.Nullable Long creditAppliedCents,
			@org.jspecify.annotations.Nullable Long amountDueCents) {

		static final Opened NONE = new Opened(null, null, null);
	}

	private final PaymentClient client;

	private final CircuitBreaker breaker;

	Payments(PaymentClient client, CircuitBreakerFactory<?, ?> breakers) {
		this.client = client;
		this.breaker = breakers.create(NAME);
	}

	Optional<Intent> open(Booking booking) {
		return Optional.ofNullable(openPayment(booking).intent());
	}

	Opened openPayment(Booking booking) {
		var request = new PaymentClient.IntentRequest(booking.id(), booking.bookingNumber(), booking.fanId(),
				booking.celebrityId(), booking.priceCents(), booking.currency(), booking.holdExpiresAt().toString());
		JsonNode body = breaker.run(() -> client.openIntent(booking.id().toString(), request), failure -> {
			log.warn("No PaymentIntent for booking {} now (the client asks later): {}", booking.id(), failure.toString());
			return null;
		});
		if (body == null || !body.path("success").asBoolean(false)) {
			return Opened.NONE;
		}
		var data = body.path("data");
		var secret = data.path("clientSecret");
		var key = data.path("publishableKey");
		var credit = data.path("creditAppliedCents");
		var due = data.path("amountDueCents");
		Long creditApplied = credit.isIntegralNumber() ? credit.asLong() : null;
		Long amountDue = due.isIntegralNumber() ? due.asLong() : null;
		Intent intent = null;
		if (secret.isString() && key.isString()) {
			intent = new Intent(secret.asString(), key.asString(), data.path("paymentId").asString(""),
					data.path("paymentIntentId").asString(""));
		}
		else if (!"succeeded".equals(data.path("status").asString(""))) {
			log.warn("Unexpected PaymentIntent answer for booking {}", booking.id());
		}
		return new Opened(intent, creditApplied, amountDue);
	}
}

package com.starrymeet.booking.booking;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Reads a booking's money from payment-service ({@link PaymentReadClient}; a read, retried) behind its own circuit
 * breaker ({@value #NAME}): when payment-service is down, slow or answers something unexpected, the admin desk still
 * shows the booking, with its money {@code null} and a flag saying so.
 */
class PaymentReads {

	private static final Logger log = LoggerFactory.getLogger(PaymentReads.class);

	static final String NAME = "payment-reads";

	private final PaymentReadClient client;

	private final CircuitBreaker breaker;

	PaymentReads(PaymentReadClient client, CircuitBreakerFactory<?, ?> breakers) {
		this.client = client;
		this.breaker = breakers.create(NAME);
	}

	/** The {@code data} of payment-service's answer, or {@code null} when it cannot be had now. */
	@Nullable JsonNode byBooking(UUID bookingId) {
		JsonNode body = breaker.run(() -> client.byBooking(bookingId), failure -> {
			log.warn("Money of booking {} unavailable now: {}", bookingId, failure.toString());
			return null;
		});
		if (body == null || !body.path("success").asBoolean(false) || !body.path("data").isObject()) {
			return null;
		}
		return body.get("data");
	}
}

package com.starrymeet.payment.payment.booking;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.starrymeet.payment.problem.RetryLaterException;
import feign.FeignException;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads a booking from booking-service through its circuit breaker ({@value #NAME}). Unknown is empty (a 404 is an
 * answer, not a failure: it does not count against the breaker); booking-service down, slow, failing, answering
 * something that is not a booking, or the circuit open: 503 {@code BOOKING_SERVICE_UNAVAILABLE} with
 * {@code Retry-After}, and nothing is changed.
 */
@Component
public class Bookings {

	static final String NAME = "booking";

	/** A booking as payment-service needs it; {@code status} lower case as in ARCHITECTURE.md. */
	public record Booking(UUID bookingId, String bookingNumber, UUID fanId, UUID celebrityId, String status,
			long amountCents, String currency, Instant holdExpiresAt) {
	}

	private final BookingClient client;

	private final CircuitBreaker breaker;

	private final BookingSettings settings;

	Bookings(BookingClient client, CircuitBreakerFactory<?, ?> breakers, BookingSettings settings) {
		this.client = client;
		this.breaker = breakers.create(NAME);
		this.settings = settings;
	}

	public Optional<Booking> find(UUID bookingId) {
		return breaker.run(() -> {
			JsonNode body;
			try {
				body = client.booking(bookingId);
			}
			catch (FeignException.NotFound ex) {
				return Optional.<Booking>empty();
			}
			return Optional.of(parse(body));
		}, failure -> {
			throw new RetryLaterException("BOOKING_SERVICE_UNAVAILABLE",
					"Bookings cannot be read right now: try again shortly", settings.bookingRetryAfter());
		});
	}

	private static Booking parse(JsonNode body) {
		var data = body.path("data");
		if (!body.path("success").asBoolean(false) || !data.isObject()) {
			throw new IllegalStateException("booking-service answered no success:true with a data object");
		}
		return new Booking(UUID.fromString(data.path("bookingId").asString()), data.path("bookingNumber").asString(),
				UUID.fromString(data.path("fanId").asString()), UUID.fromString(data.path("celebrityId").asString()),
				data.path("status").asString(), data.path("amountCents").asLong(), data.path("currency").asString(),
				Instant.parse(data.path("holdExpiresAt").asString()));
	}
}

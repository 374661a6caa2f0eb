package com.starrymeet.booking.booking;

import java.util.Optional;
import java.util.UUID;

import com.starrymeet.common.web.ApiException;
import feign.FeignException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The price in force, read from celebrity-service at booking time ({@link CatalogClient}: timeouts and retries per
 * call) behind a Resilience4j circuit breaker ({@value #NAME}): while celebrity-service keeps failing, bookings are
 * refused at once with 503 instead of each waiting for timeouts. A 404 is an answer, not a failure.
 */
class Catalog {

	private static final Logger log = LoggerFactory.getLogger(Catalog.class);

	static final String NAME = "celebrity-catalog";

	/** A meeting type with its price in force, as contract 1 answers it. */
	record Offer(UUID celebrityId, String celebrityName, @Nullable UUID celebrityUserId, boolean bookable,
			UUID meetingTypeId, String name, int durationMinutes, long priceCents, String currency, boolean active) {
	}

	private final CatalogClient client;

	private final CircuitBreaker breaker;

	private final long retryAfterSeconds;

	Catalog(CatalogClient client, CircuitBreakerFactory<?, ?> breakers, BookingSettings settings) {
		this.client = client;
		this.breaker = breakers.create(NAME);
		this.retryAfterSeconds = settings.catalog().openState().toSeconds();
	}

	/**
	 * The meeting type's offer. 404 when celebrity-service does not know it (or it is another celebrity's);
	 * 409 {@code CELEBRITY_NOT_BOOKABLE} / {@code MEETING_TYPE_NOT_BOOKABLE}; 503 {@code CATALOG_UNAVAILABLE} when
	 * it cannot be read.
	 */
	Offer bookableOffer(UUID celebrityId, UUID meetingTypeId) {
		Optional<JsonNode> answer = breaker.run(() -> {
			try {
				return Optional.of(client.meetingType(celebrityId, meetingTypeId));
			}
			catch (FeignException.NotFound ex) {
				return Optional.empty(); // an answer: the breaker counts it as a success
			}
		}, failure -> {
			log.warn("celebrity-service's price of meeting type {} cannot be read: {}", meetingTypeId, failure.toString());
			throw new CatalogUnavailableException("The catalog cannot be reached to price this booking; try again later",
					retryAfterSeconds);
		});
		var offer = answer.map(body -> offer(body, celebrityId, meetingTypeId))
			.orElseThrow(() -> ApiException.notFound("Meeting type " + meetingTypeId + " of celebrity " + celebrityId));
		if (!offer.bookable()) {
			throw ApiException.conflict("CELEBRITY_NOT_BOOKABLE", "This celebrity cannot be booked at the moment");
		}
		if (!offer.active()) {
			throw ApiException.conflict("MEETING_TYPE_NOT_BOOKABLE", "This meeting type is no longer offered");
		}
		return offer;
	}

	private Offer offer(JsonNode body, UUID celebrityId, UUID meetingTypeId) {
		var data = body.path("data");
		try {
			if (!body.path("success").asBoolean(false) || !data.isObject()) {
				throw new IllegalStateException("no success:true with a data object");
			}
			var offer = new Offer(UUID.fromString(text(data, "celebrityId")), text(data, "celebrityName"),
					data.path("celebrityUserId").isNull() || data.path("celebrityUserId").isMissingNode() ? null
							: UUID.fromString(text(data, "celebrityUserId")),
					bool(data, "bookable"), UUID.fromString(text(data, "meetingTypeId")), text(data, "name"),
					positiveInt(data, "durationMinutes"), positiveLong(data, "priceCents"),
					text(data, "currency").toUpperCase(java.util.Locale.ROOT), bool(data, "active"));
			if (!offer.celebrityId().equals(celebrityId) || !offer.meetingTypeId().equals(meetingTypeId)
					|| !offer.currency().matches("[A-Z]{3}")) {
				throw new IllegalStateException("ids or currency do not match the request");
			}
			return offer;
		}
		catch (RuntimeException ex) {
			log.error("Unexpected answer from celebrity-service for meeting type {}: {}", meetingTypeId, ex.toString());
			throw new CatalogUnavailableException("The catalog answered something unexpected; try again later",
					retryAfterSeconds);
		}
	}

	private static String text(JsonNode data, String field) {
		var node = data.path(field);
		if (!node.isString() || node.asString().isBlank()) {
			throw new IllegalStateException(field + " is not a text");
		}
		return node.asString();
	}

	private static boolean bool(JsonNode data, String field) {
		var node = data.path(field);
		if (!node.isBoolean()) {
			throw new IllegalStateException(field + " is not a boolean");
		}
		return node.asBoolean();
	}

	private static long positiveLong(JsonNode data, String field) {
		var node = data.path(field);
		if (!node.isIntegralNumber() || node.asLong() <= 0) {
			throw new IllegalStateException(field + " is not a positive integer");
		}
		return node.asLong();
	}

	private static int positiveInt(JsonNode data, String field) {
		return Math.toIntExact(positiveLong(data, field));
	}
}

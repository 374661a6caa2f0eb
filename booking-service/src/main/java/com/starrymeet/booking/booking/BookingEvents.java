package com.starrymeet.booking.booking;

import java.util.List;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way this module records an event of a booking: into the outbox (Spring Modulith externalizes it to the
 * topic its aggregate names) and into the booking's own history ({@code booking_event}, what the admin desk shows),
 * in the caller's transaction, so the two never disagree.
 */
@Component
class BookingEvents {

	/** One recorded event of a booking, as the admin desk shows it. */
	record Recorded(UUID eventId, String type, String topic, long aggregateVersion, JsonNode payload,
			java.time.Instant occurredAt) {
	}

	private final ApplicationEventPublisher publisher;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	BookingEvents(ApplicationEventPublisher publisher, JdbcClient jdbc, JsonMapper json) {
		this.publisher = publisher;
		this.jdbc = jdbc;
		this.json = json;
	}

	/** An event of the booking aggregate, at the booking row's version. */
	@Transactional(propagation = Propagation.MANDATORY)
	void record(Booking booking, Object payload) {
		record(booking.id(), EventEnvelope.of("booking", booking.id(), booking.version(), payload));
	}

	/** Any event about {@code bookingId} (a review's is of the review aggregate). */
	@Transactional(propagation = Propagation.MANDATORY)
	void record(UUID bookingId, EventEnvelope<?> envelope) {
		publisher.publishEvent(envelope);
		jdbc.sql("""
				INSERT INTO booking_event (event_id, booking_id, type, aggregate_version, payload, occurred_at)
				VALUES (:event, :booking, :type, :version, CAST(:payload AS jsonb), :at)""")
			.param("event", envelope.eventId())
			.param("booking", bookingId)
			.param("type", envelope.type())
			.param("version", envelope.aggregateVersion())
			.param("payload", json.writeValueAsString(envelope.payload()))
			.param("at", java.sql.Timestamp.from(envelope.occurredAt()))
			.update();
	}

	List<Recorded> history(UUID bookingId) {
		return jdbc.sql("""
				SELECT e.event_id, e.type, e.aggregate_version, e.payload::text AS payload, e.occurred_at
				FROM booking_event e WHERE e.booking_id = :id ORDER BY e.id""")
			.param("id", bookingId)
			.query((rs, n) -> new Recorded(rs.getObject("event_id", UUID.class), rs.getString("type"),
					rs.getString("type").equals("ReviewSubmitted") ? "starrymeet.review.v1" : "starrymeet.booking.v1",
					rs.getLong("aggregate_version"), json.readTree(rs.getString("payload")),
					rs.getTimestamp("occurred_at").toInstant()))
			.list();
	}
}

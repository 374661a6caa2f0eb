package com.starrymeet.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The published form of every integration event: {@code {eventId, type, occurredAt, aggregateType,
 * aggregateId, aggregateVersion, payload}}. The id is fixed when the event is recorded, so redeliveries carry
 * the same id and consumers can drop duplicates; {@code aggregateVersion} lets them ignore stale events.
 *
 * @param type past-tense event name, e.g. {@code BookingConfirmed}
 * @param aggregateType the aggregate the topic is named after, e.g. {@code booking}
 */
public record EventEnvelope<T>(UUID eventId, String type, Instant occurredAt, String aggregateType,
		String aggregateId, long aggregateVersion, T payload) {

	/**
	 * Wraps a payload record; its simple class name is the event type.
	 */
	public static <T> EventEnvelope<T> of(String aggregateType, Object aggregateId, long aggregateVersion, T payload) {
		return new EventEnvelope<>(UUID.randomUUID(), payload.getClass().getSimpleName(), Instant.now(), aggregateType,
				aggregateId.toString(), aggregateVersion, payload);
	}

	/** The topic this event is published to. */
	public String topic() {
		return Topics.forAggregate(aggregateType);
	}
}

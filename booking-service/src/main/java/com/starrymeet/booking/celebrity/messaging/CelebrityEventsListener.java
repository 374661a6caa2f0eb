package com.starrymeet.booking.celebrity.messaging;

import com.starrymeet.booking.celebrity.CelebrityReplica;
import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.MalformedEventException;
import com.starrymeet.common.events.contract.CelebrityRemoved;
import com.starrymeet.common.events.contract.CelebrityUpserted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@code celebrity_replica} in step with the catalog ({@code starrymeet.celebrity.v1}): each event at
 * most once per event id ({@link IdempotentConsumer}), and only when newer than what is held.
 */
@Component
class CelebrityEventsListener {

	static final String CONSUMER = "booking-celebrity-replica";

	private static final Logger log = LoggerFactory.getLogger(CelebrityEventsListener.class);

	private final IdempotentConsumer consumer;

	private final CelebrityReplica replica;

	private final JsonMapper json;

	CelebrityEventsListener(IdempotentConsumer consumer, CelebrityReplica replica, JsonMapper json) {
		this.consumer = consumer;
		this.replica = replica;
		this.json = json;
	}

	@KafkaListener(topics = "starrymeet." + CelebrityUpserted.AGGREGATE + ".v1",
			groupId = "${spring.application.name}-celebrity")
	void on(ConsumerRecord<String, ?> record) {
		consumer.handle(CONSUMER, record, event -> {
			switch (event.type()) {
				case "CelebrityUpserted" -> replica.applyUpsert(payload(event, CelebrityUpserted.class),
						event.aggregateVersion());
				case "CelebrityRemoved" -> replica.applyRemoval(payload(event, CelebrityRemoved.class).celebrityId(),
						event.aggregateVersion());
				default -> log.debug("Ignoring {} on {}", event.type(), record.topic());
			}
		});
	}

	private <T> T payload(EventEnvelope<JsonNode> event, Class<T> type) {
		T value;
		try {
			// tolerant of fields a newer contract adds
			value = json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(event.payload());
		}
		catch (JacksonException ex) {
			throw new MalformedEventException(
					"Payload of " + event.type() + " " + event.eventId() + " is not a " + type.getSimpleName(), ex);
		}
		if (value == null || (value instanceof CelebrityUpserted u && u.celebrityId() == null)
				|| (value instanceof CelebrityRemoved r && r.celebrityId() == null)) {
			throw new MalformedEventException(event.type() + " " + event.eventId() + " has no celebrityId", null);
		}
		return value;
	}
}

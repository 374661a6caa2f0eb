package com.starrymeet.user.favorite;

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
 * Keeps {@code celebrity_summary} in step with the catalog: each event applied at most once per event id
 * ({@link IdempotentConsumer}) and only when its aggregate version is newer than what is held.
 */
@Component
class CelebrityEventsListener {

	static final String CONSUMER = "user-favorites";

	private static final Logger log = LoggerFactory.getLogger(CelebrityEventsListener.class);

	private final IdempotentConsumer consumer;

	private final CelebritySummaries summaries;

	private final JsonMapper json;

	CelebrityEventsListener(IdempotentConsumer consumer, CelebritySummaries summaries, JsonMapper json) {
		this.consumer = consumer;
		this.summaries = summaries;
		this.json = json;
	}

	@KafkaListener(topics = "starrymeet." + CelebrityUpserted.AGGREGATE + ".v1")
	void onCelebrity(ConsumerRecord<String, ?> record) {
		consumer.handle(CONSUMER, record, event -> {
			switch (event.type()) {
				case "CelebrityUpserted" -> summaries.applyUpsert(payload(event, CelebrityUpserted.class),
						event.aggregateVersion());
				case "CelebrityRemoved" -> summaries.applyRemoval(payload(event, CelebrityRemoved.class).celebrityId(),
						event.aggregateVersion());
				default -> log.debug("Ignoring {} on {}", event.type(), record.topic());
			}
		});
	}

	private <T> T payload(EventEnvelope<JsonNode> event, Class<T> type) {
		try {
			// tolerant of fields a newer contract adds (the service's own mapper rejects unknown request fields)
			return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(event.payload());
		}
		catch (JacksonException ex) {
			throw new MalformedEventException(
					"Payload of " + event.type() + " " + event.eventId() + " is not a " + type.getSimpleName(), ex);
		}
	}
}

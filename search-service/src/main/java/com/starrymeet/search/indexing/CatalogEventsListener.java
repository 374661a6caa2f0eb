package com.starrymeet.search.indexing;

import java.util.Map;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.MalformedEventException;
import com.starrymeet.common.events.contract.AvailabilityChanged;
import com.starrymeet.common.events.contract.CelebrityRemoved;
import com.starrymeet.common.events.contract.CelebrityUpserted;
import com.starrymeet.search.index.CelebrityIndex;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the index in step with the catalog. Each event is applied at most once per event id
 * ({@link IdempotentConsumer}, processed-event table) and at most once per aggregate version (the index
 * stores the last applied version per celebrity), so redeliveries, duplicates and replays are no-ops and an
 * older snapshot arriving late is ignored.
 * <p>
 * When the index was opened empty (first start, or its directory was deleted to rebuild it), this
 * consumer forgets which events it processed and reads both topics from the beginning: the index is
 * rebuilt from Kafka. Otherwise it resumes from its committed offsets.
 */
@Component
class CatalogEventsListener implements ConsumerSeekAware {

	static final String CELEBRITY_CONSUMER = "search-index-celebrity";

	static final String AVAILABILITY_CONSUMER = "search-index-availability";

	private static final Logger log = LoggerFactory.getLogger(CatalogEventsListener.class);

	private final IdempotentConsumer consumer;

	private final CelebrityIndex index;

	private final JsonMapper json;

	private volatile boolean rebuild;

	CatalogEventsListener(IdempotentConsumer consumer, CelebrityIndex index, JsonMapper json, JdbcClient jdbc) {
		this.consumer = consumer;
		this.index = index;
		this.json = json;
		this.rebuild = index.wasCreatedEmpty();
		if (rebuild) {
			int forgotten = jdbc.sql("DELETE FROM processed_event WHERE consumer IN (:consumers)")
				.param("consumers", java.util.List.of(CELEBRITY_CONSUMER, AVAILABILITY_CONSUMER))
				.update();
			log.info("Search index is empty: rebuilding from Kafka ({} processed-event marks cleared)", forgotten);
		}
	}

	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		if (rebuild) {
			callback.seekToBeginning(assignments.keySet());
		}
	}

	@KafkaListener(id = "search-index-celebrity", topics = "starrymeet.celebrity.v1",
			groupId = "${spring.application.name}-index")
	void onCelebrity(ConsumerRecord<String, ?> record) {
		consumer.handle(CELEBRITY_CONSUMER, record, event -> {
			switch (event.type()) {
				case "CelebrityUpserted" -> index.applyUpsert(payload(event, CelebrityUpserted.class), event.aggregateVersion());
				case "CelebrityRemoved" -> index.applyRemoval(payload(event, CelebrityRemoved.class).celebrityId(),
						event.aggregateVersion());
				default -> log.debug("Ignoring {} on {}", event.type(), record.topic());
			}
		});
	}

	@KafkaListener(id = "search-index-availability", topics = "starrymeet.availability.v1",
			groupId = "${spring.application.name}-index")
	void onAvailability(ConsumerRecord<String, ?> record) {
		consumer.handle(AVAILABILITY_CONSUMER, record, event -> {
			if ("AvailabilityChanged".equals(event.type())) {
				index.applyAvailability(payload(event, AvailabilityChanged.class), event.aggregateVersion());
			}
		});
	}

	private <T> T payload(EventEnvelope<JsonNode> event, Class<T> type) {
		try {
			return json.treeToValue(event.payload(), type);
		}
		catch (JacksonException ex) {
			throw new MalformedEventException("Payload of " + event.type() + " " + event.eventId() + " is not a " + type.getSimpleName(), ex);
		}
	}
}

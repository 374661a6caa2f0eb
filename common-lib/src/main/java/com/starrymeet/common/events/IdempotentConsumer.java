package com.starrymeet.common.events;

import java.time.Instant;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a consumer's work at most once per event id. The processed-event mark and the work commit in one
 * database transaction, and the listener returns (so the offset is committed) only after that: a redelivered
 * or duplicated event is skipped, a crash before commit makes the event come again.
 */
public class IdempotentConsumer {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	public IdempotentConsumer(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.json = json;
	}

	/**
	 * Parses the record's envelope and hands it to {@code work} unless {@code consumer} already processed it.
	 * @return whether the work ran
	 */
	public boolean handle(String consumer, ConsumerRecord<?, ?> record, Consumer<EventEnvelope<JsonNode>> work) {
		return handle(consumer, parse(record.value()), work);
	}

	public boolean handle(String consumer, EventEnvelope<JsonNode> event, Consumer<EventEnvelope<JsonNode>> work) {
		Boolean ran = transactions.execute(status -> {
			int inserted = jdbc.sql("""
					INSERT INTO processed_event (consumer, event_id, event_type, processed_at)
					VALUES (:consumer, :eventId, :type, :now)
					ON CONFLICT (consumer, event_id) DO NOTHING""")
				.param("consumer", consumer)
				.param("eventId", event.eventId())
				.param("type", event.type())
				.param("now", java.sql.Timestamp.from(Instant.now()))
				.update();
			if (inserted == 0) {
				return false;
			}
			work.accept(event);
			return true;
		});
		return Boolean.TRUE.equals(ran);
	}

	/** Reads an envelope whose payload stays a JSON tree, for the consumer to map to its own record. */
	public EventEnvelope<JsonNode> parse(Object value) {
		try {
			var tree = value instanceof byte[] bytes ? json.readTree(bytes) : json.readTree(String.valueOf(value));
			var type = json.getTypeFactory().constructParametricType(EventEnvelope.class, JsonNode.class);
			EventEnvelope<JsonNode> envelope = json.treeToValue(tree, type);
			if (envelope.eventId() == null || envelope.type() == null || envelope.payload() == null) {
				throw new MalformedEventException("Event envelope lacks eventId, type or payload", null);
			}
			return envelope;
		}
		catch (JacksonException ex) {
			throw new MalformedEventException("Record is not an event envelope", ex);
		}
	}
}

package com.starrymeet.common.events;

import java.time.Instant;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
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

	/**
	 * The one skeleton of a consumer: decode the envelope, drop a duplicate, map the payload of each known type
	 * to its published record (tolerant of fields a newer contract adds) and apply it with the event's aggregate
	 * version, which the apply function compares with what it holds (newest wins, so reordering is harmless).
	 * Unknown types are skipped. <pre>
	 * consumer.dispatch("favorites-celebrity")
	 *     .on(CelebrityUpserted.class, (snapshot, version) -&gt; summaries.applyUpsert(snapshot, version))
	 *     .on(CelebrityRemoved.class, (removed, version) -&gt; summaries.applyRemoval(removed.celebrityId(), version))
	 *     .handle(record);
	 * </pre>
	 */
	public Dispatch dispatch(String consumer) {
		return new Dispatch(consumer);
	}

	/** Applies a payload of one event type; {@code version} is the event's aggregate version. */
	@FunctionalInterface
	public interface Apply<T> {

		void apply(T payload, long version);
	}

	/** Applies a payload of one event type, with its whole envelope (event id, time, version). */
	@FunctionalInterface
	public interface ApplyEvent<T> {

		void apply(T payload, EventEnvelope<JsonNode> event);
	}

	/** Event types (simple class names of the published records) and what to do with each. */
	public final class Dispatch {

		private final String consumer;

		private final java.util.Map<String, java.util.function.Consumer<EventEnvelope<JsonNode>>> handlers = new java.util.HashMap<>();

		private Dispatch(String consumer) {
			this.consumer = consumer;
		}

		public <T> Dispatch on(Class<T> type, Apply<T> apply) {
			handlers.put(type.getSimpleName(), event -> apply.apply(payload(event, type), event.aggregateVersion()));
			return this;
		}

		/** Like {@link #on}, for work that needs the envelope too (e.g. to name the event in an audit entry). */
		public <T> Dispatch onEvent(Class<T> type, ApplyEvent<T> apply) {
			handlers.put(type.getSimpleName(), event -> apply.apply(payload(event, type), event));
			return this;
		}

		/** Handles one record: at most once per event id, work and mark in one transaction. */
		public boolean handle(ConsumerRecord<?, ?> record) {
			var event = parse(record.value());
			var handler = handlers.get(event.type());
			if (handler == null) {
				return false; // another event of the same topic, not for this consumer
			}
			return IdempotentConsumer.this.handle(consumer, event, handler);
		}
	}

	/** Maps an event's payload to its published record, tolerant of fields a newer contract adds. */
	public <T> T payload(EventEnvelope<JsonNode> event, Class<T> type) {
		try {
			return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(event.payload());
		}
		catch (JacksonException ex) {
			throw new MalformedEventException(
					"Payload of " + event.type() + " " + event.eventId() + " is not a " + type.getSimpleName(), ex);
		}
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

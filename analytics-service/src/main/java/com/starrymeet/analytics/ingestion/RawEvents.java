package com.starrymeet.analytics.ingestion;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The raw event store: append-only, the source of every rollup.
 */
@Repository
public class RawEvents {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	RawEvents(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Stores a batch atomically; events without a time get the receipt time. */
	@Transactional
	public int append(List<ClientEvent> events, @Nullable String userId, Instant receivedAt) {
		for (var event : events) {
			jdbc.sql("""
					INSERT INTO raw_event (id, name, user_id, session_id, properties, occurred_at, received_at, source)
					VALUES (:id, :name, :userId, :sessionId, CAST(:properties AS jsonb), :occurredAt, :receivedAt, 'client')""")
				.param("id", UUID.randomUUID())
				.param("name", event.name())
				.param("userId", userId)
				.param("sessionId", event.sessionId())
				.param("properties", json.writeValueAsString(event.properties() == null ? Map.of() : event.properties()))
				.param("occurredAt", Timestamp.from(event.occurredAt() == null ? receivedAt : event.occurredAt()))
				.param("receivedAt", Timestamp.from(receivedAt))
				.update();
		}
		return events.size();
	}

	public long count() {
		return jdbc.sql("SELECT count(*) FROM raw_event").query(Long.class).single();
	}
}

package com.starrymeet.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.Pagination.PageQuery;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The dead letters: deliveries that failed every attempt, for admins to see and send again. */
@Component
public class Failures {

	/** A dead delivery, without its content (which may hold a one-time link). */
	public record Failure(UUID id, UUID eventId, UUID recipientId, String channel, String type, int attempts,
			@Nullable String lastError, Instant createdAt) {
	}

	private final JdbcClient jdbc;

	private final MailDispatcher dispatcher;

	Failures(JdbcClient jdbc, MailDispatcher dispatcher) {
		this.jdbc = jdbc;
		this.dispatcher = dispatcher;
	}

	public List<Failure> list(PageQuery page) {
		return jdbc.sql("""
				SELECT id, event_id, recipient_id, channel, type, attempts, last_error, created_at FROM delivery
				WHERE status = 'dead' ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset""")
			.param("limit", page.limit())
			.param("offset", page.offset())
			.query(Failure.class)
			.list();
	}

	public long count() {
		return jdbc.sql("SELECT count(*) FROM delivery WHERE status = 'dead'").query(Long.class).single();
	}

	/**
	 * Makes a dead delivery due again with a fresh count of attempts.
	 * @throws ApiException 404 when there is no such delivery, 409 {@code NOT_DEAD} when it is not dead
	 */
	public void retry(UUID id) {
		var status = jdbc.sql("SELECT status FROM delivery WHERE id = :id FOR UPDATE").param("id", id)
			.query(String.class)
			.optional()
			.orElseThrow(() -> ApiException.notFound("Notification failure"));
		if (!"dead".equals(status)) {
			throw ApiException.conflict("NOT_DEAD", "Only a dead delivery can be retried; this one is " + status);
		}
		jdbc.sql("UPDATE delivery SET status = 'pending', attempts = 0, next_attempt_at = now() WHERE id = :id")
			.param("id", id)
			.update();
		dispatcher.wakeUpAfterCommit();
	}
}

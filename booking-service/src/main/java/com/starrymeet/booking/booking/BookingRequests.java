package com.starrymeet.booking.booking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.starrymeet.common.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key} for creating bookings, scoped to the caller, as Stripe's API does it: the same key with the
 * same request answers what the first request answered (status and body, a stored 4xx included); the same key
 * with another request is 409 {@code IDEMPOTENCY_KEY_REUSED}.
 * <p>
 * How concurrent requests with one key end with one answer: the first inserts the key's row ({@code in_progress})
 * in a transaction of its own (each statement here commits by itself), so the others find it and wait, polling
 * for its stored answer, at most {@code idempotency-wait} (then 409 {@code IDEMPOTENCY_KEY_IN_USE}). A 5xx or an
 * unexpected failure deletes the row: nothing was answered, the key may be used again. A row whose owner died
 * (its lease ran out) is taken over by the next request with that key.
 */
@Component
public class BookingRequests {

	/** A stored answer: HTTP status, content type and body. */
	public record Answer(int status, String contentType, String body, @Nullable UUID bookingId) {
	}

	private record Row(String hash, String state, Instant leaseUntil, @Nullable Answer answer) {
	}

	private static final Duration POLL = Duration.ofMillis(25);

	private final JdbcClient jdbc;

	private final Duration wait;

	private final Duration lease;

	private final Clock clock = Clock.systemUTC();

	BookingRequests(JdbcClient jdbc, BookingSettings settings) {
		this.jdbc = jdbc;
		this.wait = settings.idempotencyWait();
		this.lease = settings.idempotencyLease();
	}

	/**
	 * The answer for this key: stored, or made by {@code work} (which turns the client's errors into answers
	 * itself; anything it throws releases the key and is rethrown).
	 *
	 * @param requestHash a hash of the canonical request (same request, same hash)
	 */
	public Answer answer(UUID fanId, String key, String requestHash, Supplier<Answer> work) {
		var deadline = clock.instant().plus(wait);
		while (true) {
			if (claim(fanId, key, requestHash)) {
				return own(fanId, key, work);
			}
			var row = read(fanId, key);
			if (row.isEmpty()) {
				continue; // released meanwhile: claim it again
			}
			if (!row.get().hash().equals(requestHash)) {
				throw ApiException.conflict("IDEMPOTENCY_KEY_REUSED",
						"This Idempotency-Key was already used with another request");
			}
			if (row.get().answer() != null) {
				return row.get().answer();
			}
			if (row.get().leaseUntil().isBefore(clock.instant()) && takeOver(fanId, key, row.get().leaseUntil())) {
				return own(fanId, key, work);
			}
			if (clock.instant().isAfter(deadline)) {
				throw ApiException.conflict("IDEMPOTENCY_KEY_IN_USE",
						"A request with this Idempotency-Key is still being processed; try again shortly");
			}
			sleep();
		}
	}

	private Answer own(UUID fanId, String key, Supplier<Answer> work) {
		Answer answer;
		try {
			answer = work.get();
		}
		catch (RuntimeException | Error ex) {
			jdbc.sql("DELETE FROM booking_request WHERE fan_id = :fan AND idempotency_key = :key AND state = 'in_progress'")
				.param("fan", fanId)
				.param("key", key)
				.update();
			throw ex;
		}
		jdbc.sql("""
				UPDATE booking_request SET state = 'done', response_status = :status, response_type = :type,
				    response_body = :body, booking_id = :booking, updated_at = now()
				WHERE fan_id = :fan AND idempotency_key = :key AND state = 'in_progress'""")
			.param("status", answer.status())
			.param("type", answer.contentType())
			.param("body", answer.body())
			.param("booking", answer.bookingId(), java.sql.Types.OTHER)
			.param("fan", fanId)
			.param("key", key)
			.update();
		return answer;
	}

	private boolean claim(UUID fanId, String key, String hash) {
		return jdbc.sql("""
				INSERT INTO booking_request (fan_id, idempotency_key, request_hash, state, lease_until)
				VALUES (:fan, :key, :hash, 'in_progress', :lease)
				ON CONFLICT (fan_id, idempotency_key) DO NOTHING""")
			.param("fan", fanId)
			.param("key", key)
			.param("hash", hash)
			.param("lease", Timestamp.from(clock.instant().plus(lease)))
			.update() == 1;
	}

	private boolean takeOver(UUID fanId, String key, Instant expiredLease) {
		return jdbc.sql("""
				UPDATE booking_request SET lease_until = :lease, updated_at = now()
				WHERE fan_id = :fan AND idempotency_key = :key AND state = 'in_progress' AND lease_until = :expired""")
			.param("lease", Timestamp.from(clock.instant().plus(lease)))
			.param("fan", fanId)
			.param("key", key)
			.param("expired", Timestamp.from(expiredLease))
			.update() == 1;
	}

	private Optional<Row> read(UUID fanId, String key) {
		return jdbc.sql("""
				SELECT request_hash, state, lease_until, response_status, response_type, response_body, booking_id
				FROM booking_request WHERE fan_id = :fan AND idempotency_key = :key""")
			.param("fan", fanId)
			.param("key", key)
			.query((rs, n) -> new Row(rs.getString("request_hash"), rs.getString("state"),
					rs.getTimestamp("lease_until").toInstant(),
					"done".equals(rs.getString("state")) ? new Answer(rs.getInt("response_status"),
							rs.getString("response_type"), rs.getString("response_body"),
							rs.getObject("booking_id", UUID.class)) : null))
			.optional();
	}

	private static void sleep() {
		try {
			Thread.sleep(POLL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for an Idempotency-Key", ex);
		}
	}
}

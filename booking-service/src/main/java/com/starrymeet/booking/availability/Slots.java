package com.starrymeet.booking.availability;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import com.starrymeet.common.web.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The slots of a window, as bookings take and give them back. This is the availability module's API for the
 * booking module: {@code time_window.booked} changes only here (and in {@link Windows}' capacity rules), always
 * through the {@link Calendar} (lock, change, publish AvailabilityChanged), and always with one conditional
 * UPDATE, never read-then-write: {@code booked < capacity} in the WHERE clause and the CHECK
 * {@code booked <= capacity} make an over-booking impossible, whatever the concurrency.
 * <p>
 * Lock order: a caller that locks a booking row does so <em>before</em> calling these (booking row → calendar row
 * → window row); the calendar row is taken by {@link Calendar#change} before the window row is written.
 */
@Service
public class Slots {

	/** A window as a booking sees it: where and when (local and as instants), and how full. */
	public record Slot(UUID windowId, UUID celebrityId, UUID locationId, String city, String country, String timeZone,
			LocalDate date, LocalTime startTime, LocalTime endTime, Instant startsAt, Instant endsAt, int capacity,
			int booked, boolean blocked) {

		public boolean full() {
			return booked >= capacity;
		}
	}

	private static final String SELECT = """
			SELECT w.id, w.celebrity_id, w.location_id, l.city, l.country, l.time_zone, w.date, w.start_time, w.end_time,
			       w.starts_at, w.ends_at, w.capacity, w.booked, w.blocked
			FROM time_window w JOIN location l ON l.id = w.location_id""";

	private final JdbcClient jdbc;

	private final Calendar calendar;

	Slots(JdbcClient jdbc, Calendar calendar) {
		this.jdbc = jdbc;
		this.calendar = calendar;
	}

	/** The window {@code windowId} of this celebrity, as committed now (no lock): for checks before any work. */
	@Transactional(readOnly = true)
	public Optional<Slot> find(UUID celebrityId, UUID windowId) {
		return jdbc.sql(SELECT + " WHERE w.id = :id AND w.celebrity_id = :c")
			.param("id", windowId)
			.param("c", celebrityId)
			.query((rs, n) -> slot(rs))
			.optional();
	}

	/**
	 * Takes one slot of the window under the celebrity's calendar lock, then runs {@code then} in the same
	 * transaction (the booking insert). First {@code check} sees the window as it is under the lock (its times
	 * cannot change meanwhile) and may refuse by throwing. The slot is taken by
	 * {@code UPDATE ... SET booked = booked + 1 WHERE booked < capacity AND NOT blocked AND starts_at > :notBefore};
	 * when no row matches, the window is read again to say why: 409 {@code DATE_BLOCKED}, {@code TOO_LATE_TO_BOOK},
	 * {@code WINDOW_FULL} (or {@code SLOT_UNAVAILABLE}); 404 when it is not this celebrity's window. Anything thrown
	 * rolls the whole transaction back: no slot, no calendar version, no event.
	 *
	 * @param notBefore the window must start after this instant (now + the booking lead time)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public <T> T take(UUID celebrityId, UUID windowId, Instant notBefore, Consumer<Slot> check,
			Function<Slot, T> then) {
		return calendar.change(celebrityId, () -> {
			var slot = require(celebrityId, windowId);
			check.accept(slot);
			if (!increment(celebrityId, windowId, notBefore)) {
				var now = require(celebrityId, windowId);
				throw refusal(now, notBefore);
			}
			return then.apply(slot);
		});
	}

	/**
	 * Takes a slot again for a booking whose hold had expired when its payment arrived: the same conditional
	 * UPDATE, with the window only required not to have started. Never throws for a refusal (the caller records
	 * one); a refusal leaves the public calendar as it was, so nothing is published.
	 * @return whether the slot was taken
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean retake(UUID celebrityId, UUID windowId, Instant notBefore) {
		return calendar.change(celebrityId, () -> increment(celebrityId, windowId, notBefore));
	}

	/**
	 * Moves a booking's slot from one window of the celebrity to another in one step under the one calendar lock
	 * (which covers both windows: every writer of a celebrity's windows takes that lock first, so the two window
	 * rows cannot deadlock with anyone): {@code check} sees the new window under the lock, the new slot is taken
	 * with the same conditional UPDATE as {@link #take} (409 {@code WINDOW_FULL}, {@code DATE_BLOCKED},
	 * {@code TOO_LATE_TO_BOOK}...), the old one released, then {@code then} runs — at most one calendar version, one
	 * AvailabilityChanged.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public <T> T move(UUID celebrityId, UUID fromWindowId, UUID toWindowId, Instant notBefore, Consumer<Slot> check,
			Function<Slot, T> then) {
		return calendar.change(celebrityId, () -> {
			var slot = require(celebrityId, toWindowId);
			check.accept(slot);
			if (!increment(celebrityId, toWindowId, notBefore)) {
				throw refusal(require(celebrityId, toWindowId), notBefore);
			}
			decrement(celebrityId, fromWindowId);
			return then.apply(slot);
		});
	}

	/**
	 * Gives a slot back (an expired hold, a cancellation). {@code booked > 0} is a condition of the UPDATE, so a
	 * release can never make the count negative; a window that is gone has nothing to give back.
	 * @return whether a slot was released
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean release(UUID celebrityId, UUID windowId) {
		return calendar.change(celebrityId, () -> decrement(celebrityId, windowId));
	}

	private boolean decrement(UUID celebrityId, UUID windowId) {
		return jdbc.sql("""
				UPDATE time_window SET booked = booked - 1, updated_at = now()
				WHERE id = :id AND celebrity_id = :c AND booked > 0""")
			.param("id", windowId)
			.param("c", celebrityId)
			.update() == 1;
	}

	private boolean increment(UUID celebrityId, UUID windowId, Instant notBefore) {
		return jdbc.sql("""
				UPDATE time_window SET booked = booked + 1, updated_at = now()
				WHERE id = :id AND celebrity_id = :c AND booked < capacity AND NOT blocked AND starts_at > :notBefore""")
			.param("id", windowId)
			.param("c", celebrityId)
			.param("notBefore", java.sql.Timestamp.from(notBefore))
			.update() == 1;
	}

	private Slot require(UUID celebrityId, UUID windowId) {
		return jdbc.sql(SELECT + " WHERE w.id = :id AND w.celebrity_id = :c")
			.param("id", windowId)
			.param("c", celebrityId)
			.query((rs, n) -> slot(rs))
			.optional()
			.orElseThrow(() -> ApiException.notFound("Window " + windowId));
	}

	/** Why a slot cannot be taken, most specific first; the generic code if nothing explains it. */
	public static ApiException refusal(Slot slot, Instant notBefore) {
		if (slot.blocked()) {
			return ApiException.conflict("DATE_BLOCKED", "The celebrity is not available on " + slot.date());
		}
		if (!slot.startsAt().isAfter(notBefore)) {
			return ApiException.conflict("TOO_LATE_TO_BOOK",
					"This window starts too soon to be booked (it must start after " + notBefore + ")");
		}
		if (slot.full()) {
			return ApiException.conflict("WINDOW_FULL", "Every slot of this window is taken");
		}
		return ApiException.conflict("SLOT_UNAVAILABLE", "This slot cannot be booked");
	}

	private static Slot slot(ResultSet rs) throws SQLException {
		return new Slot(rs.getObject("id", UUID.class), rs.getObject("celebrity_id", UUID.class),
				rs.getObject("location_id", UUID.class), rs.getString("city"), rs.getString("country"),
				rs.getString("time_zone"), rs.getObject("date", LocalDate.class),
				rs.getObject("start_time", LocalTime.class), rs.getObject("end_time", LocalTime.class),
				rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
				rs.getInt("capacity"), rs.getInt("booked"), rs.getBoolean("blocked"));
	}
}

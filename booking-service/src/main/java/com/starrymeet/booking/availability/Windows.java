package com.starrymeet.booking.availability;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import com.starrymeet.booking.availability.Views.Page;
import com.starrymeet.booking.availability.Views.WindowView;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.Problems;
import com.starrymeet.common.web.ValidationFailed;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Time windows on a local date at a location, with a slot capacity. Every change runs through the
 * {@link Calendar} (lock, change, publish). Who may call these is checked by the caller of these methods.
 * <p>
 * What keeps them consistent without read-then-write: windows of one celebrity never overlap, whatever their
 * locations and zones, because of the {@code time_window_no_overlap} exclusion constraint (its violation is 400
 * {@code OVERLAPPING_WINDOW}); capacity never drops below {@code booked} because the UPDATE carries
 * {@code WHERE booked <= :capacity}; a window is deleted only by {@code DELETE ... WHERE booked = 0}.
 */
@Service
public class Windows {

	/** Windows can be planned this far ahead. */
	public static final int HORIZON_DAYS = 730;

	public static final int MAX_CAPACITY = 1000;

	/** Add a window on {@code date} at a location of the celebrity; times are local there, to the minute. */
	public record AddWindow(UUID locationId, LocalDate date, LocalTime startTime, LocalTime endTime, int capacity) {

		public AddWindow {
			requireCapacity(capacity);
			if (!endTime.isAfter(startTime)) {
				throw ValidationFailed.of("endTime", "must be after startTime (a window ends on its own date)");
			}
		}
	}

	/**
	 * Change a window's capacity and/or times; a {@code null} component keeps the current value, and at least one
	 * must be given. The date and location of a window do not change (delete it and add another).
	 */
	public record ChangeWindow(@Nullable Integer capacity, @Nullable LocalTime startTime, @Nullable LocalTime endTime) {

		public ChangeWindow {
			if (capacity == null && startTime == null && endTime == null) {
				throw ValidationFailed.of("body", "must contain at least one of capacity, startTime, endTime");
			}
			if (capacity != null) {
				requireCapacity(capacity);
			}
		}
	}

	private static void requireCapacity(int capacity) {
		if (capacity < 1 || capacity > MAX_CAPACITY) {
			throw ValidationFailed.of("capacity", "must be between 1 and " + MAX_CAPACITY);
		}
	}

	private static final String WINDOW_SELECT = """
			SELECT w.*, l.city, l.country, l.time_zone FROM time_window w JOIN location l ON l.id = w.location_id""";

	private final JdbcClient jdbc;

	private final Calendar calendar;

	private final Clock clock;

	Windows(JdbcClient jdbc, Calendar calendar) {
		this.jdbc = jdbc;
		this.calendar = calendar;
		this.clock = Clock.systemUTC();
	}

	/**
	 * A window on a date at a location. 400: the date past in the location's zone (or the start instant past),
	 * beyond the horizon, end not after start there, a location that is not the celebrity's, or overlapping
	 * another window of the celebrity ({@code OVERLAPPING_WINDOW}). 409 {@code DATE_BLOCKED} on a blocked date.
	 */
	@Transactional
	public WindowView add(UUID celebrityId, AddWindow command) {
		return calendar.change(celebrityId, () -> {
			var zone = jdbc.sql("SELECT time_zone FROM location WHERE id = :id AND celebrity_id = :c")
				.param("id", command.locationId())
				.param("c", celebrityId)
				.query(String.class)
				.optional()
				.map(ZoneId::of)
				.orElseThrow(() -> ValidationFailed.of("locationId", "is not a location of this celebrity"));
			var instants = instants(zone, command.date(), command.startTime(), command.endTime(), true);
			requireNotBlocked(celebrityId, command.date());
			UUID id;
			try {
				id = jdbc.sql("""
						INSERT INTO time_window (celebrity_id, location_id, date, start_time, end_time, starts_at, ends_at, capacity)
						VALUES (:c, :location, :date, :start, :end, :startsAt, :endsAt, :capacity) RETURNING id""")
					.param("c", celebrityId)
					.param("location", command.locationId())
					.param("date", command.date())
					.param("start", command.startTime())
					.param("end", command.endTime())
					.param("startsAt", Timestamp.from(instants.start()))
					.param("endsAt", Timestamp.from(instants.end()))
					.param("capacity", command.capacity())
					.query(UUID.class)
					.single();
			}
			catch (DataAccessException ex) {
				throw overlapOr(ex);
			}
			return window(celebrityId, id);
		});
	}

	/**
	 * Edits capacity and/or times. Capacity below {@code booked}: 409 {@code CAPACITY_BELOW_BOOKED}; times of a
	 * window that has bookings: 409 {@code WINDOW_HAS_BOOKINGS} (booked meetings keep their time). Both are
	 * conditions of the one UPDATE, so a booking that lands meanwhile is never overrun.
	 */
	@Transactional
	public WindowView change(UUID celebrityId, UUID windowId, ChangeWindow command) {
		return calendar.change(celebrityId, () -> {
			// date, location and times change only under the calendar lock, which this transaction holds
			var current = window(celebrityId, windowId);
			var currentStart = LocalTime.parse(current.startTime());
			var currentEnd = LocalTime.parse(current.endTime());
			var start = command.startTime() != null ? command.startTime() : currentStart;
			var end = command.endTime() != null ? command.endTime() : currentEnd;
			if (!end.isAfter(start)) {
				throw ValidationFailed.of(command.endTime() != null ? "endTime" : "startTime",
						"endTime must be after startTime");
			}
			boolean timesChange = !start.equals(currentStart) || !end.equals(currentEnd);
			var instants = timesChange ? instants(ZoneId.of(current.timeZone()), current.date(), start, end, false)
					: new Instants(current.startsAt(), current.endsAt());
			int updated;
			try {
				updated = jdbc.sql("""
						UPDATE time_window SET capacity = coalesce(:capacity, capacity), start_time = :start, end_time = :end,
						    starts_at = :startsAt, ends_at = :endsAt, updated_at = now()
						WHERE id = :id AND celebrity_id = :c AND booked <= coalesce(:capacity, capacity)
						  AND (NOT :timesChange OR booked = 0)""")
					.param("capacity", command.capacity(), java.sql.Types.INTEGER)
					.param("start", start)
					.param("end", end)
					.param("startsAt", Timestamp.from(instants.start()))
					.param("endsAt", Timestamp.from(instants.end()))
					.param("id", windowId)
					.param("c", celebrityId)
					.param("timesChange", timesChange)
					.update();
			}
			catch (DataAccessException ex) {
				throw overlapOr(ex);
			}
			if (updated == 0) {
				var now = window(celebrityId, windowId); // 404 if it went away
				if (command.capacity() != null && now.booked() > command.capacity()) {
					throw ApiException.conflict("CAPACITY_BELOW_BOOKED",
							"Capacity " + command.capacity() + " is below the " + now.booked() + " slots already booked");
				}
				throw ApiException.conflict("WINDOW_HAS_BOOKINGS", "The times of a window with bookings cannot change");
			}
			return window(celebrityId, windowId);
		});
	}

	/** Deletes a window; 409 {@code WINDOW_HAS_BOOKINGS} if anything is booked in it. */
	@Transactional
	public void delete(UUID celebrityId, UUID windowId) {
		calendar.change(celebrityId, () -> {
			int deleted = jdbc.sql("DELETE FROM time_window WHERE id = :id AND celebrity_id = :c AND booked = 0")
				.param("id", windowId)
				.param("c", celebrityId)
				.update();
			if (deleted == 0) {
				window(celebrityId, windowId); // 404 if it does not exist
				throw ApiException.conflict("WINDOW_HAS_BOOKINGS", "This window has bookings");
			}
		});
	}

	/**
	 * The owner's view of windows, a page at a time in start order: those not yet ended, or those with a date
	 * in {@code [from, to]}.
	 */
	@Transactional(readOnly = true)
	public Page<WindowView> page(UUID celebrityId, @Nullable LocalDate from, @Nullable LocalDate to,
			Pagination.PageQuery page) {
		var where = new StringBuilder("w.celebrity_id = :c");
		var params = new HashMap<String, Object>();
		params.put("c", celebrityId);
		if (from == null && to == null) {
			where.append(" AND w.ends_at > now()");
		}
		if (from != null) {
			where.append(" AND w.date >= :from");
			params.put("from", from);
		}
		if (to != null) {
			where.append(" AND w.date <= :to");
			params.put("to", to);
		}
		long total = jdbc.sql("SELECT count(*) FROM time_window w WHERE " + where)
			.params(params)
			.query(Long.class)
			.single();
		var items = jdbc.sql(WINDOW_SELECT + " WHERE " + where + " ORDER BY w.starts_at, w.id LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", page.limit())
			.param("offset", page.offset())
			.query((rs, n) -> windowView(rs))
			.list();
		return new Page<>(items, Pagination.of(page, total));
	}

	private WindowView window(UUID celebrityId, UUID windowId) {
		return jdbc.sql(WINDOW_SELECT + " WHERE w.id = :id AND w.celebrity_id = :c")
			.param("id", windowId)
			.param("c", celebrityId)
			.query((rs, n) -> windowView(rs))
			.optional()
			.orElseThrow(() -> ApiException.notFound("Window " + windowId));
	}

	private static WindowView windowView(ResultSet rs) throws SQLException {
		int capacity = rs.getInt("capacity");
		int booked = rs.getInt("booked");
		return new WindowView(rs.getObject("id", UUID.class), rs.getObject("celebrity_id", UUID.class),
				rs.getObject("location_id", UUID.class), rs.getString("city"), rs.getString("country"),
				rs.getString("time_zone"), rs.getObject("date", LocalDate.class),
				Views.hhmm(rs.getObject("start_time", LocalTime.class)),
				Views.hhmm(rs.getObject("end_time", LocalTime.class)), rs.getTimestamp("starts_at").toInstant(),
				rs.getTimestamp("ends_at").toInstant(), capacity, booked, capacity - booked, rs.getBoolean("blocked"));
	}

	private record Instants(Instant start, Instant end) {
	}

	/**
	 * The window as instants in the location's zone, checked (400 naming the field): not past, within the
	 * horizon, end after start (a local time skipped by a daylight-saving change moves forward, which can
	 * reverse them).
	 */
	private Instants instants(ZoneId zone, LocalDate date, LocalTime start, LocalTime end, boolean checkDate) {
		var today = LocalDate.now(clock.withZone(zone));
		var startsAt = ZonedDateTime.of(date, start, zone).toInstant();
		var endsAt = ZonedDateTime.of(date, end, zone).toInstant();
		if (checkDate && date.isBefore(today)) {
			throw ValidationFailed.of("date", "is in the past in " + zone.getId() + " (today there is " + today + ")");
		}
		if (checkDate && date.isAfter(today.plusDays(HORIZON_DAYS))) {
			throw ValidationFailed.of("date", "must be at most " + HORIZON_DAYS + " days ahead");
		}
		if (!startsAt.isAfter(clock.instant())) {
			throw ValidationFailed.of("startTime", "is in the past in " + zone.getId());
		}
		if (!endsAt.isAfter(startsAt)) {
			throw ValidationFailed.of("endTime",
					"must be after startTime in " + zone.getId() + " (a daylight-saving change)");
		}
		return new Instants(startsAt, endsAt);
	}

	/** 400 {@code OVERLAPPING_WINDOW} for the exclusion constraint; anything else is rethrown. */
	private static RuntimeException overlapOr(DataAccessException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && "23P01".equals(sql.getSQLState())) {
				return new ValidationFailed("OVERLAPPING_WINDOW", "The window overlaps another window of this celebrity",
						List.of(new Problems.FieldError("startTime", "overlaps another window of this celebrity"),
								new Problems.FieldError("endTime", "overlaps another window of this celebrity")));
			}
		}
		return ex;
	}

	/** 409 {@code DATE_BLOCKED}: a window cannot be added on a blocked date (runs under the calendar lock). */
	private void requireNotBlocked(UUID celebrityId, LocalDate date) {
		if (jdbc.sql("SELECT count(*) FROM blocked_date WHERE celebrity_id = :c AND date = :d")
			.param("c", celebrityId)
			.param("d", date)
			.query(Long.class)
			.single() > 0) {
			throw ApiException.conflict("DATE_BLOCKED", date + " is blocked; unblock it first");
		}
	}
}

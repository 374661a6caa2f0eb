package com.starrymeet.booking.availability;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.starrymeet.booking.availability.Views.BlockedDateView;
import com.starrymeet.booking.availability.Views.Blocked;
import com.starrymeet.booking.availability.Views.LocationView;
import com.starrymeet.booking.availability.Views.WindowView;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.BodyReader;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.Problems;
import com.starrymeet.common.web.ValidationFailed;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Changes to a celebrity's availability, by its owner or an admin (checked by the caller of these methods).
 * Each change validates the body, then in one transaction locks the celebrity's calendar (version + 1),
 * checks what depends on stored state, writes, and records AvailabilityChanged with that version.
 * <p>
 * What keeps it consistent without read-then-write: windows never overlap because of the
 * {@code time_window_no_overlap} exclusion constraint (its violation is 400 {@code OVERLAPPING_WINDOW});
 * capacity never drops below {@code booked} because the UPDATE carries {@code WHERE booked <= :capacity};
 * a window is deleted only by {@code DELETE ... WHERE booked = 0}; a date is blocked by first flagging (and so
 * locking) its windows, then checking none is booked.
 */
@Service
public class AvailabilityManagement {

	public static final Set<String> LOCATION_FIELDS = Set.of("city", "country", "timeZone");

	public static final Set<String> WINDOW_FIELDS = Set.of("locationId", "date", "startTime", "endTime", "capacity");

	public static final Set<String> WINDOW_EDIT_FIELDS = Set.of("capacity", "startTime", "endTime");

	public static final Set<String> BLOCK_FIELDS = Set.of("date", "reason");

	/** Windows can be planned this far ahead. */
	static final int HORIZON_DAYS = 730;

	static final int MAX_CAPACITY = 1000;

	/** The last time zone to reach a date: a date is past when it is past there too ("anywhere on Earth"). */
	static final ZoneOffset ANYWHERE_ON_EARTH = ZoneOffset.ofHours(-12);

	private final JdbcClient jdbc;

	private final Calendar calendar;

	private final Clock clock;

	AvailabilityManagement(JdbcClient jdbc, Calendar calendar) {
		this.jdbc = jdbc;
		this.calendar = calendar;
		this.clock = Clock.systemUTC();
	}

	// ---------------------------------------------------------------- locations

	@Transactional
	public LocationView addLocation(UUID celebrityId, JsonNode body) {
		var reader = new BodyReader(body, LOCATION_FIELDS);
		var city = reader.text("city", 100, true, false);
		var country = reader.text("country", 100, true, false);
		var zone = reader.zone("timeZone", true);
		reader.done();
		long version = calendar.lock(celebrityId);
		requireNewCity(celebrityId, null, city, country);
		var id = jdbc.sql("""
				INSERT INTO location (celebrity_id, city, country, time_zone) VALUES (:c, :city, :country, :zone)
				RETURNING id""")
			.param("c", celebrityId)
			.param("city", city)
			.param("country", country)
			.param("zone", zone.getId())
			.query(UUID.class)
			.single();
		calendar.publish(celebrityId, version);
		return location(celebrityId, id);
	}

	/**
	 * Edits city, country or time zone. The time zone of a location that has windows cannot change (their
	 * instants, and any booked meeting, would move): 409 {@code LOCATION_HAS_WINDOWS}.
	 */
	@Transactional
	public LocationView updateLocation(UUID celebrityId, UUID locationId, JsonNode body) {
		var reader = new BodyReader(body, LOCATION_FIELDS);
		if (reader.isEmpty()) {
			reader.error("body", "must contain at least one of city, country, timeZone");
		}
		var city = reader.has("city") ? reader.text("city", 100, true, false) : null;
		var country = reader.has("country") ? reader.text("country", 100, true, false) : null;
		var zone = reader.has("timeZone") ? reader.zone("timeZone", true) : null;
		reader.done();
		long version = calendar.lock(celebrityId);
		var current = location(celebrityId, locationId);
		var newCity = city != null ? city : current.city();
		var newCountry = country != null ? country : current.country();
		requireNewCity(celebrityId, locationId, newCity, newCountry);
		if (zone != null && !zone.getId().equals(current.timeZone()) && jdbc
			.sql("SELECT count(*) FROM time_window WHERE location_id = :id")
			.param("id", locationId)
			.query(Long.class)
			.single() > 0) {
			throw ApiException.conflict("LOCATION_HAS_WINDOWS",
					"The time zone of a location with windows cannot change; delete its windows first");
		}
		jdbc.sql("""
				UPDATE location SET city = :city, country = :country, time_zone = :zone, updated_at = now()
				WHERE id = :id AND celebrity_id = :c""")
			.param("city", newCity)
			.param("country", newCountry)
			.param("zone", zone != null ? zone.getId() : current.timeZone())
			.param("id", locationId)
			.param("c", celebrityId)
			.update();
		calendar.publish(celebrityId, version);
		return location(celebrityId, locationId);
	}

	/** Deletes a location with its windows; 409 {@code LOCATION_HAS_BOOKINGS} if any of its windows is booked. */
	@Transactional
	public void deleteLocation(UUID celebrityId, UUID locationId) {
		long version = calendar.lock(celebrityId);
		location(celebrityId, locationId);
		// a window booked meanwhile is skipped (the row is re-checked after its lock), so it remains and refuses
		jdbc.sql("DELETE FROM time_window WHERE location_id = :id AND booked = 0").param("id", locationId).update();
		if (jdbc.sql("SELECT count(*) FROM time_window WHERE location_id = :id")
			.param("id", locationId)
			.query(Long.class)
			.single() > 0) {
			throw ApiException.conflict("LOCATION_HAS_BOOKINGS", "This location has booked windows");
		}
		jdbc.sql("DELETE FROM location WHERE id = :id").param("id", locationId).update();
		calendar.publish(celebrityId, version);
	}

	@Transactional(readOnly = true)
	public List<LocationView> locations(UUID celebrityId) {
		return jdbc.sql("SELECT * FROM location WHERE celebrity_id = :c ORDER BY city, country, id")
			.param("c", celebrityId)
			.query((rs, n) -> locationView(rs))
			.list();
	}

	private LocationView location(UUID celebrityId, UUID locationId) {
		return jdbc.sql("SELECT * FROM location WHERE id = :id AND celebrity_id = :c")
			.param("id", locationId)
			.param("c", celebrityId)
			.query((rs, n) -> locationView(rs))
			.optional()
			.orElseThrow(() -> ApiException.notFound("Location " + locationId));
	}

	/** One location per city and country (case-insensitive): 409 {@code LOCATION_EXISTS}. Runs under the lock. */
	private void requireNewCity(UUID celebrityId, @Nullable UUID except, String city, String country) {
		var existing = jdbc.sql("""
				SELECT id FROM location WHERE celebrity_id = :c AND lower(city) = lower(:city)
				  AND lower(country) = lower(:country) AND id IS DISTINCT FROM :except""")
			.param("c", celebrityId)
			.param("city", city)
			.param("country", country)
			.param("except", except, java.sql.Types.OTHER)
			.query(UUID.class)
			.optional();
		if (existing.isPresent()) {
			throw ApiException.conflict("LOCATION_EXISTS",
					"This celebrity already has a location in " + city + ", " + country + ": " + existing.get());
		}
	}

	private static LocationView locationView(ResultSet rs) throws SQLException {
		return new LocationView(rs.getObject("id", UUID.class), rs.getObject("celebrity_id", UUID.class),
				rs.getString("city"), rs.getString("country"), rs.getString("time_zone"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

	// ---------------------------------------------------------------- windows

	/**
	 * A window on a date at a location. 400: end not after start, the date past in the location's zone (or
	 * the start instant past), beyond the horizon, capacity out of 1..1000, unknown location, or overlapping
	 * another window of the celebrity ({@code OVERLAPPING_WINDOW}). 409 {@code DATE_BLOCKED} on a blocked date.
	 */
	@Transactional
	public WindowView addWindow(UUID celebrityId, JsonNode body) {
		var reader = new BodyReader(body, WINDOW_FIELDS);
		var locationId = reader.uuid("locationId", true);
		var date = reader.date("date", true);
		var start = reader.time("startTime", true);
		var end = reader.time("endTime", true);
		var capacity = asInt(reader.integer("capacity", 1, MAX_CAPACITY, true));
		if (start != null && end != null && !end.isAfter(start)) {
			reader.error("endTime", "must be after startTime (a window ends on its own date)");
		}
		reader.done();
		long version = calendar.lock(celebrityId);
		var location = jdbc.sql("SELECT time_zone FROM location WHERE id = :id AND celebrity_id = :c")
			.param("id", locationId)
			.param("c", celebrityId)
			.query(String.class)
			.optional()
			.orElseThrow(() -> ValidationFailed.of("locationId", "is not a location of this celebrity"));
		var zone = ZoneId.of(location);
		var instants = instants(reader, zone, date, start, end, true);
		reader.done();
		requireNotBlocked(celebrityId, date);
		UUID id;
		try {
			id = jdbc.sql("""
					INSERT INTO time_window (celebrity_id, location_id, date, start_time, end_time, starts_at, ends_at, capacity)
					VALUES (:c, :location, :date, :start, :end, :startsAt, :endsAt, :capacity) RETURNING id""")
				.param("c", celebrityId)
				.param("location", locationId)
				.param("date", date)
				.param("start", start)
				.param("end", end)
				.param("startsAt", Timestamp.from(instants[0]))
				.param("endsAt", Timestamp.from(instants[1]))
				.param("capacity", capacity)
				.query(UUID.class)
				.single();
		}
		catch (DataAccessException ex) {
			throw overlapOr(ex);
		}
		calendar.publish(celebrityId, version);
		return window(celebrityId, id);
	}

	/**
	 * Edits capacity and/or times. Capacity below {@code booked}: 409 {@code CAPACITY_BELOW_BOOKED}; times of a
	 * window that has bookings: 409 {@code WINDOW_HAS_BOOKINGS} (booked meetings keep their time). Both are
	 * conditions of the one UPDATE, so a booking that lands meanwhile is never overrun.
	 */
	@Transactional
	public WindowView updateWindow(UUID celebrityId, UUID windowId, JsonNode body) {
		var reader = new BodyReader(body, WINDOW_EDIT_FIELDS);
		if (reader.isEmpty()) {
			reader.error("body", "must contain at least one of capacity, startTime, endTime");
		}
		var capacity = asInt(reader.integer("capacity", 1, MAX_CAPACITY, false));
		var start = reader.has("startTime") ? reader.time("startTime", true) : null;
		var end = reader.has("endTime") ? reader.time("endTime", true) : null;
		reader.done();
		long version = calendar.lock(celebrityId);
		// date, location and times change only under the calendar lock, which this transaction holds
		var current = window(celebrityId, windowId);
		var newStart = start != null ? start : LocalTime.parse(current.startTime());
		var newEnd = end != null ? end : LocalTime.parse(current.endTime());
		boolean timesChange = !newStart.equals(LocalTime.parse(current.startTime()))
				|| !newEnd.equals(LocalTime.parse(current.endTime()));
		if (!newEnd.isAfter(newStart)) {
			reader.error(end != null ? "endTime" : "startTime", "endTime must be after startTime");
			reader.done();
		}
		var instants = timesChange ? instants(reader, ZoneId.of(current.timeZone()), current.date(), newStart, newEnd, false)
				: new Instant[] { current.startsAt(), current.endsAt() };
		reader.done();
		int updated;
		try {
			updated = jdbc.sql("""
					UPDATE time_window SET capacity = coalesce(:capacity, capacity), start_time = :start, end_time = :end,
					    starts_at = :startsAt, ends_at = :endsAt, updated_at = now()
					WHERE id = :id AND celebrity_id = :c AND booked <= coalesce(:capacity, capacity)
					  AND (NOT :timesChange OR booked = 0)""")
				.param("capacity", capacity, java.sql.Types.INTEGER)
				.param("start", newStart)
				.param("end", newEnd)
				.param("startsAt", Timestamp.from(instants[0]))
				.param("endsAt", Timestamp.from(instants[1]))
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
			if (capacity != null && now.booked() > capacity) {
				throw ApiException.conflict("CAPACITY_BELOW_BOOKED",
						"Capacity " + capacity + " is below the " + now.booked() + " slots already booked");
			}
			throw ApiException.conflict("WINDOW_HAS_BOOKINGS", "The times of a window with bookings cannot change");
		}
		calendar.publish(celebrityId, version);
		return window(celebrityId, windowId);
	}

	/** Deletes a window; 409 {@code WINDOW_HAS_BOOKINGS} if anything is booked in it. */
	@Transactional
	public void deleteWindow(UUID celebrityId, UUID windowId) {
		long version = calendar.lock(celebrityId);
		int deleted = jdbc.sql("DELETE FROM time_window WHERE id = :id AND celebrity_id = :c AND booked = 0")
			.param("id", windowId)
			.param("c", celebrityId)
			.update();
		if (deleted == 0) {
			window(celebrityId, windowId); // 404 if it does not exist
			throw ApiException.conflict("WINDOW_HAS_BOOKINGS", "This window has bookings");
		}
		calendar.publish(celebrityId, version);
	}

	/**
	 * The owner's view of windows, a page at a time in start order: those not yet ended, or those with a date
	 * in {@code [from, to]}.
	 */
	@Transactional(readOnly = true)
	public Page<WindowView> windows(UUID celebrityId, @Nullable LocalDate from, @Nullable LocalDate to,
			Pagination.PageQuery page) {
		var where = new StringBuilder("w.celebrity_id = :c");
		if (from == null && to == null) {
			where.append(" AND w.ends_at > now()");
		}
		if (from != null) {
			where.append(" AND w.date >= :from");
		}
		if (to != null) {
			where.append(" AND w.date <= :to");
		}
		var params = new java.util.HashMap<String, Object>();
		params.put("c", celebrityId);
		if (from != null) {
			params.put("from", from);
		}
		if (to != null) {
			params.put("to", to);
		}
		long total = jdbc.sql("SELECT count(*) FROM time_window w WHERE " + where).params(params)
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

	/** A page of a list with its pagination. */
	public record Page<T>(List<T> items, Pagination pagination) {
	}

	private static final String WINDOW_SELECT = """
			SELECT w.*, l.city, l.country, l.time_zone FROM time_window w JOIN location l ON l.id = w.location_id""";

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

	/**
	 * The window as instants in the location's zone, checked: not past, within the horizon, end after start
	 * (a local time skipped by a daylight-saving change moves forward, which can reverse them).
	 */
	private Instant[] instants(BodyReader reader, ZoneId zone, LocalDate date, LocalTime start, LocalTime end,
			boolean checkDate) {
		var today = LocalDate.now(clock.withZone(zone));
		var startsAt = ZonedDateTime.of(date, start, zone).toInstant();
		var endsAt = ZonedDateTime.of(date, end, zone).toInstant();
		if (checkDate && date.isBefore(today)) {
			reader.error("date", "is in the past in " + zone.getId() + " (today there is " + today + ")");
		}
		else if (checkDate && date.isAfter(today.plusDays(HORIZON_DAYS))) {
			reader.error("date", "must be at most " + HORIZON_DAYS + " days ahead");
		}
		else if (!startsAt.isAfter(clock.instant())) {
			reader.error("startTime", "is in the past in " + zone.getId());
		}
		else if (!endsAt.isAfter(startsAt)) {
			reader.error("endTime", "must be after startTime in " + zone.getId() + " (a daylight-saving change)");
		}
		return new Instant[] { startsAt, endsAt };
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

	// ---------------------------------------------------------------- blocked dates

	/**
	 * Blocks a date for all locations (windows match by their local date): they stop being offered. 409
	 * {@code DATE_HAS_BOOKINGS} if a window that day is booked. Blocking a blocked date updates its reason.
	 */
	@Transactional
	public Blocked block(UUID celebrityId, JsonNode body) {
		var reader = new BodyReader(body, BLOCK_FIELDS);
		var date = reader.date("date", true);
		var reason = reader.text("reason", 200, false, true);
		if (date != null && date.isBefore(LocalDate.now(clock.withZone(ANYWHERE_ON_EARTH)))) {
			reader.error("date", "is in the past");
		}
		reader.done();
		long version = calendar.lock(celebrityId);
		// flag first: the UPDATE locks the day's windows, so no booking can land on them until this commits
		jdbc.sql("UPDATE time_window SET blocked = true, updated_at = now() WHERE celebrity_id = :c AND date = :d")
			.param("c", celebrityId)
			.param("d", date)
			.update();
		long booked = jdbc.sql("SELECT count(*) FROM time_window WHERE celebrity_id = :c AND date = :d AND booked > 0")
			.param("c", celebrityId)
			.param("d", date)
			.query(Long.class)
			.single();
		if (booked > 0) {
			throw ApiException.conflict("DATE_HAS_BOOKINGS", "Windows on " + date + " have bookings");
		}
		var created = jdbc.sql("""
				INSERT INTO blocked_date (celebrity_id, date, reason) VALUES (:c, :d, :reason)
				ON CONFLICT (celebrity_id, date) DO UPDATE SET reason = excluded.reason
				RETURNING (xmax = 0) AS created""")
			.param("c", celebrityId)
			.param("d", date)
			.param("reason", reason, java.sql.Types.VARCHAR)
			.query(Boolean.class)
			.single();
		calendar.publish(celebrityId, version);
		return new Blocked(blockedDate(celebrityId, date), created);
	}

	/** Unblocks a date; 404 if it is not blocked. */
	@Transactional
	public void unblock(UUID celebrityId, LocalDate date) {
		long version = calendar.lock(celebrityId);
		int deleted = jdbc.sql("DELETE FROM blocked_date WHERE celebrity_id = :c AND date = :d")
			.param("c", celebrityId)
			.param("d", date)
			.update();
		if (deleted == 0) {
			throw ApiException.notFound("Blocked date " + date);
		}
		jdbc.sql("UPDATE time_window SET blocked = false, updated_at = now() WHERE celebrity_id = :c AND date = :d")
			.param("c", celebrityId)
			.param("d", date)
			.update();
		calendar.publish(celebrityId, version);
	}

	@Transactional(readOnly = true)
	public List<BlockedDateView> blockedDates(UUID celebrityId) {
		return jdbc.sql("SELECT date, reason, created_at FROM blocked_date WHERE celebrity_id = :c ORDER BY date")
			.param("c", celebrityId)
			.query((rs, n) -> new BlockedDateView(rs.getObject("date", LocalDate.class), rs.getString("reason"),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	private BlockedDateView blockedDate(UUID celebrityId, LocalDate date) {
		return jdbc.sql("SELECT date, reason, created_at FROM blocked_date WHERE celebrity_id = :c AND date = :d")
			.param("c", celebrityId)
			.param("d", date)
			.query((rs, n) -> new BlockedDateView(rs.getObject("date", LocalDate.class), rs.getString("reason"),
					rs.getTimestamp("created_at").toInstant()))
			.single();
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
	private static @Nullable Integer asInt(@Nullable Long value) {
		return value == null ? null : value.intValue();
	}
}

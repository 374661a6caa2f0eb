package com.starrymeet.booking.availability;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.starrymeet.booking.availability.Views.MonthDay;
import com.starrymeet.booking.availability.Views.MonthView;
import com.starrymeet.booking.availability.Views.PublicAvailability;
import com.starrymeet.booking.availability.Views.PublicDate;
import com.starrymeet.booking.availability.Views.PublicLocation;
import com.starrymeet.booking.availability.Views.PublicWindow;
import com.starrymeet.common.web.ValidationFailed;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public calendar. A window is offered when it has not started and its date is not blocked; a date is
 * {@code available} when one of its windows still has room ({@code booked < capacity}). Dates are local dates
 * at the location, so "today onward" is per location's time zone.
 */
@Service
public class AvailabilityQuery {

	private final JdbcClient jdbc;

	AvailabilityQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private record Row(UUID id, UUID location, String city, String country, String zone, LocalDate date,
			LocalTime start, LocalTime end, Instant startsAt, Instant endsAt, int capacity, int booked) {

		int remaining() {
			return capacity - booked;
		}
	}

	/** Parses {@code ?month=2026-12}; 400 {@code VALIDATION_FAILED} with a field error on {@code month}. */
	public static YearMonth month(String value) {
		try {
			var month = YearMonth.parse(value);
			if (month.getYear() < 2000 || month.getYear() > 2999) {
				throw ValidationFailed.of("month", "must be a month like 2026-12");
			}
			return month;
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw ValidationFailed.of("month", "must be a month like 2026-12");
		}
	}

	@Transactional(readOnly = true)
	public PublicAvailability view(UUID celebrityId, @Nullable YearMonth month) {
		var upcoming = rows(celebrityId, null, null);
		var byLocation = new LinkedHashMap<UUID, List<Row>>();
		upcoming.stream()
			.sorted(java.util.Comparator.comparing(Row::city).thenComparing(Row::country).thenComparing(Row::location)
				.thenComparing(Row::startsAt))
			.forEach(row -> byLocation.computeIfAbsent(row.location(), k -> new ArrayList<>()).add(row));
		var locations = new ArrayList<PublicLocation>();
		byLocation.values().forEach(rows -> {
			var byDate = new TreeMap<LocalDate, List<Row>>();
			rows.forEach(row -> byDate.computeIfAbsent(row.date(), k -> new ArrayList<>()).add(row));
			var dates = new ArrayList<PublicDate>();
			byDate.forEach((date, windows) -> {
				int remaining = windows.stream().mapToInt(Row::remaining).sum();
				dates.add(new PublicDate(date, remaining > 0, remaining, windows.stream()
					.map(w -> new PublicWindow(w.id(), Views.hhmm(w.start()), Views.hhmm(w.end()), w.startsAt(),
							w.endsAt(), w.remaining()))
					.toList()));
			});
			var available = dates.stream().filter(PublicDate::available).toList();
			var first = rows.getFirst();
			locations.add(new PublicLocation(first.location(), first.city(), first.country(), first.zone(),
					available.size(), available.isEmpty() ? null : available.getFirst().date(), dates));
		});
		return new PublicAvailability(celebrityId, locations, month == null ? null : monthView(celebrityId, month));
	}

	private MonthView monthView(UUID celebrityId, YearMonth month) {
		var rows = rows(celebrityId, month.atDay(1), month.atEndOfMonth());
		Map<LocalDate, List<Row>> byDate = new TreeMap<>();
		rows.forEach(row -> byDate.computeIfAbsent(row.date(), k -> new ArrayList<>()).add(row));
		var days = new ArrayList<MonthDay>();
		for (var date = month.atDay(1); !date.isAfter(month.atEndOfMonth()); date = date.plusDays(1)) {
			var windows = byDate.getOrDefault(date, List.of());
			int remaining = windows.stream().mapToInt(Row::remaining).sum();
			var cities = new LinkedHashSet<String>();
			windows.forEach(w -> cities.add(w.city()));
			days.add(new MonthDay(date, remaining > 0, remaining, List.copyOf(cities)));
		}
		return new MonthView(month.toString(), days);
	}

	/** Offered windows (not started, not blocked), all upcoming or those dated within {@code [from, to]}. */
	private List<Row> rows(UUID celebrityId, @Nullable LocalDate from, @Nullable LocalDate to) {
		var sql = """
				SELECT w.id, w.location_id, l.city, l.country, l.time_zone, w.date, w.start_time, w.end_time,
				       w.starts_at, w.ends_at, w.capacity, w.booked
				FROM time_window w JOIN location l ON l.id = w.location_id
				WHERE w.celebrity_id = :c AND w.starts_at > now() AND NOT w.blocked
				""" + (from != null ? " AND w.date BETWEEN :from AND :to" : "") + " ORDER BY w.starts_at, w.id";
		var statement = jdbc.sql(sql).param("c", celebrityId);
		if (from != null) {
			statement = statement.param("from", from).param("to", to);
		}
		return statement
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("location_id", UUID.class),
					rs.getString("city"), rs.getString("country"), rs.getString("time_zone"),
					rs.getObject("date", LocalDate.class), rs.getObject("start_time", LocalTime.class),
					rs.getObject("end_time", LocalTime.class), rs.getTimestamp("starts_at").toInstant(),
					rs.getTimestamp("ends_at").toInstant(), rs.getInt("capacity"), rs.getInt("booked")))
			.list();
	}
}

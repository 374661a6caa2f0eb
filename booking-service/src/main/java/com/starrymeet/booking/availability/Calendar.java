package com.starrymeet.booking.availability;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.AvailabilityChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The per-celebrity calendar version, and the one place that publishes AvailabilityChanged. Every change of a
 * celebrity's availability runs through {@link #change}: it locks the {@code calendar} row (an upsert whose row
 * lock serialises the changes of one celebrity), runs the change, and — only when the public calendar
 * ({@link #snapshot}) differs from the one last published, compared by digest — raises the version (which only ever
 * grows) and records AvailabilityChanged in the outbox in the same transaction with it as {@code aggregateVersion}.
 * Most bookings leave their date with room: they publish nothing, and the consumers (celebrity-service's catalog,
 * search-service's index) are not asked to rewrite what they hold. A change that throws rolls the whole transaction
 * back and publishes nothing.
 */
@Component
class Calendar {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	Calendar(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * Runs {@code change} under the celebrity's calendar lock, then publishes the calendar at the next version if it
	 * is not the one last published.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	<T> T change(UUID celebrityId, Supplier<T> change) {
		lock(celebrityId);
		T result = change.get();
		publish(celebrityId);
		return result;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void change(UUID celebrityId, Runnable change) {
		change(celebrityId, () -> {
			change.run();
			return null;
		});
	}

	/** Locks the celebrity's calendar (a new calendar starts at version 0: nothing published yet). */
	private void lock(UUID celebrityId) {
		jdbc.sql("""
				INSERT INTO calendar (celebrity_id, version) VALUES (:id, 0)
				ON CONFLICT (celebrity_id) DO UPDATE SET updated_at = now()""")
			.param("id", celebrityId)
			.update();
	}

	/**
	 * Records AvailabilityChanged for the state of this transaction at the next version, unless that state is the
	 * one last published; and notes when the first date in it stops being upcoming: the moment the last window of
	 * that date at that location starts ({@link CalendarRefresh}).
	 */
	private void publish(UUID celebrityId) {
		var snapshot = snapshot(celebrityId);
		jdbc.sql("""
				UPDATE calendar SET version = version + 1, published_digest = :digest
				WHERE celebrity_id = :id AND published_digest IS DISTINCT FROM :digest
				RETURNING version""")
			.param("id", celebrityId)
			.param("digest", digest(snapshot))
			.query(Long.class)
			.optional()
			.ifPresent(version -> events
				.publishEvent(EventEnvelope.of(AvailabilityChanged.AGGREGATE, celebrityId, version, snapshot)));
		jdbc.sql("""
				UPDATE calendar SET refresh_at = (SELECT min(last_start) FROM (
				    SELECT max(w.starts_at) AS last_start FROM time_window w
				    WHERE w.celebrity_id = :id AND w.starts_at > now() AND NOT w.blocked AND w.booked < w.capacity
				    GROUP BY w.location_id, w.date) dates)
				WHERE celebrity_id = :id""")
			.param("id", celebrityId)
			.update();
	}

	/**
	 * SHA-256 of the payload's JSON, as published (the order of locations and dates is fixed by the snapshot query;
	 * JSON escapes the text, so no two different calendars print alike).
	 */
	static String digest(AvailabilityChanged snapshot) {
		try {
			var sha = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha.digest(JSON.writeValueAsBytes(snapshot)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The AvailabilityChanged payload for the state this transaction sees: per location, the upcoming dates that
	 * still have room (a window that has not started, is not on a blocked date and has {@code booked < capacity}).
	 * Locations without such a date are left out. Both the published event and the reconciliation snapshots
	 * ({@link CalendarSnapshots}) are built here.
	 */
	AvailabilityChanged snapshot(UUID celebrityId) {
		record Row(UUID location, String city, String country, String zone, LocalDate date) {
		}
		var rows = jdbc.sql("""
				SELECT DISTINCT l.id, l.city, l.country, l.time_zone, w.date
				FROM location l JOIN time_window w ON w.location_id = l.id
				WHERE l.celebrity_id = :id AND w.starts_at > now() AND NOT w.blocked AND w.booked < w.capacity
				ORDER BY l.city, l.country, l.id, w.date""")
			.param("id", celebrityId)
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("city"), rs.getString("country"),
					rs.getString("time_zone"), rs.getObject("date", LocalDate.class)))
			.list();
		var byLocation = new LinkedHashMap<UUID, List<Row>>();
		rows.forEach(row -> byLocation.computeIfAbsent(row.location(), k -> new ArrayList<>()).add(row));
		var locations = byLocation.values()
			.stream()
			.map(dates -> new AvailabilityChanged.Location(dates.getFirst().city(), dates.getFirst().country(),
					dates.getFirst().zone(), dates.stream().map(Row::date).toList()))
			.toList();
		return new AvailabilityChanged(celebrityId, locations);
	}
}

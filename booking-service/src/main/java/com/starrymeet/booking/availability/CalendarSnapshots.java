package com.starrymeet.booking.availability;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.starrymeet.booking.availability.Views.CalendarSnapshot;
import com.starrymeet.booking.availability.Views.CalendarVersion;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a consumer of AvailabilityChanged (search-service) needs to reconcile with the calendars here without
 * replaying the topic: every calendar's version, and the current snapshot of some calendars with their version,
 * built by the code that builds the published event ({@link Calendar#snapshot}).
 */
@Service
public class CalendarSnapshots {

	/** At most this many snapshots per request. */
	public static final int MAX_IDS = 100;

	private final JdbcClient jdbc;

	private final Calendar calendar;

	CalendarSnapshots(JdbcClient jdbc, Calendar calendar) {
		this.jdbc = jdbc;
		this.calendar = calendar;
	}

	/** The version of every calendar (a celebrity whose availability never changed has none), by celebrity id. */
	@Transactional(readOnly = true)
	public List<CalendarVersion> versions() {
		return jdbc.sql("SELECT celebrity_id, version FROM calendar ORDER BY celebrity_id")
			.query((rs, n) -> new CalendarVersion(rs.getObject("celebrity_id", UUID.class), rs.getLong("version")))
			.list();
	}

	/**
	 * The snapshots of these celebrities' calendars, in the order asked, with the version they have; ids without a
	 * calendar are left out. One repeatable-read transaction sees one committed state, so a snapshot never carries
	 * a version other than that of the data it shows (a version newer than its data would make a consumer drop
	 * the event that brings the data).
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public List<CalendarSnapshot> snapshots(List<UUID> celebrityIds) {
		var ids = List.copyOf(new LinkedHashSet<>(celebrityIds));
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<UUID, Long> versions = jdbc.sql("SELECT celebrity_id, version FROM calendar WHERE celebrity_id IN (:ids)")
			.param("ids", ids)
			.query((rs, n) -> Map.entry(rs.getObject("celebrity_id", UUID.class), rs.getLong("version")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		return ids.stream()
			.filter(versions::containsKey)
			.map(id -> new CalendarSnapshot(versions.get(id), calendar.snapshot(id)))
			.toList();
	}
}

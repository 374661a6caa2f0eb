package com.starrymeet.celebrity.profile;

import java.sql.Timestamp;

import com.starrymeet.common.events.contract.BookingCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code total_bookings}: the meetings that took place, counted from booking-service's BookingCompleted, once per
 * booking. A change like every other of a celebrity: row lock and version + 1, the new count, a new CelebrityUpserted
 * (search sorts by popularity), all in one transaction.
 */
@Service
public class BookingCounts {

	private static final Logger log = LoggerFactory.getLogger(BookingCounts.class);

	private final JdbcClient jdbc;

	private final Snapshots snapshots;

	BookingCounts(JdbcClient jdbc, Snapshots snapshots) {
		this.jdbc = jdbc;
		this.snapshots = snapshots;
	}

	/** @return whether the booking was new here (and the count changed) */
	@Transactional
	public boolean apply(BookingCompleted completed, long version) {
		var celebrityId = completed.meeting().celebrityId();
		int inserted = jdbc.sql("""
				INSERT INTO completed_booking (booking_id, celebrity_id, completed_at) VALUES (:booking, :celebrity, :at)
				ON CONFLICT DO NOTHING""")
			.param("booking", completed.bookingId())
			.param("celebrity", celebrityId)
			.param("at", Timestamp.from(completed.completedAt()))
			.update();
		if (inserted == 0) {
			return false;
		}
		if (jdbc.sql("SELECT count(*) FROM celebrity WHERE id = :id").param("id", celebrityId).query(Long.class)
			.single() == 0) {
			log.warn("Booking {} completed for celebrity {}, unknown here: kept, and counted with its next one",
					completed.bookingId(), celebrityId);
			return true;
		}
		snapshots.lock(celebrityId);
		jdbc.sql("""
				UPDATE celebrity SET total_bookings = (SELECT count(*) FROM completed_booking WHERE celebrity_id = :id)
				WHERE id = :id""")
			.param("id", celebrityId)
			.update();
		snapshots.publish(celebrityId);
		return true;
	}
}

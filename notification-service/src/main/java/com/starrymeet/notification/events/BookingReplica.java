package com.starrymeet.notification.events;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.starrymeet.common.events.contract.BookingMeeting;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What each booking is, from booking-service's events (newest aggregate version wins): the payment events carry
 * only a booking id, and their e-mails name the meeting.
 */
@Component
class BookingReplica {

	record Booking(UUID bookingId, String bookingNumber, UUID fanId, @Nullable UUID celebrityUserId,
			String celebrityName, String meetingTypeName, Instant startsAt, String timeZone, String city,
			String country) {
	}

	private final JdbcClient jdbc;

	BookingReplica(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void apply(UUID bookingId, String bookingNumber, UUID fanId, BookingMeeting meeting, long version) {
		jdbc.sql("""
				INSERT INTO booking_replica (booking_id, booking_number, fan_id, celebrity_user_id, celebrity_name,
				    meeting_type_name, starts_at, time_zone, city, country, version)
				VALUES (:id, :number, :fan, :celebrityUser, :celebrity, :type, :startsAt, :zone, :city, :country, :version)
				ON CONFLICT (booking_id) DO UPDATE SET booking_number = excluded.booking_number,
				    celebrity_user_id = excluded.celebrity_user_id, celebrity_name = excluded.celebrity_name,
				    meeting_type_name = excluded.meeting_type_name, starts_at = excluded.starts_at,
				    time_zone = excluded.time_zone, city = excluded.city, country = excluded.country,
				    version = excluded.version
				WHERE booking_replica.version < excluded.version""")
			.param("id", bookingId)
			.param("number", bookingNumber)
			.param("fan", fanId)
			.param("celebrityUser", meeting.celebrityUserId())
			.param("celebrity", meeting.celebrityName())
			.param("type", meeting.meetingTypeName())
			.param("startsAt", Timestamp.from(meeting.startsAt()))
			.param("zone", meeting.timeZone())
			.param("city", meeting.city())
			.param("country", meeting.country())
			.param("version", version)
			.update();
	}

	Optional<Booking> find(UUID bookingId) {
		return jdbc.sql("""
				SELECT booking_id, booking_number, fan_id, celebrity_user_id, celebrity_name, meeting_type_name,
				       starts_at, time_zone, city, country
				FROM booking_replica WHERE booking_id = :id""").param("id", bookingId).query(Booking.class).optional();
	}
}

package com.starrymeet.payment.payment;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.starrymeet.common.events.contract.BookingMeeting;
import com.starrymeet.common.events.contract.BookingPrice;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The meeting a payment paid for, as booking-service's events describe it (table {@code booking_meeting}): the
 * receipt needs the celebrity, the meeting type, the venue's time zone and city and the frozen platform fee, none of
 * which the payment row holds. Every booking event that carries {@code meeting} refreshes it; an older event
 * (lower aggregate version, e.g. redelivered after a reschedule) never overwrites a newer one.
 */
@Service
public class Meetings {

	/** One booking's meeting; {@code priceCents}, {@code platformFeeCents}, {@code currency} null until an event with a price came. */
	public record Meeting(UUID bookingId, String bookingNumber, String celebrityName, String meetingTypeName,
			int durationMinutes, Instant startsAt, String timeZone, String city, String country,
			@Nullable Long priceCents, @Nullable Long platformFeeCents, @Nullable String currency) {
	}

	private final JdbcClient jdbc;

	Meetings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records the meeting (and the price when the event has one) unless a newer event already did. */
	public void record(UUID bookingId, String bookingNumber, BookingMeeting meeting, @Nullable BookingPrice price,
			long version) {
		jdbc.sql("""
				INSERT INTO booking_meeting (booking_id, booking_number, celebrity_name, meeting_type_name,
				    duration_minutes, starts_at, time_zone, city, country, price_cents, platform_fee_cents, currency,
				    source_version)
				VALUES (:b, :number, :celebrity, :type, :duration, :starts, :zone, :city, :country, :price, :fee,
				    :currency, :version)
				ON CONFLICT (booking_id) DO UPDATE SET booking_number = EXCLUDED.booking_number,
				    celebrity_name = EXCLUDED.celebrity_name, meeting_type_name = EXCLUDED.meeting_type_name,
				    duration_minutes = EXCLUDED.duration_minutes, starts_at = EXCLUDED.starts_at,
				    time_zone = EXCLUDED.time_zone, city = EXCLUDED.city, country = EXCLUDED.country,
				    price_cents = coalesce(EXCLUDED.price_cents, booking_meeting.price_cents),
				    platform_fee_cents = coalesce(EXCLUDED.platform_fee_cents, booking_meeting.platform_fee_cents),
				    currency = coalesce(EXCLUDED.currency, booking_meeting.currency),
				    source_version = EXCLUDED.source_version, updated_at = now()
				WHERE booking_meeting.source_version < EXCLUDED.source_version""")
			.param("b", bookingId)
			.param("number", bookingNumber)
			.param("celebrity", meeting.celebrityName())
			.param("type", meeting.meetingTypeName())
			.param("duration", meeting.durationMinutes())
			.param("starts", java.sql.Timestamp.from(meeting.startsAt()))
			.param("zone", meeting.timeZone())
			.param("city", meeting.city())
			.param("country", meeting.country())
			.param("price", price == null ? null : price.priceCents())
			.param("fee", price == null ? null : price.platformFeeCents())
			.param("currency", price == null ? null : price.currency())
			.param("version", version)
			.update();
	}

	public Optional<Meeting> of(UUID bookingId) {
		return jdbc.sql("SELECT * FROM booking_meeting WHERE booking_id = :b")
			.param("b", bookingId)
			.query((rs, i) -> new Meeting(rs.getObject("booking_id", UUID.class), rs.getString("booking_number"),
					rs.getString("celebrity_name"), rs.getString("meeting_type_name"), rs.getInt("duration_minutes"),
					rs.getTimestamp("starts_at").toInstant(), rs.getString("time_zone"), rs.getString("city"),
					rs.getString("country"), rs.getObject("price_cents", Long.class),
					rs.getObject("platform_fee_cents", Long.class), rs.getString("currency")))
			.optional();
	}
}

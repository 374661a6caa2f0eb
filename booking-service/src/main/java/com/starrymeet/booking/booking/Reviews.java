package com.starrymeet.booking.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.ReviewSubmitted;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The fan's review of a completed meeting, once per booking (a UNIQUE booking id, so two at once cannot both
 * land): stored, and ReviewSubmitted recorded (review aggregate: topic {@code starrymeet.review.v1}, key = review id,
 * version 1) for celebrity-service's public reviews and ratings. The name shown is "A fan": this service keeps no
 * replica of user names (user-service publishes no name events yet), and it never shows an email.
 */
@Service
public class Reviews {

	static final String REVIEWER_NAME = "A fan";

	public record Review(UUID id, UUID bookingId, UUID celebrityId, String reviewerName, int rating,
			@Nullable String title, @Nullable String comment, Instant createdAt) {
	}

	private final BookingAccess access;

	private final BookingEvents events;

	private final JdbcClient jdbc;

	private final Clock clock;

	Reviews(BookingAccess access, BookingEvents events, JdbcClient jdbc, Clock clock) {
		this.access = access;
		this.events = events;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** 409 {@code NOT_REVIEWABLE} unless completed; 409 {@code ALREADY_REVIEWED}. */
	@Transactional
	public Review submit(UUID bookingId, Caller caller, int rating, @Nullable String title, @Nullable String comment) {
		var booking = access.lock(bookingId, caller, BookingAccess.Party.FAN).booking();
		if (!Booking.COMPLETED.equals(booking.status())) {
			throw ApiException.conflict("NOT_REVIEWABLE", "Only a completed meeting can be reviewed");
		}
		var now = clock.instant();
		var review = new Review(UUID.randomUUID(), bookingId, booking.celebrityId(), REVIEWER_NAME, rating, title,
				comment, now);
		int inserted = jdbc.sql("""
				INSERT INTO review (id, booking_id, celebrity_id, fan_id, reviewer_name, rating, title, comment, created_at)
				VALUES (:id, :booking, :celebrity, :fan, :name, :rating, :title, :comment, :at)
				ON CONFLICT (booking_id) DO NOTHING""")
			.param("id", review.id())
			.param("booking", bookingId)
			.param("celebrity", booking.celebrityId())
			.param("fan", booking.fanId())
			.param("name", REVIEWER_NAME)
			.param("rating", rating)
			.param("title", title, java.sql.Types.VARCHAR)
			.param("comment", comment, java.sql.Types.VARCHAR)
			.param("at", java.sql.Timestamp.from(now))
			.update();
		if (inserted == 0) {
			throw ApiException.conflict("ALREADY_REVIEWED", "This booking has been reviewed already");
		}
		events.record(bookingId, EventEnvelope.of(ReviewSubmitted.AGGREGATE, review.id(), 1,
				new ReviewSubmitted(review.id(), bookingId, booking.celebrityId(), booking.fanId(), REVIEWER_NAME, rating,
						title, comment, booking.meetingTypeName(), now)));
		return review;
	}

	@Nullable Review ofBooking(UUID bookingId) {
		return jdbc.sql("SELECT * FROM review WHERE booking_id = :id")
			.param("id", bookingId)
			.query((rs, n) -> new Review(rs.getObject("id", UUID.class), rs.getObject("booking_id", UUID.class),
					rs.getObject("celebrity_id", UUID.class), rs.getString("reviewer_name"), rs.getInt("rating"),
					rs.getString("title"), rs.getString("comment"), rs.getTimestamp("created_at").toInstant()))
			.optional()
			.orElse(null);
	}
}

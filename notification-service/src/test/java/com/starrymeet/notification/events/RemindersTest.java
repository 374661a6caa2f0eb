package com.starrymeet.notification.events;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.BookingCanceled;
import com.starrymeet.common.events.contract.BookingConfirmed;
import com.starrymeet.common.events.contract.BookingRescheduled;
import com.starrymeet.notification.NotificationTestSupport;
import com.starrymeet.notification.NotificationType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reminders 24 hours and 1 hour before the meeting's instant, exact across daylight-saving changes in the venue's
 * zone; moved by a reschedule, dropped by a cancellation (and by a redelivered old confirmation not brought back),
 * never created for an instant already past; sent once, to the fan and the celebrity's account, not before their
 * instant.
 */
class RemindersTest extends NotificationTestSupport {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	@Test
	void remindersAreAtExactInstantsAcrossDaylightSavingAndFollowTheBooking() {
		var fan = registered("Lou", "USER");
		var star = registered("Max", "CELEBRITY");
		var bookingId = UUID.randomUUID();
		// Sunday 28 March 2027, 10:00 in Paris: the clocks went forward at 02:00 that night (CET → CEST)
		var springMeeting = LocalDateTime.of(2027, 3, 28, 10, 0).atZone(PARIS).toInstant();
		assertThat(springMeeting).isEqualTo(Instant.parse("2027-03-28T08:00:00Z"));
		var meeting = meetingAt(springMeeting, "Europe/Paris", star.id());
		var confirmed = new BookingConfirmed(bookingId, "BK-2027-000200", fan.id(), meeting, price(20_000),
				UUID.randomUUID(), "pi_1", Instant.now());
		publish(Topics.BOOKING, "booking", bookingId, 2, confirmed);
		await().until(() -> due(bookingId, "1H") != null);
		// exactly 24 h before: 08:00 UTC the day before, which in Paris was 09:00 (winter time), not 10:00
		assertThat(due(bookingId, "24H")).isEqualTo(Instant.parse("2027-03-27T08:00:00Z"));
		assertThat(due(bookingId, "24H").atZone(PARIS).getHour()).isEqualTo(9);
		assertThat(due(bookingId, "1H")).isEqualTo(Instant.parse("2027-03-28T07:00:00Z"));

		// moved to Sunday 31 October 2027, 10:00 (the clocks went back at 03:00 that night, CEST → CET)
		var autumnMeeting = LocalDateTime.of(2027, 10, 31, 10, 0).atZone(PARIS).toInstant();
		assertThat(autumnMeeting).isEqualTo(Instant.parse("2027-10-31T09:00:00Z"));
		publish(Topics.BOOKING, "booking", bookingId, 3, new BookingRescheduled(bookingId, "BK-2027-000200", fan.id(),
				meeting, meetingAt(autumnMeeting, "Europe/Paris", star.id()), 1, Instant.now()));
		await().until(() -> Instant.parse("2027-10-31T08:00:00Z").equals(due(bookingId, "1H")));
		assertThat(due(bookingId, "24H")).isEqualTo(Instant.parse("2027-10-30T09:00:00Z"));
		assertThat(due(bookingId, "24H").atZone(PARIS).getHour()).isEqualTo(11); // summer time the day before

		publish(Topics.BOOKING, "booking", bookingId, 4, new BookingCanceled(bookingId, "BK-2027-000200", fan.id(),
				meetingAt(autumnMeeting, "Europe/Paris", star.id()), price(20_000), "FAN", fan.id(), "FAN_REQUEST", null,
				100, 0, UUID.randomUUID(), Instant.now()));
		await().until(() -> pending(bookingId) == 0);
		// the old confirmation again (a redelivery under a new event id) does not bring them back
		publish(Topics.BOOKING, "booking", bookingId, 2, confirmed);
		var marker = UUID.randomUUID();
		publish(Topics.BOOKING, bookingId, com.starrymeet.common.events.EventEnvelope.of("booking", marker, 2,
				new BookingConfirmed(marker, "BK-2027-000201", fan.id(), meeting, price(20_000), UUID.randomUUID(),
						"pi_2", Instant.now())));
		await().until(() -> pending(marker) == 2);
		assertThat(pending(bookingId)).isZero();
	}

	@Test
	void aDueReminderIsSentOnceToBothSidesAndNotBefore() {
		var fan = registered("Ned", "USER");
		var star = registered("Oda", "CELEBRITY");
		var bookingId = UUID.randomUUID();
		// starts in one hour and four seconds: the 24-hour reminder is past (never created), the 1-hour one is due soon
		var startsAt = Instant.now().plus(Duration.ofHours(1)).plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
		publish(Topics.BOOKING, "booking", bookingId, 2, new BookingConfirmed(bookingId, "BK-2027-000300", fan.id(),
				meetingAt(startsAt, "Europe/Paris", star.id()), price(20_000), UUID.randomUUID(), "pi_3", Instant.now()));
		await().until(() -> due(bookingId, "1H") != null);
		assertThat(jdbc.sql("SELECT count(*) FROM reminder WHERE booking_id = :b AND kind = '24H'")
			.param("b", bookingId).query(Long.class).single()).isZero();

		var toFan = awaitMail(fan.email(), NotificationType.REMINDER_1H);
		assertThat(subject(toFan)).isEqualTo("In one hour: Coffee chat with Ada Star");
		assertThat(text(toFan)).contains("BK-2027-000300", "(Europe/Paris)", "/bookings/" + bookingId);
		var toStar = awaitMail(star.email(), NotificationType.REMINDER_1H);
		assertThat(text(toStar)).contains("/celebrity/bookings/" + bookingId);
		var sentAt = jdbc.sql("SELECT sent_at FROM reminder WHERE booking_id = :b AND kind = '1H'")
			.param("b", bookingId).query(java.sql.Timestamp.class).single().toInstant();
		assertThat(sentAt).isAfterOrEqualTo(startsAt.minus(Duration.ofHours(1)));
		assertThat(jdbc.sql("SELECT count(*) FROM delivery WHERE type = 'REMINDER_1H' AND channel = 'EMAIL' "
				+ "AND recipient_id IN (:f, :s)")
			.param("f", fan.id()).param("s", star.id()).query(Long.class).single()).isEqualTo(2);
		assertThat(mails(fan.email(), NotificationType.REMINDER_1H)).hasSize(1);
		assertThat(mails(star.email(), NotificationType.REMINDER_1H)).hasSize(1);
	}

	@Test
	void noReminderForAMeetingAlreadyPast() {
		var fan = registered("Pia", "USER");
		var bookingId = UUID.randomUUID();
		publish(Topics.BOOKING, "booking", bookingId, 2, new BookingConfirmed(bookingId, "BK-2027-000400", fan.id(),
				meetingAt(Instant.now().minusSeconds(600), "Europe/Paris", null), price(20_000), UUID.randomUUID(),
				"pi_4", Instant.now()));
		awaitMail(fan.email(), NotificationType.BOOKING_CONFIRMED);
		assertThat(jdbc.sql("SELECT count(*) FROM reminder WHERE booking_id = :b").param("b", bookingId)
			.query(Long.class).single()).isZero();
	}

	private Instant due(UUID bookingId, String kind) {
		return jdbc.sql("SELECT due_at FROM reminder WHERE booking_id = :b AND kind = :k AND status = 'pending'")
			.param("b", bookingId)
			.param("k", kind)
			.query(java.sql.Timestamp.class)
			.optional()
			.map(java.sql.Timestamp::toInstant)
			.orElse(null);
	}

	private long pending(UUID bookingId) {
		return jdbc.sql("SELECT count(*) FROM reminder WHERE booking_id = :b AND status = 'pending'")
			.param("b", bookingId).query(Long.class).single();
	}
}

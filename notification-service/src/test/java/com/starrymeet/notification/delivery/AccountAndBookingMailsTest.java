package com.starrymeet.notification.delivery;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;

import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.BookingCanceled;
import com.starrymeet.common.events.contract.BookingCompleted;
import com.starrymeet.common.events.contract.BookingConfirmed;
import com.starrymeet.common.events.contract.BookingExpired;
import com.starrymeet.common.events.contract.BookingRequested;
import com.starrymeet.common.events.contract.BookingRescheduled;
import com.starrymeet.common.events.contract.EmailVerificationRequested;
import com.starrymeet.common.events.contract.MessageSent;
import com.starrymeet.common.events.contract.PasswordResetRequested;
import com.starrymeet.common.events.contract.PaymentRefunded;
import com.starrymeet.common.events.contract.PaymentSucceeded;
import com.starrymeet.common.events.contract.UserDeleted;
import com.starrymeet.common.events.contract.UserUpdated;
import com.starrymeet.notification.NotificationTestSupport;
import com.starrymeet.notification.NotificationType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every e-mail type, read back from the SMTP server: sent to the right address, with the right subject, link and
 * figures, times in the venue's zone with its name; transactional ones without an unsubscribe link, the others with
 * one.
 */
class AccountAndBookingMailsTest extends NotificationTestSupport {

	private static final Pattern LINK = Pattern.compile("http://localhost:3000/(verify-email|reset-password)\\?token=(\\S+)");

	@Test
	void welcomeVerificationAndResetCarryTheOpenedTokens() {
		var ann = registered("Ann", "USER");
		var welcome = awaitMail(ann.email(), NotificationType.WELCOME);
		assertThat(subject(welcome)).isEqualTo("Welcome to StarryMeet, Ann");
		assertThat(text(welcome)).contains("Hi Ann,").contains("/v1/notifications/unsubscribe?token=");
		assertThat(html(welcome)).contains("Unsubscribe from these e-mails");

		var verification = "verify-" + UUID.randomUUID();
		publish(Topics.USER, "user", ann.id(), 2, new EmailVerificationRequested(ann.id(), ann.email(), "Ann",
				seal(verification, EmailVerificationRequested.PURPOSE, ann.id()), Instant.now().plus(24, ChronoUnit.HOURS)));
		var mail = awaitMail(ann.email(), NotificationType.EMAIL_VERIFICATION);
		assertThat(subject(mail)).isEqualTo("Verify your e-mail address");
		assertThat(tokenIn(text(mail), "verify-email")).isEqualTo(verification);
		assertThat(html(mail)).contains("href=\"http://localhost:3000/verify-email?token=" + verification + "\"");
		assertThat(text(mail)).doesNotContain("unsubscribe");

		var reset = "reset-" + UUID.randomUUID();
		publish(Topics.USER, "user", ann.id(), 3, new PasswordResetRequested(ann.id(), ann.email(), "Ann",
				seal(reset, PasswordResetRequested.PURPOSE, ann.id()), Instant.now().plus(1, ChronoUnit.HOURS)));
		mail = awaitMail(ann.email(), NotificationType.PASSWORD_RESET);
		assertThat(subject(mail)).isEqualTo("Reset your StarryMeet password");
		assertThat(tokenIn(text(mail), "reset-password")).isEqualTo(reset);

		// the rendered text (with its one-time link) is not kept once sent
		await().until(() -> jdbc.sql("""
				SELECT count(*) FROM delivery WHERE recipient_id = :u AND status = 'sent' AND body_text IS NULL
				AND body_html IS NULL AND subject IS NULL""").param("u", ann.id()).query(Long.class).single() == 3);
	}

	@Test
	void aTokenSealedForAnotherAccountSendsNothing() {
		var bob = registered("Bob", "USER");
		var sealedForSomeoneElse = seal("t-" + UUID.randomUUID(), EmailVerificationRequested.PURPOSE, UUID.randomUUID());
		publish(Topics.USER, "user", bob.id(), 2, new EmailVerificationRequested(bob.id(), bob.email(), "Bob",
				sealedForSomeoneElse, Instant.now().plus(24, ChronoUnit.HOURS)));
		// a later, good request is handled: the bad one did not block the partition
		var good = "good-" + UUID.randomUUID();
		publish(Topics.USER, "user", bob.id(), 3, new EmailVerificationRequested(bob.id(), bob.email(), "Bob",
				seal(good, EmailVerificationRequested.PURPOSE, bob.id()), Instant.now().plus(24, ChronoUnit.HOURS)));
		await().until(() -> mails(bob.email(), NotificationType.EMAIL_VERIFICATION).size() == 1);
		assertThat(tokenIn(text(mails(bob.email(), NotificationType.EMAIL_VERIFICATION).getFirst()), "verify-email"))
			.isEqualTo(good);
	}

	@Test
	void theBookingsLifeReachesTheFanAndTheCelebrity() {
		var fan = registered("Fay", "USER");
		var star = registered("Ada", "CELEBRITY");
		var meeting = parisMeeting(star.id());
		var bookingId = UUID.randomUUID();
		var number = "BK-2027-" + String.format("%06d", Math.floorMod(bookingId.hashCode(), 1_000_000));
		var paymentId = UUID.randomUUID();
		publish(Topics.BOOKING, "booking", bookingId, 1, new BookingRequested(bookingId, number, fan.id(), meeting,
				price(25_000), Instant.now().plusSeconds(900), Instant.now()));
		publish(Topics.PAYMENT, "payment", paymentId, 1, new PaymentSucceeded(paymentId, bookingId, fan.id(),
				"pi_123", 25_000, "USD", "visa", "4242", Instant.parse("2027-06-01T10:15:00Z")));
		publish(Topics.BOOKING, "booking", bookingId, 2, new BookingConfirmed(bookingId, number, fan.id(), meeting,
				price(25_000), paymentId, "pi_123", Instant.now()));

		var when = "Saturday 3 July 2027, 19:00 Central European Summer Time (Europe/Paris)";
		var toFan = awaitMail(fan.email(), NotificationType.BOOKING_CONFIRMED);
		assertThat(subject(toFan)).isEqualTo("Booking " + number + " confirmed: Coffee chat with Ada Star");
		assertThat(text(toFan)).contains("Your booking is confirmed.", "When:     " + when, "Paris, FR", "$250.00",
				"http://localhost:3000/bookings/" + bookingId).doesNotContain("unsubscribe");
		var toStar = awaitMail(star.email(), NotificationType.BOOKING_CONFIRMED);
		assertThat(text(toStar)).contains("A fan booked a meeting with you.", when,
				"http://localhost:3000/celebrity/bookings/" + bookingId).doesNotContain("$250.00");

		var receipt = awaitMail(fan.email(), NotificationType.PAYMENT_RECEIPT);
		assertThat(subject(receipt)).isEqualTo("Your receipt: $250.00 for " + number);
		assertThat(text(receipt)).contains("Amount:   $250.00", "visa ending in 4242", "1 June 2027, 10:15 UTC",
				paymentId.toString(), "Coffee chat with Ada Star, " + when + ", Paris");

		var later = parisMeeting(star.id());
		var winter = java.time.LocalDate.of(2027, 11, 6).atTime(10, 30).atZone(java.time.ZoneId.of("Europe/Paris"))
			.toInstant();
		later = new com.starrymeet.common.events.contract.BookingMeeting(meeting.celebrityId(), star.id(),
				"Ada Star", meeting.meetingTypeId(), "Coffee chat", 60, UUID.randomUUID(),
				java.time.LocalDate.of(2027, 11, 6), java.time.LocalTime.of(10, 30), "Europe/Paris", winter,
				winter.plusSeconds(3600), "Paris", "FR");
		publish(Topics.BOOKING, "booking", bookingId, 3, new BookingRescheduled(bookingId, number, fan.id(), meeting,
				later, 1, Instant.now()));
		var moved = awaitMail(fan.email(), NotificationType.BOOKING_RESCHEDULED);
		assertThat(subject(moved))
			.isEqualTo("Booking " + number + " moved to Saturday 6 November 2027, 10:30 Central European Standard Time (Europe/Paris)");
		assertThat(text(moved)).contains("Was:  " + when);
		awaitMail(star.email(), NotificationType.BOOKING_RESCHEDULED);

		publish(Topics.BOOKING, "booking", bookingId, 4, new BookingCanceled(bookingId, number, fan.id(), later,
				price(25_000), "CELEBRITY", star.id(), "CELEBRITY_REQUEST", null, 100, 2_500, paymentId, Instant.now()));
		var canceled = awaitMail(fan.email(), NotificationType.BOOKING_CANCELED);
		assertThat(text(canceled)).contains("was canceled by the celebrity", "Refund: 100 %", "Credit: $25.00");
		assertThat(text(awaitMail(star.email(), NotificationType.BOOKING_CANCELED))).doesNotContain("Refund:");

		publish(Topics.PAYMENT, "payment", paymentId, 2, new PaymentRefunded(paymentId, bookingId, fan.id(), "re_1",
				25_000, 25_000, "USD", "CELEBRITY_REQUEST", Instant.now()));
		var refund = awaitMail(fan.email(), NotificationType.REFUND_PROCESSED);
		assertThat(subject(refund)).isEqualTo("Refund of $250.00 processed");
		assertThat(text(refund)).contains("for booking " + number, "Refunded in total on this payment: $250.00");

		var entryId = UUID.randomUUID();
		publish(Topics.PAYMENT, "payment", entryId, 1, new com.starrymeet.common.events.contract.CreditGranted(entryId,
				fan.id(), 2_500, "USD", "CELEBRITY_CANCELLATION", bookingId, 2_500, Instant.now()));
		var credit = awaitMail(fan.email(), NotificationType.CREDIT_GRANTED);
		assertThat(subject(credit)).isEqualTo("$25.00 of StarryMeet credit added");
		assertThat(text(credit)).contains("because the celebrity canceled your meeting",
				"Your credit balance is now $25.00");
	}

	@Test
	void expiredCompletedAndChatMessages() {
		var fan = registered("Gus", "USER");
		var star = registered("Bea", "CELEBRITY");
		var meeting = parisMeeting(star.id());
		var expiredId = UUID.randomUUID();
		publish(Topics.BOOKING, "booking", expiredId, 2, new BookingExpired(expiredId, "BK-2027-000001", fan.id(),
				meeting, Instant.now(), Instant.now()));
		var expired = awaitMail(fan.email(), NotificationType.BOOKING_EXPIRED);
		assertThat(subject(expired)).isEqualTo("Your hold on BK-2027-000001 expired");
		assertThat(text(expired)).contains("Central European Summer Time (Europe/Paris)", "nothing was charged",
				"http://localhost:3000/celebrities/" + meeting.celebrityId());

		var doneId = UUID.randomUUID();
		publish(Topics.BOOKING, "booking", doneId, 5, new BookingCompleted(doneId, "BK-2027-000002", fan.id(), meeting,
				price(10_000), "CHECK_IN", true, UUID.randomUUID(), Instant.now(), Instant.now().plusSeconds(3600)));
		var completed = awaitMail(fan.email(), NotificationType.BOOKING_COMPLETED);
		assertThat(subject(completed)).isEqualTo("How was your meeting with Ada Star?");
		assertThat(text(completed)).contains("http://localhost:3000/bookings/" + doneId + "/review",
				"/v1/notifications/unsubscribe?token=");

		publish(Topics.BOOKING, "booking", doneId, 7, new com.starrymeet.common.events.contract.BookingDisputed(doneId,
				"BK-2027-000002", fan.id(), meeting, "FAN", "CELEBRITY_NO_SHOW", "Nobody came", Instant.now()));
		var disputed = awaitMail(fan.email(), NotificationType.BOOKING_DISPUTED);
		assertThat(subject(disputed)).isEqualTo("Booking BK-2027-000002 is in dispute");
		assertThat(text(disputed)).contains("We received your dispute", "Reason:   celebrity no show")
			.doesNotContain("unsubscribe");
		assertThat(text(awaitMail(star.email(), NotificationType.BOOKING_DISPUTED)))
			.contains("The payout for this meeting is on hold");

		var messageId = UUID.randomUUID();
		publish(Topics.BOOKING, "booking", doneId, 6, new MessageSent(messageId, doneId, "BK-2027-000002", fan.id(),
				"FAN", star.id(), "See you at the café <b>at 7</b>!", Instant.now()));
		var message = awaitMail(star.email(), NotificationType.NEW_MESSAGE);
		assertThat(subject(message)).isEqualTo("New message about booking BK-2027-000002");
		assertThat(text(message)).contains("The fan wrote", "See you at the café <b>at 7</b>!");
		assertThat(html(message)).contains("See you at the café &lt;b&gt;at 7&lt;/b&gt;!");
	}

	@Test
	void contactsFollowUpdatesAndAreErased() {
		var cy = registered("Cy", "USER");
		var newAddress = "cy-new-" + UUID.randomUUID() + "@example.com";
		publish(Topics.USER, "user", cy.id(), 2, new UserUpdated(cy.id(), newAddress, "Cyrus", "Tester", "+33612345678",
				null));
		await().until(() -> newAddress.equals(jdbc.sql("SELECT email FROM contact WHERE user_id = :u")
			.param("u", cy.id()).query(String.class).optional().orElse(null)));
		var bookingId = UUID.randomUUID();
		publish(Topics.BOOKING, "booking", bookingId, 2, new BookingExpired(bookingId, "BK-2027-000003", cy.id(),
				parisMeeting(null), Instant.now(), Instant.now()));
		assertThat(text(awaitMail(newAddress, NotificationType.BOOKING_EXPIRED))).contains("Hi Cyrus,");

		publish(Topics.USER, "user", cy.id(), 3, new UserDeleted(cy.id(), Instant.now()));
		await().until(() -> jdbc.sql("""
				SELECT count(*) FROM contact WHERE user_id = :u AND erased_at IS NOT NULL AND email IS NULL
				AND first_name IS NULL AND phone IS NULL""").param("u", cy.id()).query(Long.class).single() == 1);
		assertThat(jdbc.sql("SELECT count(*) FROM in_app_notification WHERE user_id = :u").param("u", cy.id())
			.query(Long.class).single()).isZero();
		// a late update does not bring the details back
		publish(Topics.USER, "user", cy.id(), 2, new UserUpdated(cy.id(), newAddress, "Cyrus", "Tester", null, null));
		var marker = UUID.randomUUID();
		// on the same partition, after the late update
		publish(Topics.USER, cy.id(), com.starrymeet.common.events.EventEnvelope.of("user", marker, 1,
				new com.starrymeet.common.events.contract.UserRegistered(marker, "marker-" + marker + "@example.com", "M",
						"M", "USER", Instant.now())));
		await().until(() -> jdbc.sql("SELECT count(*) FROM contact WHERE user_id = :u").param("u", marker)
			.query(Long.class).single() == 1);
		assertThat(jdbc.sql("SELECT count(*) FROM contact WHERE user_id = :u AND email IS NOT NULL").param("u", cy.id())
			.query(Long.class).single()).isZero();
	}

	private static String tokenIn(String text, String path) {
		var matcher = LINK.matcher(text);
		assertThat(matcher.find()).as("a link in " + text).isTrue();
		assertThat(matcher.group(1)).isEqualTo(path);
		return URLDecoder.decode(matcher.group(2), StandardCharsets.UTF_8);
	}
}

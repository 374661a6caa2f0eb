package com.starrymeet.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.BookingExpired;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import com.starrymeet.notification.NotificationTestSupport;
import com.starrymeet.notification.NotificationType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Once and not lost: the same event twice sends one e-mail; an SMTP server that is down delays the e-mail and
 * loses none; one that stays down past every attempt leaves a dead letter that an admin sees and sends again.
 */
class DeliveryGuaranteesTest extends NotificationTestSupport {

	@Test
	void theSameEventTwiceSendsOneMail() {
		var fan = registered("Dee", "USER");
		var bookingId = UUID.randomUUID();
		var event = EventEnvelope.of("booking", bookingId, 2, new BookingExpired(bookingId, "BK-2027-000010", fan.id(),
				parisMeeting(null), Instant.now(), Instant.now()));
		publish(Topics.BOOKING, bookingId, event);
		publish(Topics.BOOKING, bookingId, event);
		awaitMail(fan.email(), NotificationType.BOOKING_EXPIRED);
		// a later event on the same partition is handled: both copies of the first are behind us
		var marker = UUID.randomUUID();
		publish(Topics.BOOKING, bookingId, EventEnvelope.of("booking", marker, 2, new BookingExpired(marker,
				"BK-2027-000011", fan.id(), parisMeeting(null), Instant.now(), Instant.now())));
		await().until(() -> mails(fan.email(), NotificationType.BOOKING_EXPIRED).size() == 2);
		assertThat(mails(fan.email(), NotificationType.BOOKING_EXPIRED).stream().map(m -> subject(m))
			.filter(s -> s.contains("BK-2027-000010"))).hasSize(1);
		assertThat(jdbc.sql("SELECT count(*) FROM delivery WHERE event_id = :e").param("e", event.eventId())
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM in_app_notification WHERE event_id = :e").param("e", event.eventId())
			.query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void anSmtpOutageDelaysMailAndLosesNone() {
		var fan = registered("Eve", "USER");
		awaitMail(fan.email(), NotificationType.WELCOME);
		smtpDown();
		var ids = new java.util.ArrayList<UUID>();
		for (int i = 0; i < 3; i++) {
			var bookingId = UUID.randomUUID();
			ids.add(bookingId);
			publish(Topics.BOOKING, "booking", bookingId, 2, new BookingExpired(bookingId, "BK-2027-00002" + i, fan.id(),
					parisMeeting(null), Instant.now(), Instant.now()));
		}
		// every one was tried, failed and waits for its next attempt
		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
				SELECT count(*) FROM delivery WHERE recipient_id = :u AND type = 'BOOKING_EXPIRED' AND status = 'pending'
				AND attempts >= 2 AND last_error IS NOT NULL""").param("u", fan.id()).query(Long.class).single() == 3);
		// the service itself stays healthy: mail waits in its rows
		assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
		smtpUp();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> mails(fan.email(), NotificationType.BOOKING_EXPIRED).size() == 3);
		assertThat(jdbc.sql("""
				SELECT count(*) FROM delivery WHERE recipient_id = :u AND type = 'BOOKING_EXPIRED' AND status = 'sent'""")
			.param("u", fan.id()).query(Long.class).single()).isEqualTo(3);
	}

	@Test
	void afterEveryAttemptADeadLetterThatAnAdminSendsAgain() {
		var fan = registered("Flo", "USER");
		awaitMail(fan.email(), NotificationType.WELCOME);
		smtpDown();
		var bookingId = UUID.randomUUID();
		publish(Topics.BOOKING, "booking", bookingId, 2, new BookingExpired(bookingId, "BK-2027-000030", fan.id(),
				parisMeeting(null), Instant.now(), Instant.now()));
		await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
				SELECT count(*) FROM delivery WHERE recipient_id = :u AND type = 'BOOKING_EXPIRED' AND status = 'dead'
				AND attempts = 8""").param("u", fan.id()).query(Long.class).single() == 1);
		var id = jdbc.sql("SELECT id FROM delivery WHERE recipient_id = :u AND type = 'BOOKING_EXPIRED'")
			.param("u", fan.id()).query(UUID.class).single();

		var admin = TestHttp.bearer(TestTokens.token(UUID.randomUUID().toString(), "ADMIN"));
		var list = json.readTree(http.get("/v1/admin/notifications/failures?limit=100", "Authorization", admin).body());
		var found = list.get("data").valueStream().filter(f -> f.get("id").asString().equals(id.toString())).toList();
		assertThat(found).hasSize(1);
		assertThat(found.getFirst().get("attempts").asInt()).isEqualTo(8);
		assertThat(found.getFirst().get("type").asString()).isEqualTo("BOOKING_EXPIRED");
		assertThat(found.getFirst().get("lastError").asString()).isNotBlank();
		assertThat(found.getFirst().has("bodyText")).isFalse();

		var user = TestHttp.bearer(TestTokens.token(fan.id().toString(), "USER"));
		assertThat(http.get("/v1/admin/notifications/failures", "Authorization", user).statusCode()).isEqualTo(403);
		assertThat(http.get("/v1/admin/notifications/failures").statusCode()).isEqualTo(401);
		assertThat(http.post("/v1/admin/notifications/failures/" + UUID.randomUUID() + "/retry", "", "application/json",
				"Authorization", admin).statusCode()).isEqualTo(404);

		smtpUp();
		var retried = http.post("/v1/admin/notifications/failures/" + id + "/retry", "", "application/json",
				"Authorization", admin);
		assertThat(retried.statusCode()).isEqualTo(200);
		var mail = awaitMail(fan.email(), NotificationType.BOOKING_EXPIRED);
		assertThat(subject(mail)).contains("BK-2027-000030");
		await().until(() -> "sent".equals(jdbc.sql("SELECT status FROM delivery WHERE id = :id").param("id", id)
			.query(String.class).single()));
		var again = http.post("/v1/admin/notifications/failures/" + id + "/retry", "", "application/json",
				"Authorization", admin);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(json.readTree(again.body()).get("code").asString()).isEqualTo("NOT_DEAD");
	}
}

package com.starrymeet.notification.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.starrymeet.notification.NotificationTestSupport;
import com.starrymeet.notification.NotificationType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several senders at once (as several instances would run them, besides this instance's own poll) send each due
 * delivery exactly once: rows are claimed with {@code FOR UPDATE SKIP LOCKED}. Checked at the SMTP server and in SQL.
 */
class ConcurrentSendersTest extends NotificationTestSupport {

	@Autowired
	MailDispatcher dispatcher;

	@Test
	void eachDueDeliveryIsSentOnceWhateverTheNumberOfSenders() throws Exception {
		var run = UUID.randomUUID().toString().substring(0, 8);
		var addresses = new ArrayList<String>();
		for (int i = 0; i < 40; i++) {
			var address = "crowd-" + run + "-" + i + "@example.com";
			addresses.add(address);
			jdbc.sql("""
					INSERT INTO delivery (id, event_id, recipient_id, channel, type, to_address, subject, body_text,
					                      body_html, status, next_attempt_at)
					VALUES (:id, :event, :recipient, 'EMAIL', 'WELCOME', :to, 'Hello', 'text', '<p>html</p>', 'pending',
					        now() + interval '1 hour')""")
				.param("id", UUID.randomUUID())
				.param("event", UUID.randomUUID())
				.param("recipient", UUID.randomUUID())
				.param("to", address)
				.update();
		}
		// all due at the same moment, then six senders race for them
		jdbc.sql("UPDATE delivery SET next_attempt_at = now() WHERE to_address LIKE :p").param("p", "crowd-" + run + "-%")
			.update();
		var start = new CountDownLatch(1);
		try (var pool = Executors.newFixedThreadPool(6)) {
			for (int i = 0; i < 6; i++) {
				pool.submit(() -> {
					start.await();
					dispatcher.sendDue();
					return null;
				});
			}
			start.countDown();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
				"SELECT count(*) FROM delivery WHERE to_address LIKE :p AND status = 'sent'")
			.param("p", "crowd-" + run + "-%").query(Long.class).single() == 40);
		for (var address : addresses) {
			assertThat(mails(address, NotificationType.WELCOME)).as(address).hasSize(1);
		}
		assertThat(jdbc.sql("SELECT count(*) FROM delivery WHERE to_address LIKE :p AND attempts <> 1")
			.param("p", "crowd-" + run + "-%").query(Long.class).single()).isZero();
	}
}

package com.starrymeet.notification.sms;

import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.BookingConfirmed;
import com.starrymeet.common.events.contract.UserUpdated;
import com.starrymeet.notification.NotificationTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The local sink (provider {@code log}, the default): the SMS is written to the log, the number masked. */
@ExtendWith(OutputCaptureExtension.class)
class LogSmsSinkTest extends NotificationTestSupport {

	@Test
	void theSmsIsLoggedWithTheNumberMasked(CapturedOutput output) {
		var fan = registered("Uma", "USER");
		publish(Topics.USER, "user", fan.id(), 2, new UserUpdated(fan.id(), fan.email(), "Uma", "Tester", "+33699887766",
				null));
		await().until(() -> jdbc.sql("SELECT count(*) FROM contact WHERE user_id = :u AND phone IS NOT NULL")
			.param("u", fan.id()).query(Long.class).single() == 1);
		var bookingId = UUID.randomUUID();
		publish(Topics.BOOKING, "booking", bookingId, 2, new BookingConfirmed(bookingId, "BK-2027-000800", fan.id(),
				parisMeeting(null), price(20_000), UUID.randomUUID(), "pi_8", Instant.now()));
		await().until(() -> output.getOut().contains("SMS (log sink) to ********7766: StarryMeet: booking BK-2027-000800"));
		assertThat(output.getOut()).doesNotContain("+33699887766");
		assertThat(jdbc.sql("SELECT status FROM delivery WHERE recipient_id = :u AND channel = 'SMS'")
			.param("u", fan.id()).query(String.class).single()).isEqualTo("sent");
	}
}

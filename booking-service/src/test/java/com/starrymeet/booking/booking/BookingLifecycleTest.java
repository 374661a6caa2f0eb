package com.starrymeet.booking.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.PaymentFailed;
import com.starrymeet.common.events.contract.PaymentSucceeded;
import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static com.starrymeet.booking.booking.BookingApi.publishPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After the booking: the hold running out (slot released, BookingExpired), PaymentSucceeded over real Kafka
 * (confirmed once however often delivered), a late payment (the slot taken again, or the payment rejected for a
 * refund) and a failed card (still pending). Holds are made to run out by moving {@code hold_expires_at} in SQL.
 */
@ServiceTest
class BookingLifecycleTest {

	static final Duration WAIT = Duration.ofSeconds(60);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aHoldThatRunsOutExpiresReleasesTheSlotAndPublishesBookingExpired() {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 40, 1);
		var id = id(api.booked(TestTokens.token("USER"), celebrity, window, "10:00"));
		assertThat(api.booked(window.id())).isEqualTo(1);

		runOut(id);
		await().atMost(WAIT).until(() -> "expired".equals(api.status(id)));
		assertThat(api.booked(window.id())).isZero();
		assertThat(jdbc.sql("SELECT version FROM booking WHERE id = :id").param("id", id).query(Long.class).single())
			.isEqualTo(2);
		try (var topic = new BookingApi.BookingTopic()) {
			await().atMost(WAIT).until(() -> topic.types(id).contains("BookingExpired"));
			var expired = topic.envelopes(id).stream().filter(e -> e.get("type").asString().equals("BookingExpired"))
				.findFirst().orElseThrow();
			assertThat(expired.get("aggregateVersion").asLong()).isEqualTo(2);
			assertThat(expired.at("/payload/meeting/windowId").asString()).isEqualTo(window.id().toString());
		}
		// the freed place can be booked again
		api.booked(TestTokens.token("USER"), celebrity, window, "10:00");
		assertThat(api.windowsOffCount()).isEmpty();
	}

	@Autowired
	HoldExpiry expiry;

	@Test
	void severalInstancesExpiringAtOnceExpireEachHoldOnce() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 45, 12);
		var ids = new java.util.ArrayList<UUID>();
		for (int i = 0; i < 12; i++) {
			ids.add(id(api.booked(TestTokens.token("USER"), celebrity, window, "10:00")));
		}
		jdbc.sql("UPDATE booking SET hold_expires_at = now() - interval '1 second' WHERE window_id = :w")
			.param("w", window.id()).update();
		// four "instances" besides this one's scheduler, all at once
		try (var executor = java.util.concurrent.Executors.newFixedThreadPool(4)) {
			var runs = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
			for (int i = 0; i < 4; i++) {
				runs.add(executor.submit(() -> expiry.expireDue(100)));
			}
			for (var run : runs) {
				run.get();
			}
		}
		await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> "expired".equals(api.status(id))));
		assertThat(api.booked(window.id())).isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM booking WHERE window_id = :w AND version = 2").param("w", window.id())
			.query(Long.class).single()).as("each expired exactly once").isEqualTo(12);
		try (var topic = new BookingApi.BookingTopic()) {
			await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> topic.types(id).contains("BookingExpired")));
			for (var id : ids) {
				assertThat(topic.types(id)).containsExactlyInAnyOrder("BookingRequested", "BookingExpired");
			}
		}
		assertThat(api.windowsOffCount()).isEmpty();
	}

	@Test
	void paymentSucceededConfirmsOnceHoweverOftenItArrives() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 41, 1);
		var fan = UUID.randomUUID();
		var id = id(api.booked(TestTokens.token(fan.toString(), "USER"), celebrity, window, "10:00"));

		var paymentId = UUID.randomUUID();
		var event = succeeded(paymentId, id, fan, BookingApi.PRICE);
		// the same event five times, and the same payment under another event id (another outbox row)
		publishPayment(event, event, event, event, event, succeeded(paymentId, id, fan, BookingApi.PRICE));
		await().atMost(WAIT).until(() -> "confirmed".equals(api.status(id)));
		awaitProcessed(event.eventId());
		var row = jdbc.sql("SELECT payment_id, payment_intent_id, confirmed_at, version FROM booking WHERE id = :id")
			.param("id", id).query().singleRow();
		assertThat(row).containsEntry("payment_id", paymentId).containsEntry("payment_intent_id", "pi_" + id)
			.containsEntry("version", 2L);
		assertThat(row.get("confirmed_at")).isNotNull();
		assertThat(api.booked(window.id())).isEqualTo(1);
		try (var topic = new BookingApi.BookingTopic()) {
			await().atMost(WAIT).until(() -> topic.types(id).contains("BookingConfirmed"));
			assertThat(topic.types(id)).containsExactly("BookingRequested", "BookingConfirmed");
		}
		// a failure arriving late changes nothing
		var lateFailure = failed(paymentId, id, fan);
		publishPayment(lateFailure);
		awaitProcessed(lateFailure.eventId());
		assertThat(api.status(id)).isEqualTo("confirmed");
	}

	@Test
	void aFailedCardLeavesTheBookingPendingWithTheFailureCode() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 42, 1);
		var fan = UUID.randomUUID();
		var token = TestTokens.token(fan.toString(), "USER");
		var id = id(api.booked(token, celebrity, window, "10:00"));
		var failed = failed(UUID.randomUUID(), id, fan);
		publishPayment(failed);
		awaitProcessed(failed.eventId());
		assertThat(api.status(id)).isEqualTo("pending");
		var seen = BookingApi.data(api.get("/v1/bookings/" + id, token));
		assertThat(seen.get("lastPaymentFailure").asString()).isEqualTo("card_declined");
	}

	@Test
	void aLatePaymentTakesTheFreedSlotAgainOrIsRejectedWhenItIsGone() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 43, 1);
		var fan = UUID.randomUUID();
		var late = id(api.booked(TestTokens.token(fan.toString(), "USER"), celebrity, window, "10:00"));
		runOut(late);
		await().atMost(WAIT).until(() -> "expired".equals(api.status(late)));
		assertThat(api.booked(window.id())).isZero();

		// the slot is still free: the late payment takes it again and confirms
		publishPayment(succeeded(UUID.randomUUID(), late, fan, BookingApi.PRICE));
		await().atMost(WAIT).until(() -> "confirmed".equals(api.status(late)));
		assertThat(api.booked(window.id())).isEqualTo(1);

		// another booking expires, someone else takes the place, then its payment arrives: rejected for a refund
		var other = api.window(celebrity, 44, 1);
		var gone = id(api.booked(TestTokens.token(fan.toString(), "USER"), celebrity, other, "10:00"));
		runOut(gone);
		await().atMost(WAIT).until(() -> "expired".equals(api.status(gone)));
		api.booked(TestTokens.token("USER"), celebrity, other, "11:00");
		var paymentId = UUID.randomUUID();
		var payment = succeeded(paymentId, gone, fan, BookingApi.PRICE);
		publishPayment(payment);
		awaitProcessed(payment.eventId());
		assertThat(api.status(gone)).isEqualTo("expired");
		assertThat(api.booked(other.id())).isEqualTo(1);
		try (var topic = new BookingApi.BookingTopic()) {
			await().atMost(WAIT).until(() -> topic.types(gone).contains("BookingPaymentRejected"));
			var rejected = topic.envelopes(gone).stream()
				.filter(e -> e.get("type").asString().equals("BookingPaymentRejected")).findFirst().orElseThrow();
			assertThat(rejected.at("/payload/reason").asString()).isEqualTo("SLOT_NO_LONGER_AVAILABLE");
			assertThat(rejected.at("/payload/paymentId").asString()).isEqualTo(paymentId.toString());
			await().atMost(WAIT).until(() -> topic.types(late).size() == 3);
			assertThat(topic.types(late)).containsExactlyInAnyOrder("BookingRequested", "BookingExpired", "BookingConfirmed");
		}
		assertThat(api.windowsOffCount()).isEmpty();
	}

	private void runOut(UUID bookingId) {
		jdbc.sql("UPDATE booking SET hold_expires_at = now() - interval '1 second' WHERE id = :id")
			.param("id", bookingId).update();
	}

	private void awaitProcessed(UUID eventId) {
		await().atMost(WAIT).until(() -> jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = :id")
			.param("id", eventId).query(Long.class).single() == 1);
	}

	private static UUID id(JsonNode booking) {
		return UUID.fromString(booking.get("id").asString());
	}

	static EventEnvelope<PaymentSucceeded> succeeded(UUID paymentId, UUID bookingId, UUID fanId, long amount) {
		return new EventEnvelope<>(UUID.randomUUID(), "PaymentSucceeded", Instant.now(), PaymentSucceeded.AGGREGATE,
				paymentId.toString(), 2, new PaymentSucceeded(paymentId, bookingId, fanId, "pi_" + bookingId, amount, "USD",
						"visa", "4242", Instant.now()));
	}

	static EventEnvelope<PaymentFailed> failed(UUID paymentId, UUID bookingId, UUID fanId) {
		return new EventEnvelope<>(UUID.randomUUID(), "PaymentFailed", Instant.now(), PaymentFailed.AGGREGATE,
				paymentId.toString(), 1, new PaymentFailed(paymentId, bookingId, fanId, "pi_" + bookingId, "card_declined",
						"Your card was declined.", Instant.now()));
	}
}

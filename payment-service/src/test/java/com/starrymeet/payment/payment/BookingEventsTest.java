package com.starrymeet.payment.payment;

import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.BookingExpired;
import com.starrymeet.common.events.contract.BookingPaymentRejected;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.payment.PaymentTestSupport;
import com.starrymeet.payment.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

import static com.starrymeet.payment.payment.PaymentFlowTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What booking-service's events make payment-service do at Stripe: an expired hold cancels its intent (unless
 * Stripe says it already succeeded: then the success is recorded and booking-service decides), a rejected payment
 * is refunded in full exactly once, even when Stripe fails the first time and however often the decision arrives.
 * The books balance afterwards (checked in SQL), and the database itself refuses a refund beyond the captured
 * amount.
 */
class BookingEventsTest extends PaymentTestSupport {

	@AfterEach
	void theBooksBalance() {
		// reconciliation: no refund beyond the capture, no capture without success, and each payment's refunded
		// total is exactly the sum of its counted refunds
		assertThat(jdbc.sql("""
				SELECT count(*) FROM payment p
				WHERE p.refunded_cents > p.captured_cents OR p.captured_cents > p.amount_cents
				   OR (p.captured_cents > 0 AND p.status <> 'succeeded')
				   OR p.refunded_cents <> (SELECT coalesce(sum(r.amount_cents), 0) FROM refund r
				                           WHERE r.payment_id = p.id AND r.status IN ('pending', 'succeeded'))""")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anExpiredHoldCancelsItsIntentAtStripe() throws Exception {
		var booking = booking();
		var intent = intent(booking);
		var payment = paymentId(intent);
		publishBookingEvent(booking.id(), 2, expired(booking));
		awaitStatus(payment, "canceled");
		assertThat(stripe.v1().paymentIntents().retrieve(intent.get("paymentIntentId").asString()).getStatus())
			.isEqualTo("canceled");
		assertProblem(confirm(booking, "pm_card_visa"), 409, "BOOKING_NOT_PAYABLE");
		assertProblem(askIntent(booking), 409, "BOOKING_NOT_PAYABLE");

		// the same news again (a redelivery with a new id) does nothing more
		publishBookingEvent(booking.id(), 2, expired(booking));
		awaitWebhooksSettled();
		assertThat(status(payment)).isEqualTo("canceled");
	}

	@Test
	void anExpiryThatComesAfterStripeTookThePaymentLeavesItSucceeded() throws Exception {
		var booking = booking();
		var intent = intent(booking);
		var payment = paymentId(intent);
		try (var topic = new TopicReader(Topics.PAYMENT)) {
			sim.webhooks().pause(); // Stripe has taken the money; its webhook has not reached us yet
			assertThat(confirmed(booking, "pm_card_visa").get("status").asString()).isEqualTo("succeeded");
			publishBookingEvent(booking.id(), 2, expired(booking));
			// the cancel is refused by Stripe (succeeded), so the success is recorded from Stripe's state
			awaitStatus(payment, "succeeded");
			sim.webhooks().resume();
			awaitWebhooksSettled();
			awaitOutboxDrained();
			assertThat(topic.settled(payment, "PaymentSucceeded")).hasSize(1);
		}
		assertThat(stripe.v1().paymentIntents().retrieve(intent.get("paymentIntentId").asString()).getStatus())
			.isEqualTo("succeeded");
	}

	@Test
	void aRejectedPaymentIsRefundedInFullOnceEvenWhenStripeFailsFirst() throws Exception {
		var booking = booking(31_999);
		var intent = intent(booking);
		var payment = paymentId(intent);
		var intentId = intent.get("paymentIntentId").asString();
		try (var topic = new TopicReader(Topics.PAYMENT)) {
			confirmed(booking, "pm_card_visa");
			awaitStatus(payment, "succeeded");
			awaitWebhooksSettled();

			sim.failNextApiCall(503); // the first refund call fails; it is sent again until Stripe answers
			var rejected = new BookingPaymentRejected(booking.id(), booking.number(), booking.fanId(), payment,
					intentId, "SLOT_NO_LONGER_AVAILABLE", Instant.now());
			publishBookingEvent(booking.id(), 3, rejected);
			publishBookingEvent(booking.id(), 3, rejected); // the same decision again, under another event id

			var refunded = topic.await(payment, "PaymentRefunded", 1);
			awaitWebhooksSettled(); // charge.refunded, refund.created
			awaitOutboxDrained();
			refunded = topic.settled(payment, "PaymentRefunded");
			assertThat(refunded).hasSize(1);
			var event = refunded.getFirst();
			assertThat(event.at("/payload/amountCents").asLong()).isEqualTo(31_999);
			assertThat(event.at("/payload/totalRefundedCents").asLong()).isEqualTo(31_999);
			assertThat(event.at("/payload/reason").asString()).isEqualTo("SLOT_NO_LONGER_AVAILABLE");
			assertThat(event.at("/payload/refundId").asString()).startsWith("re_");
		}
		// at Stripe: one refund, the whole charge
		var charge = stripe.v1().charges().retrieve(stripe.v1().paymentIntents().retrieve(intentId).getLatestCharge());
		assertThat(charge.getAmountRefunded()).isEqualTo(31_999);
		assertThat(charge.getRefunds().getData()).as("one refund at Stripe").hasSize(1);
		assertThat(jdbc.sql("SELECT count(*) FROM refund WHERE payment_id = :p AND status = 'succeeded' "
				+ "AND stripe_refund_id LIKE 're_%' AND idempotency_key = :key").param("p", payment)
			.param("key", "refund-" + payment + "-rejected").query(Long.class).single()).isEqualTo(1);

		var receipt = json.readTree(http.get("/v1/payments/" + payment, "Authorization",
				TestHttp.bearer(booking.token())).body()).get("data");
		assertThat(receipt.get("refundedCents").asLong()).isEqualTo(31_999);
		assertThat(receipt.get("refundStatus").asString()).isEqualTo("full");
		assertThat(receipt.at("/refunds/0/id").asString()).startsWith("re_");

		// the database refuses a refunded total beyond the capture, and a refund of nothing
		assertThatThrownBy(() -> jdbc.sql("UPDATE payment SET refunded_cents = captured_cents + 1 WHERE id = :id")
			.param("id", payment).update()).isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> jdbc.sql("""
				INSERT INTO refund (id, payment_id, amount_cents, reason, status, idempotency_key)
				VALUES (:id, :p, 0, 'TEST', 'succeeded', :key)""").param("id", UUID.randomUUID()).param("p", payment)
			.param("key", UUID.randomUUID().toString()).update()).isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void moneyInvariantsAreConstraints() {
		var booking = booking();
		var payment = paymentId(intent(booking));
		assertThatThrownBy(() -> jdbc.sql("UPDATE payment SET captured_cents = 100 WHERE id = :id").param("id", payment)
			.update()).as("captured while not succeeded").isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> jdbc.sql("UPDATE payment SET currency = 'usd' WHERE id = :id").param("id", payment)
			.update()).isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> jdbc.sql("UPDATE payment SET status = 'refunded' WHERE id = :id").param("id", payment)
			.update()).isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> jdbc.sql("UPDATE payment SET amount_cents = 0 WHERE id = :id").param("id", payment)
			.update()).isInstanceOf(DataIntegrityViolationException.class);
		await().until(() -> true);
	}

	private static BookingExpired expired(Booking booking) {
		return new BookingExpired(booking.id(), booking.number(), booking.fanId(), null, booking.holdExpiresAt(),
				Instant.now());
	}
}

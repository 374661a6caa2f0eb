package com.starrymeet.payment.payment.messaging;

import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.MalformedEventException;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.BookingCanceled;
import com.starrymeet.common.events.contract.BookingCompleted;
import com.starrymeet.common.events.contract.BookingDisputeSettled;
import com.starrymeet.common.events.contract.BookingDisputed;
import com.starrymeet.common.events.contract.BookingExpired;
import com.starrymeet.common.events.contract.BookingPaymentRejected;
import com.starrymeet.common.events.contract.BookingConfirmed;
import com.starrymeet.common.events.contract.BookingRequested;
import com.starrymeet.common.events.contract.BookingRescheduled;
import com.starrymeet.payment.payment.Meetings;
import com.starrymeet.payment.payment.Cancellations;
import com.starrymeet.payment.payment.Payment;
import com.starrymeet.payment.payment.Payments;
import com.starrymeet.payment.payment.PendingStripeWork;
import com.starrymeet.payment.payment.Refunds;
import com.starrymeet.payment.payment.Settlements;
import com.starrymeet.payment.payment.StripeReads;
import com.starrymeet.payment.payment.Transitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Booking events that move money ({@link Topics#BOOKING}, group {@code payment-service}), each at most once per
 * event id ({@link IdempotentConsumer}). The decision — cancel this intent, refund this payment — is recorded in
 * the consumer's transaction; Stripe is asked right after it commits (and again by {@link PendingStripeWork} until
 * it answers), with the idempotency key of that decision, so no Stripe call runs inside a database transaction and
 * none is lost or doubled.
 * <ul>
 * <li>BookingExpired: cancel the booking's intent (key {@code cancel-<bookingId>}) unless it succeeded; if Stripe
 * says it succeeded meanwhile, the success is recorded and booking-service decides.</li>
 * <li>BookingPaymentRejected: refund the payment in full (key {@code refund-<paymentId>-rejected}) and give back the
 * credit it used; PaymentRefunded once, on Stripe's answer or on charge.refunded, whichever comes first.</li>
 * <li>BookingCanceled, BookingCompleted, BookingDisputed, BookingDisputeSettled: refunds by the decision's share,
 * credit back and granted, the celebrity's payout computed, held, released or canceled ({@link Settlements}).</li>
 * <li>BookingRequested, BookingConfirmed, BookingRescheduled (and BookingCanceled, BookingCompleted again): the
 * meeting and the frozen price are kept for the receipt ({@link Meetings}; the newest version wins).</li>
 * </ul>
 */
@Component
class BookingEventsListener {

	private static final Logger log = LoggerFactory.getLogger(BookingEventsListener.class);

	static final String CONSUMER = "payment-booking-events";

	private final IdempotentConsumer consumer;

	private final IdempotentConsumer.Dispatch dispatch;

	private final Payments payments;

	private final StripeReads reads;

	private final Transitions transitions;

	private final PendingStripeWork pending;

	BookingEventsListener(IdempotentConsumer consumer, Cancellations cancellations, Settlements settlements,
			Payments payments, StripeReads reads, Transitions transitions, PendingStripeWork pending,
			Meetings meetings) {
		this.consumer = consumer;
		this.payments = payments;
		this.reads = reads;
		this.transitions = transitions;
		this.pending = pending;
		this.dispatch = consumer.dispatch(CONSUMER)
			.on(BookingRequested.class, (requested, version) -> {
				if (requested.bookingId() == null || requested.meeting() == null) {
					throw new MalformedEventException("BookingRequested without bookingId or meeting", null);
				}
				meetings.record(requested.bookingId(), requested.bookingNumber(), requested.meeting(),
						requested.price(), version);
			})
			.on(BookingConfirmed.class, (confirmed, version) -> {
				if (confirmed.bookingId() == null || confirmed.meeting() == null) {
					throw new MalformedEventException("BookingConfirmed without bookingId or meeting", null);
				}
				meetings.record(confirmed.bookingId(), confirmed.bookingNumber(), confirmed.meeting(),
						confirmed.price(), version);
			})
			.on(BookingRescheduled.class, (rescheduled, version) -> {
				if (rescheduled.bookingId() == null || rescheduled.to() == null) {
					throw new MalformedEventException("BookingRescheduled without bookingId or to", null);
				}
				meetings.record(rescheduled.bookingId(), rescheduled.bookingNumber(), rescheduled.to(), null,
						version);
			})
			.on(BookingExpired.class, (expired, version) -> {
				if (expired.bookingId() == null) {
					throw new MalformedEventException("BookingExpired without bookingId", null);
				}
				cancellations.request(expired.bookingId());
			})
			.on(BookingPaymentRejected.class, (rejected, version) -> {
				if (rejected.paymentId() == null || rejected.bookingId() == null) {
					throw new MalformedEventException("BookingPaymentRejected without paymentId or bookingId", null);
				}
				var payment = payments.byId(rejected.paymentId());
				if (payment.isEmpty() || !payment.get().bookingId().equals(rejected.bookingId())) {
					log.error("BookingPaymentRejected for payment {} of booking {}: no such payment here",
							rejected.paymentId(), rejected.bookingId());
					return;
				}
				settlements.rejected(payment.get(),
						rejected.reason() == null ? Refunds.REJECTED_REASON_FALLBACK : rejected.reason());
			})
			.on(BookingCanceled.class, (canceled, version) -> {
				if (canceled.bookingId() == null || canceled.fanId() == null || canceled.meeting() == null) {
					throw new MalformedEventException("BookingCanceled without bookingId, fanId or meeting", null);
				}
				meetings.record(canceled.bookingId(), canceled.bookingNumber(), canceled.meeting(), canceled.price(),
						version);
				settlements.canceled(canceled);
			})
			.on(BookingCompleted.class, (completed, version) -> {
				if (completed.bookingId() == null || completed.meeting() == null
						|| completed.payoutEligibleAt() == null) {
					throw new MalformedEventException("BookingCompleted without bookingId, meeting or payoutEligibleAt",
							null);
				}
				meetings.record(completed.bookingId(), completed.bookingNumber(), completed.meeting(),
						completed.price(), version);
				settlements.completed(completed);
			})
			.on(BookingDisputed.class, (disputed, version) -> {
				if (disputed.bookingId() == null) {
					throw new MalformedEventException("BookingDisputed without bookingId", null);
				}
				settlements.disputed(disputed);
			})
			.on(BookingDisputeSettled.class, (settled, version) -> {
				if (settled.bookingId() == null || settled.refundCents() < 0) {
					throw new MalformedEventException("BookingDisputeSettled without bookingId or with a negative refund",
							null);
				}
				settlements.disputeSettled(settled);
			});
	}

	@KafkaListener(topics = Topics.BOOKING, groupId = "${spring.application.name}")
	void on(ConsumerRecord<String, ?> record) {
		settleRejectedPayment(record);
		if (dispatch.handle(record)) {
			pending.sendPending();
		}
	}

	/**
	 * booking-service rejects only a payment we reported succeeded; should our row still lag behind Stripe (the
	 * webhook not arrived), it is brought up to date first so the refund has a captured amount to refund.
	 */
	private void settleRejectedPayment(ConsumerRecord<String, ?> record) {
		var event = consumer.parse(record.value());
		if (!BookingPaymentRejected.class.getSimpleName().equals(event.type())) {
			return;
		}
		var rejected = consumer.payload(event, BookingPaymentRejected.class);
		if (rejected.paymentId() == null) {
			return;
		}
		payments.byId(rejected.paymentId())
			.filter(p -> !Payment.SUCCEEDED.equals(p.status()))
			.flatMap(p -> reads.intent(p.paymentIntentId()))
			.ifPresent(transitions::apply);
	}
}

package com.starrymeet.payment.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.starrymeet.common.events.contract.BookingCanceled;
import com.starrymeet.common.events.contract.BookingCompleted;
import com.starrymeet.common.events.contract.BookingDisputeSettled;
import com.starrymeet.common.events.contract.BookingDisputed;
import com.starrymeet.common.events.contract.BookingMeeting;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.payment.audit.AuditLog;
import com.starrymeet.payment.credit.Credits;
import com.starrymeet.payment.payout.Payouts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happens to the money after the purchase. booking-service decides the share (the policy frozen in the
 * booking); this applies it to what the fan paid — card captured + credit used — in the transaction of the decision
 * (a booking event's consumer, an admin's action), recording refunds as {@code requested} rows that are sent to Stripe
 * after commit ({@link PendingStripeWork}), credit entries, and the celebrity's payout:
 * <ul>
 * <li>canceled: card refund = round_half_up(captured × pct / 100) (key {@code refund-<bookingId>-canceled}), credit
 * back = round_half_up(credit used × pct / 100), {@code creditGrantCents} granted; what is kept is split 85/15 and
 * the celebrity's share paid after the meeting's end (a late cancellation). A booking never paid: its intent is
 * canceled (the credit it reserved comes back when it is).</li>
 * <li>completed: payout = paid − fee − refunds so far, eligible when the dispute window closes.</li>
 * <li>disputed: the payout is held. Settled: {@code refundCents} refunded (card first, then credit), then the
 * payout recomputed and released, or canceled.</li>
 * <li>an admin's refund (≤ what remains) recomputes a payout not sent yet.</li>
 * </ul>
 * Every decision has its own key, so a redelivered event changes nothing.
 */
@Service
public class Settlements {

	private static final Logger log = LoggerFactory.getLogger(Settlements.class);

	private final JdbcClient jdbc;

	private final Payments payments;

	private final Refunds refunds;

	private final Cancellations cancellations;

	private final Credits credits;

	private final Payouts payouts;

	private final AuditLog audit;

	Settlements(JdbcClient jdbc, Payments payments, Refunds refunds, Cancellations cancellations, Credits credits,
			Payouts payouts, AuditLog audit) {
		this.jdbc = jdbc;
		this.payments = payments;
		this.refunds = refunds;
		this.cancellations = cancellations;
		this.credits = credits;
		this.payouts = payouts;
		this.audit = audit;
	}

	/** round_half_up(amount × percent / 100), integer cents. */
	static long share(long amount, int percent) {
		return BigDecimal.valueOf(amount)
			.multiply(BigDecimal.valueOf(percent))
			.divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP)
			.longValueExact();
	}

	@Transactional
	public void canceled(BookingCanceled event) {
		var bookingId = event.bookingId();
		var found = locked(bookingId);
		if (found.isEmpty() || !Payment.SUCCEEDED.equals(found.get().status())) {
			// never paid: cancel the intent (its reserved credit comes back when Stripe confirms the cancel)
			if (found.isPresent()) {
				cancellations.request(bookingId);
			}
			grant(event);
			return;
		}
		var payment = found.get();
		int percent = Math.clamp(event.refundPercent(), 0, 100);
		refunds.request(payment.id(), share(payment.capturedCents(), percent), "BOOKING_CANCELED_" + event.canceledBy(),
				"refund-" + bookingId + "-canceled", event.canceledByUserId(), event.note());
		credits.giveBack(payment.fanId(), bookingId, share(payment.creditAppliedCents(), percent),
				Credits.CANCELLATION_RETURN, "return-" + bookingId + "-canceled");
		grant(event);
		// what the platform keeps of a late cancellation: the celebrity's share after the meeting's end
		payouts.create(subject(payment, event.meeting()), figures(payment), "LATE_CANCELLATION",
				event.meeting().endsAt());
	}

	private void grant(BookingCanceled event) {
		credits.grant(event.fanId(), event.creditGrantCents(), Credits.CELEBRITY_CANCELLATION, event.bookingId(),
				event.canceledByUserId(), event.reason(), "grant-" + event.bookingId() + "-canceled");
	}

	/**
	 * booking-service could not confirm a paid booking: the card is refunded in full (key
	 * {@code refund-<paymentId>-rejected}) and the credit it used given back.
	 */
	@Transactional
	public void rejected(Payment payment, String reason) {
		refunds.requestFull(payment.id(), reason, "refund-" + payment.id() + "-rejected");
		credits.giveBack(payment.fanId(), payment.bookingId(), payment.creditAppliedCents(), Credits.HOLD_EXPIRED_RETURN,
				"return-" + payment.bookingId() + "-hold");
	}

	@Transactional
	public void completed(BookingCompleted event) {
		var found = locked(event.bookingId());
		if (found.isEmpty() || !Payment.SUCCEEDED.equals(found.get().status())) {
			log.error("BookingCompleted for booking {} without a succeeded payment: no payout", event.bookingId());
			return;
		}
		var payment = found.get();
		var figures = figures(payment);
		if (figures.kept() == payment.priceCents() && event.price() != null
				&& event.price().priceCents() == payment.priceCents()) {
			// nothing refunded: exactly the fee frozen into the booking
			figures = new Payouts.Figures(figures.paid(), 0, 0, event.price().platformFeeCents(),
					figures.cardRemaining());
		}
		payouts.create(subject(payment, event.meeting()), figures, "COMPLETED", event.payoutEligibleAt());
	}

	@Transactional
	public void disputed(BookingDisputed event) {
		payouts.hold(event.bookingId(), "DISPUTE", event.reason());
	}

	@Transactional
	public void disputeSettled(BookingDisputeSettled event) {
		var bookingId = event.bookingId();
		var found = locked(bookingId);
		if (found.isPresent() && Payment.SUCCEEDED.equals(found.get().status()) && event.refundCents() > 0) {
			var payment = found.get();
			long card = refunds.request(payment.id(), event.refundCents(), "DISPUTE_SETTLED",
					"refund-" + bookingId + "-dispute", event.adminId(), event.note());
			if (card < event.refundCents()) {
				credits.giveBack(payment.fanId(), bookingId, event.refundCents() - card, Credits.DISPUTE_RETURN,
						"return-" + bookingId + "-dispute");
			}
		}
		var payment = found.flatMap(p -> payments.byId(p.id()));
		if (event.releasePayout() && payment.isPresent() && Payment.SUCCEEDED.equals(payment.get().status())) {
			var figures = figures(payment.get());
			if (!payouts.recompute(bookingId, figures)) {
				payouts.create(subject(payment.get(), event.meeting()), figures, "DISPUTE_SETTLED", event.settledAt());
			}
		}
		else {
			payouts.cancel(bookingId);
		}
		payouts.release(bookingId);
	}

	/**
	 * An admin refunds part of a payment, up to what remains (409 {@code REFUND_EXCEEDS_REMAINING} beyond):
	 * recorded with its reason and the admin in the audit log, in one transaction; sent to Stripe after commit. A
	 * payout not sent yet is recomputed.
	 */
	@Transactional
	public UUID adminRefund(UUID adminId, UUID paymentId, long amountCents, String reason) {
		var payment = payments.byId(paymentId).orElseThrow(() -> ApiException.notFound("Payment"));
		payment = locked(payment.bookingId()).orElseThrow();
		if (!Payment.SUCCEEDED.equals(payment.status())) {
			throw ApiException.conflict("PAYMENT_NOT_REFUNDABLE", "Only a succeeded payment can be refunded");
		}
		long remaining = refunds.remaining(payment);
		if (amountCents > remaining) {
			throw ApiException.conflict("REFUND_EXCEEDS_REMAINING",
					"At most " + remaining + " cents of this payment can still be refunded");
		}
		long n = jdbc.sql("SELECT count(*) FROM refund WHERE payment_id = :p AND reason = 'ADMIN_REFUND'")
			.param("p", paymentId)
			.query(Long.class)
			.single() + 1;
		var key = "refund-" + paymentId + "-admin-" + n;
		refunds.request(paymentId, amountCents, "ADMIN_REFUND", key, adminId, reason);
		var refundId = jdbc.sql("SELECT id FROM refund WHERE idempotency_key = :k").param("k", key).query(UUID.class)
			.single();
		payments.byId(paymentId).ifPresent(p -> payouts.recompute(p.bookingId(), figures(p)));
		audit.record(adminId, "PAYMENT_REFUND", paymentId, reason,
				Map.of("amountCents", amountCents, "refundId", refundId.toString(), "bookingId",
						payment.bookingId().toString()));
		return refundId;
	}

	/** The payment's money now: paid, card refunds decided, credit given back, what is left of the card charge. */
	Payouts.Figures figures(Payment payment) {
		long refunded = refunds.decided(payment.id());
		long returned = credits.returnedFor(payment.bookingId());
		return Payouts.Figures.of(payment.paidCents(), refunded, returned, payment.capturedCents() - refunded);
	}

	private static Payouts.Subject subject(Payment payment, @Nullable BookingMeeting meeting) {
		if (meeting == null) {
			throw new IllegalArgumentException("The booking event has no meeting");
		}
		return new Payouts.Subject(payment.bookingId(), payment.bookingNumber(), meeting.celebrityId(),
				meeting.celebrityUserId(), meeting.date(), meeting.startsAt(), payment.currency(), payment.chargeId());
	}

	/** The booking's payment, locked for this decision. */
	private Optional<Payment> locked(UUID bookingId) {
		return jdbc.sql("SELECT * FROM payment WHERE booking_id = :b FOR UPDATE")
			.param("b", bookingId)
			.query(Payment::map)
			.optional();
	}

	static Instant now() {
		return Instant.now();
	}
}

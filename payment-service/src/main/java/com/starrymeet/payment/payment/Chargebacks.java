package com.starrymeet.payment.payment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.DisputeOpened;
import com.starrymeet.payment.payout.Payouts;
import com.starrymeet.payment.stripe.StripeFailures;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Dispute;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Chargebacks (Stripe disputes on our charges), applied as read back from Stripe. The first time a dispute is
 * known — whichever of its webhooks comes first — the booking's payout is held, a transfer already sent is to be
 * reversed in full ({@link Payouts#requestReversal}, sent after commit) and DisputeOpened is recorded (booking-service
 * marks the booking disputed); later reads only update its status ({@code won}, {@code lost}, ...) and when it closed.
 */
@Service
public class Chargebacks {

	private static final Set<String> CLOSED = Set.of("won", "lost", "warning_closed", "charge_refunded");

	private final JdbcClient jdbc;

	private final StripeClient stripe;

	private final Payments payments;

	private final Payouts payouts;

	private final ApplicationEventPublisher events;

	Chargebacks(JdbcClient jdbc, StripeClient stripe, Payments payments, Payouts payouts,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.stripe = stripe;
		this.payments = payments;
		this.payouts = payouts;
		this.events = events;
	}

	/** The dispute as Stripe holds it now (503 when Stripe cannot be reached). */
	public Optional<Dispute> read(String disputeId) {
		try {
			return Optional.of(stripe.v1().disputes().retrieve(disputeId));
		}
		catch (InvalidRequestException ex) {
			if ("resource_missing".equals(ex.getCode())) {
				return Optional.empty();
			}
			throw StripeFailures.problem("reading a dispute", ex);
		}
		catch (StripeException ex) {
			throw StripeFailures.problem("reading a dispute", ex);
		}
	}

	/**
	 * Applies the dispute, in the caller's transaction.
	 * @return whether it is about one of our payments
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean apply(Dispute dispute) {
		var payment = dispute.getPaymentIntent() != null ? payments.byIntent(dispute.getPaymentIntent())
				: Optional.<Payment>empty();
		if (payment.isEmpty() && dispute.getCharge() != null) {
			payment = jdbc.sql("SELECT * FROM payment WHERE stripe_charge_id = :c")
				.param("c", dispute.getCharge())
				.query(Payment::map)
				.optional();
		}
		if (payment.isEmpty()) {
			return false;
		}
		var p = payment.get();
		var status = dispute.getStatus() == null ? "needs_response" : dispute.getStatus();
		var reason = dispute.getReason() == null ? "general" : dispute.getReason();
		long amount = dispute.getAmount() == null ? 0 : dispute.getAmount();
		var closedAt = CLOSED.contains(status) ? Timestamp.from(Instant.now()) : null;
		boolean opened = jdbc.sql("""
				INSERT INTO chargeback (stripe_dispute_id, payment_id, amount_cents, reason, status, closed_at)
				VALUES (:id, :payment, :amount, :reason, :status, :closed) ON CONFLICT (stripe_dispute_id) DO NOTHING""")
			.param("id", dispute.getId())
			.param("payment", p.id())
			.param("amount", amount)
			.param("reason", reason)
			.param("status", status)
			.param("closed", closedAt)
			.update() == 1;
		if (!opened) {
			jdbc.sql("""
					UPDATE chargeback SET status = :status, amount_cents = :amount, closed_at = coalesce(closed_at, :closed),
					    updated_at = now() WHERE stripe_dispute_id = :id""")
				.param("status", status)
				.param("amount", amount)
				.param("closed", closedAt)
				.param("id", dispute.getId())
				.update();
			return true;
		}
		payouts.hold(p.bookingId(), "CHARGEBACK", reason);
		payouts.requestReversal(p.bookingId());
		var version = jdbc.sql("UPDATE payment SET version = version + 1, updated_at = now() WHERE id = :id RETURNING version")
			.param("id", p.id())
			.query(Long.class)
			.single();
		events.publishEvent(EventEnvelope.of(DisputeOpened.AGGREGATE, p.id(), version, new DisputeOpened(p.id(),
				p.bookingId(), p.fanId(), dispute.getId(), amount, p.currency(), reason, Instant.now())));
		return true;
	}

	public record ChargebackView(String id, long amountCents, String reason, String status, Instant openedAt,
			@org.jspecify.annotations.Nullable Instant closedAt) {
	}

	public java.util.List<ChargebackView> ofPayment(UUID paymentId) {
		return jdbc.sql("SELECT * FROM chargeback WHERE payment_id = :p ORDER BY opened_at")
			.param("p", paymentId)
			.query((rs, i) -> new ChargebackView(rs.getString("stripe_dispute_id"), rs.getLong("amount_cents"),
					rs.getString("reason"), rs.getString("status"), rs.getTimestamp("opened_at").toInstant(),
					rs.getTimestamp("closed_at") == null ? null : rs.getTimestamp("closed_at").toInstant()))
			.list();
	}
}

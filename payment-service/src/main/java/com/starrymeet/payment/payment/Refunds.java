package com.starrymeet.payment.payment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.starrymeet.payment.stripe.IdempotencyKeys;
import com.starrymeet.payment.stripe.StripeFailures;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.param.RefundCreateParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds, in two steps so that none is lost and none is made twice. First the decision is recorded: a
 * {@code refund} row in status {@code requested} with its idempotency key (e.g. {@code refund-<paymentId>-rejected}),
 * in the transaction that decided it. Then Stripe is asked with that key — right away, and again by
 * {@link PendingStripeWork} until Stripe answers — so a repeated request replays Stripe's first answer. Stripe's
 * answer, or the charge.refunded webhook when it comes first (it sends the requested refund again, which replays
 * that answer), moves the row to {@code succeeded}/{@code pending} once; that transition counts the amount towards
 * the payment and records PaymentRefunded. Refunds made at Stripe directly (the dashboard) are counted from the
 * charge's refunded total.
 */
@Service
public class Refunds {

	private static final Logger log = LoggerFactory.getLogger(Refunds.class);

	public static final String REJECTED_REASON_FALLBACK = "BOOKING_NOT_CONFIRMABLE";

	private record Requested(UUID id, UUID paymentId, String paymentIntentId, long amountCents, String reason,
			String idempotencyKey) {
	}

	private final JdbcClient jdbc;

	private final StripeClient stripe;

	private final Transitions transitions;

	private final TransactionTemplate transactions;

	Refunds(JdbcClient jdbc, StripeClient stripe, Transitions transitions, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.stripe = stripe;
		this.transitions = transitions;
		this.transactions = transactions;
	}

	/**
	 * Records the decision to refund what is left of a succeeded payment, in the caller's transaction, under
	 * {@code idempotencyKey}: a second decision with the same key is nothing.
	 * @return whether a refund was recorded
	 */
	public boolean requestFull(UUID paymentId, String reason, String idempotencyKey) {
		return request(paymentId, Long.MAX_VALUE, reason, idempotencyKey, null, null) > 0;
	}

	/**
	 * Records the decision to refund up to {@code amountCents} of a succeeded payment's card charge — never more than
	 * what remains (captured − refunds decided so far) — in the caller's transaction, under {@code idempotencyKey}: a
	 * second decision with the same key is nothing. The payment row is locked, so concurrent decisions on one payment
	 * see each other.
	 * @return the amount recorded (0: nothing)
	 */
	public long request(UUID paymentId, long amountCents, String reason, String idempotencyKey,
			@org.jspecify.annotations.Nullable UUID actorId, @org.jspecify.annotations.Nullable String note) {
		var payment = jdbc.sql("SELECT * FROM payment WHERE id = :id FOR UPDATE")
			.param("id", paymentId)
			.query(Payment::map)
			.optional();
		if (payment.isEmpty() || !Payment.SUCCEEDED.equals(payment.get().status())) {
			log.warn("No refund of payment {}: {}", paymentId, payment.map(p -> "status " + p.status()).orElse("unknown"));
			return 0;
		}
		long amount = Math.min(amountCents, remaining(payment.get()));
		if (amount <= 0) {
			return 0;
		}
		return jdbc.sql("""
				INSERT INTO refund (id, payment_id, amount_cents, reason, status, idempotency_key, actor_id, note)
				VALUES (:id, :payment, :amount, :reason, 'requested', :key, :actor, :note)
				ON CONFLICT (idempotency_key) DO NOTHING""")
			.param("id", UUID.randomUUID())
			.param("payment", paymentId)
			.param("amount", amount)
			.param("reason", reason)
			.param("key", idempotencyKey)
			.param("actor", actorId)
			.param("note", note)
			.update() == 1 ? amount : 0;
	}

	/** Card refunds decided so far (requested, pending or succeeded at Stripe). */
	public long decided(UUID paymentId) {
		return jdbc.sql("""
				SELECT coalesce(sum(amount_cents), 0) FROM refund
				WHERE payment_id = :id AND status IN ('requested', 'pending', 'succeeded')""")
			.param("id", paymentId)
			.query(Long.class)
			.single();
	}

	/** What can still be refunded to the card. */
	public long remaining(Payment payment) {
		return payment.capturedCents() - decided(payment.id());
	}

	/** Sends every requested refund (of one payment, or all when {@code paymentId} is null) to Stripe. */
	public void sendRequested(@org.jspecify.annotations.Nullable UUID paymentId) {
		List<Requested> requested = jdbc.sql("""
				SELECT r.id, r.payment_id, p.stripe_payment_intent_id, r.amount_cents, r.reason, r.idempotency_key
				FROM refund r JOIN payment p ON p.id = r.payment_id
				WHERE r.status = 'requested' AND (CAST(:payment AS uuid) IS NULL OR r.payment_id = :payment)
				ORDER BY r.created_at LIMIT 100""")
			.param("payment", paymentId)
			.query((rs, i) -> new Requested(rs.getObject("id", UUID.class), rs.getObject("payment_id", UUID.class),
					rs.getString("stripe_payment_intent_id"), rs.getLong("amount_cents"), rs.getString("reason"),
					rs.getString("idempotency_key")))
			.list();
		for (var refund : requested) {
			send(refund);
		}
	}

	private void send(Requested refund) {
		com.stripe.model.Refund answer;
		try {
			answer = stripe.v1()
				.refunds()
				.create(RefundCreateParams.builder()
					.setPaymentIntent(refund.paymentIntentId())
					.setAmount(refund.amountCents())
					.setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER)
					.putMetadata("refund_id", refund.id().toString())
					.putMetadata("reason", refund.reason())
					.build(), IdempotencyKeys.key(refund.idempotencyKey()));
		}
		catch (StripeException ex) {
			if (StripeFailures.transientFailure(ex)) {
				throw StripeFailures.problem("refunding", ex);
			}
			// Stripe refuses it for good (e.g. the charge is already refunded at Stripe): counted from the charge
			log.error("Stripe refused refund {} of payment {}: {}", refund.id(), refund.paymentId(), ex.getMessage());
			jdbc.sql("UPDATE refund SET status = 'failed', updated_at = now() WHERE id = :id AND status = 'requested'")
				.param("id", refund.id())
				.update();
			return;
		}
		applyAnswer(refund, answer.getId(), answer.getStatus());
	}

	private void applyAnswer(Requested refund, String stripeRefundId, String stripeStatus) {
		String status = switch (stripeStatus == null ? "" : stripeStatus) {
			case "succeeded" -> "succeeded";
			case "failed" -> "failed";
			case "canceled" -> "canceled";
			default -> "pending"; // pending, requires_action: Stripe counts it in the charge's refunded amount
		};
		transactions.executeWithoutResult(tx -> {
			int moved = jdbc.sql("""
					UPDATE refund SET stripe_refund_id = :stripeId, status = :status, updated_at = now()
					WHERE id = :id AND status = 'requested'""")
				.param("stripeId", stripeRefundId)
				.param("status", status)
				.param("id", refund.id())
				.update();
			if (moved == 1 && ("succeeded".equals(status) || "pending".equals(status))) {
				transitions.refunded(refund.paymentId(), stripeRefundId, refund.amountCents(), refund.reason());
			}
		});
	}

	/**
	 * Counts what Stripe says was refunded on the payment's charge and we do not know of (a refund made at Stripe
	 * directly), after this payment's requested refunds were sent. Runs in the caller's transaction.
	 */
	public void reconcileCharge(UUID paymentId, String chargeId, long amountRefunded) {
		var payment = jdbc.sql("SELECT * FROM payment WHERE id = :id FOR UPDATE")
			.param("id", paymentId)
			.query(Payment::map)
			.single();
		long target = Math.min(amountRefunded, payment.capturedCents());
		// a refund of ours that Stripe has not answered yet may be in that total already: it counts on its answer
		long requested = jdbc.sql("""
				SELECT coalesce(sum(amount_cents), 0) FROM refund WHERE payment_id = :id AND status = 'requested'""")
			.param("id", paymentId)
			.query(Long.class)
			.single();
		long unknown = target - payment.refundedCents() - requested;
		if (unknown <= 0 || !Payment.SUCCEEDED.equals(payment.status())) {
			return;
		}
		var id = UUID.randomUUID();
		int inserted = jdbc.sql("""
				INSERT INTO refund (id, payment_id, amount_cents, reason, status, idempotency_key, updated_at)
				VALUES (:id, :payment, :amount, 'REFUNDED_AT_STRIPE', 'succeeded', :key, :now)
				ON CONFLICT (idempotency_key) DO NOTHING""")
			.param("id", id)
			.param("payment", paymentId)
			.param("amount", unknown)
			.param("key", "charge-" + chargeId + "-" + target)
			.param("now", Timestamp.from(Instant.now()))
			.update();
		if (inserted == 1) {
			transitions.refunded(paymentId, id.toString(), unknown, "REFUNDED_AT_STRIPE");
		}
	}
}

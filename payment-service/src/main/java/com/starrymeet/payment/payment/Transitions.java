package com.starrymeet.payment.payment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.PaymentFailed;
import com.starrymeet.common.events.contract.PaymentRefunded;
import com.starrymeet.common.events.contract.PaymentSucceeded;
import com.starrymeet.payment.credit.Credits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves a payment to the state Stripe reports, forward only: {@code succeeded} and {@code canceled} are final,
 * so a succeeded payment never goes back whatever arrives later. Each transition is one conditional UPDATE whose
 * row count says whether this call made it, and only that call records the event (PaymentSucceeded,
 * PaymentFailed, PaymentRefunded) in the same transaction, through the outbox: exactly once however many times,
 * in whatever order, the same news arrives. The event's aggregate version is the payment row's new version.
 */
@Service
public class Transitions {

	private static final Logger log = LoggerFactory.getLogger(Transitions.class);

	/** What applying a state did. */
	public enum Outcome {
		/** no payment of ours has this intent */
		UNKNOWN_INTENT,
		/** the payment moved (an event may have been recorded) */
		CHANGED,
		/** the payment already was there, or is final */
		UNCHANGED
	}

	private static final String NOT_FINAL = "status NOT IN ('succeeded', 'canceled')";

	private final JdbcClient jdbc;

	private final Payments payments;

	private final ApplicationEventPublisher events;

	private final Credits credits;

	private final Clock clock = Clock.systemUTC();

	Transitions(JdbcClient jdbc, Payments payments, ApplicationEventPublisher events, Credits credits) {
		this.credits = credits;
		this.jdbc = jdbc;
		this.payments = payments;
		this.events = events;
	}

	/** Moves the intent's payment to {@code state} if that is a move forward. */
	@Transactional
	public Outcome apply(IntentState state) {
		var found = payments.byIntent(state.paymentIntentId());
		if (found.isEmpty()) {
			return Outcome.UNKNOWN_INTENT;
		}
		var payment = found.get();
		var now = Instant.now(clock);
		return switch (state.status()) {
			case Payment.SUCCEEDED -> succeeded(payment, state, now);
			case Payment.CANCELED -> canceled(payment, now);
			default -> state.failed() ? failed(payment, state, now) : moved(payment, state, now);
		};
	}

	/** The intent ended without the money: the credit reserved for the booking goes back to the fan. */
	private Outcome canceled(Payment payment, Instant now) {
		var outcome = changed(jdbc.sql("UPDATE payment SET status = 'canceled', canceled_at = :now, "
				+ "version = version + 1, updated_at = :now WHERE id = :id AND " + NOT_FINAL)
			.param("now", Timestamp.from(now))
			.param("id", payment.id())
			.update());
		if (outcome == Outcome.CHANGED) {
			returnReservedCredit(payment);
		}
		return outcome;
	}

	/** Gives back the credit a booking that was not paid had reserved (key {@code return-<bookingId>-hold}). */
	void returnReservedCredit(Payment payment) {
		if (payment.creditAppliedCents() > 0) {
			credits.giveBack(payment.fanId(), payment.bookingId(), payment.creditAppliedCents(),
					Credits.HOLD_EXPIRED_RETURN, "return-" + payment.bookingId() + "-hold");
		}
	}

	private Outcome succeeded(Payment payment, IntentState state, Instant now) {
		long captured = state.amountReceived() > 0 ? state.amountReceived() : state.amount();
		var version = jdbc.sql("""
				UPDATE payment SET status = 'succeeded', captured_cents = :captured,
				    card_brand = coalesce(:brand, card_brand), card_last4 = coalesce(:last4, card_last4),
				    payment_method_id = coalesce(:pm, payment_method_id), failure_code = NULL,
				    stripe_charge_id = coalesce(:charge, stripe_charge_id),
				    failure_decline_code = NULL, failure_message = NULL, succeeded_at = :now, version = version + 1,
				    updated_at = :now
				WHERE id = :id AND status NOT IN ('succeeded', 'canceled') RETURNING version""")
			.param("captured", captured)
			.param("brand", state.cardBrand())
			.param("last4", state.cardLast4())
			.param("pm", state.paymentMethodId())
			.param("charge", state.chargeId())
			.param("now", Timestamp.from(now))
			.param("id", payment.id())
			.query(Long.class)
			.optional();
		if (version.isEmpty()) {
			if (Payment.CANCELED.equals(payment.status())) {
				log.error("Stripe reports intent {} succeeded but payment {} is canceled", state.paymentIntentId(),
						payment.id());
			}
			return Outcome.UNCHANGED;
		}
		events.publishEvent(EventEnvelope.of(PaymentSucceeded.AGGREGATE, payment.id(), version.get(),
				new PaymentSucceeded(payment.id(), payment.bookingId(), payment.fanId(), payment.paymentIntentId(),
						captured + payment.creditAppliedCents(), payment.currency(), state.cardBrand(), state.cardLast4(),
						now)));
		return Outcome.CHANGED;
	}

	private Outcome failed(Payment payment, IntentState state, Instant now) {
		var version = jdbc.sql("""
				UPDATE payment SET status = :status, failure_code = :code, failure_decline_code = :decline,
				    failure_message = :message, failure_key = :key, payment_method_id = coalesce(:pm, payment_method_id),
				    version = version + 1, updated_at = :now
				WHERE id = :id AND status NOT IN ('succeeded', 'canceled') AND failure_key IS DISTINCT FROM :key
				RETURNING version""")
			.param("status", state.status())
			.param("code", state.failureCode())
			.param("decline", state.failureDeclineCode())
			.param("message", state.failureMessage())
			.param("key", state.failureKey())
			.param("pm", state.paymentMethodId())
			.param("now", Timestamp.from(now))
			.param("id", payment.id())
			.query(Long.class)
			.optional();
		if (version.isEmpty()) {
			return moved(payment, state, now);
		}
		events.publishEvent(EventEnvelope.of(PaymentFailed.AGGREGATE, payment.id(), version.get(),
				new PaymentFailed(payment.id(), payment.bookingId(), payment.fanId(), payment.paymentIntentId(),
						state.failureCode(),
						state.failureMessage(), now)));
		return Outcome.CHANGED;
	}

	/** Between the states before the end (requires_action, processing, ...): no event, just the status. */
	private Outcome moved(Payment payment, IntentState state, Instant now) {
		return changed(jdbc.sql("UPDATE payment SET status = :status, version = version + 1, updated_at = :now "
				+ "WHERE id = :id AND status <> :status AND " + NOT_FINAL)
			.param("status", state.status())
			.param("now", Timestamp.from(now))
			.param("id", payment.id())
			.update());
	}

	private static Outcome changed(int rows) {
		return rows == 1 ? Outcome.CHANGED : Outcome.UNCHANGED;
	}

	/**
	 * Counts a refund towards the payment's refunded total and records PaymentRefunded, in the caller's
	 * transaction. The caller made the refund row's transition (a conditional UPDATE), so this runs once per refund;
	 * the constraint {@code refunded_cents <= captured_cents} refuses anything beyond what was captured.
	 */
	void refunded(UUID paymentId, String refundId, long amountCents, String reason) {
		var now = Instant.now(clock);
		var row = jdbc.sql("""
				UPDATE payment SET refunded_cents = refunded_cents + :amount, version = version + 1, updated_at = :now
				WHERE id = :id RETURNING version, refunded_cents, booking_id, fan_id, currency""")
			.param("amount", amountCents)
			.param("now", Timestamp.from(now))
			.param("id", paymentId)
			.query((rs, i) -> new Refunded(rs.getLong("version"), rs.getLong("refunded_cents"),
					rs.getObject("booking_id", UUID.class), rs.getObject("fan_id", UUID.class), rs.getString("currency")))
			.single();
		events.publishEvent(EventEnvelope.of(PaymentRefunded.AGGREGATE, paymentId, row.version(),
				new PaymentRefunded(paymentId, row.bookingId(), row.fanId(), refundId, amountCents, row.total(),
						row.currency(), reason, now)));
	}

	private record Refunded(long version, long total, UUID bookingId, UUID fanId, String currency) {
	}
}

package com.starrymeet.payment.payment;

import java.util.List;
import java.util.UUID;

import com.starrymeet.payment.stripe.IdempotencyKeys;
import com.starrymeet.payment.stripe.StripeFailures;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Cancels the PaymentIntent of a booking whose hold expired, in two steps like {@link Refunds}: the request is
 * recorded on the payment ({@code cancel_requested_at}) in the consumer's transaction, then Stripe is asked with the
 * key {@code cancel-<bookingId>} until it answers. When Stripe says the intent cannot be canceled because it
 * succeeded meanwhile, the payment is left alone: its success is recorded (PaymentSucceeded) and booking-service
 * decides — confirm it if the slot can still be taken, else reject it and we refund.
 */
@Service
public class Cancellations {

	private static final Logger log = LoggerFactory.getLogger(Cancellations.class);

	private record Requested(UUID paymentId, UUID bookingId, String paymentIntentId) {
	}

	private final JdbcClient jdbc;

	private final StripeClient stripe;

	private final StripeReads reads;

	private final Transitions transitions;

	Cancellations(JdbcClient jdbc, StripeClient stripe, StripeReads reads, Transitions transitions) {
		this.jdbc = jdbc;
		this.stripe = stripe;
		this.reads = reads;
		this.transitions = transitions;
	}

	/** Records that the booking's intent is to be canceled (nothing when there is none, or it is final). */
	public boolean request(UUID bookingId) {
		return jdbc.sql("""
				UPDATE payment SET cancel_requested_at = now(), updated_at = now()
				WHERE booking_id = :b AND cancel_requested_at IS NULL AND status NOT IN ('succeeded', 'canceled')""")
			.param("b", bookingId)
			.update() == 1;
	}

	/** Asks Stripe to cancel every requested intent that is not final yet. */
	public void sendRequested() {
		List<Requested> requested = jdbc.sql("""
				SELECT id, booking_id, stripe_payment_intent_id FROM payment
				WHERE cancel_requested_at IS NOT NULL AND status NOT IN ('succeeded', 'canceled')
				ORDER BY cancel_requested_at LIMIT 100""")
			.query((rs, i) -> new Requested(rs.getObject("id", UUID.class), rs.getObject("booking_id", UUID.class),
					rs.getString("stripe_payment_intent_id")))
			.list();
		for (var payment : requested) {
			send(payment);
		}
	}

	private void send(Requested payment) {
		try {
			var canceled = stripe.v1()
				.paymentIntents()
				.cancel(payment.paymentIntentId(), IdempotencyKeys.cancel(payment.bookingId()));
			transitions.apply(reads.state(canceled));
		}
		catch (InvalidRequestException ex) {
			if (StripeFailures.transientFailure(ex)) {
				throw StripeFailures.problem("canceling an intent", ex);
			}
			// succeeded (or processing) meanwhile: act on what Stripe holds now
			log.info("Intent {} of booking {} not canceled ({}): applying its current state",
					payment.paymentIntentId(), payment.bookingId(), ex.getCode());
			reads.intent(payment.paymentIntentId()).ifPresent(transitions::apply);
		}
		catch (StripeException ex) {
			throw StripeFailures.problem("canceling an intent", ex);
		}
	}
}

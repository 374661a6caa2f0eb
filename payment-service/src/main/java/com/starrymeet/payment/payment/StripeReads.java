package com.starrymeet.payment.payment;

import java.util.Optional;

import com.starrymeet.payment.stripe.StripeFailures;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads Stripe's current, authoritative state of an intent or a charge. A webhook says only that something
 * happened; what to do is decided on what Stripe holds now, so duplicated, late and reordered events all lead to
 * the same end state.
 */
@Component
public class StripeReads {

	private static final Logger log = LoggerFactory.getLogger(StripeReads.class);

	/** A charge's refund state: what Stripe says was refunded on it. */
	public record ChargeState(String chargeId, @Nullable String paymentIntentId, long amountRefunded) {
	}

	private final StripeClient stripe;

	StripeReads(StripeClient stripe) {
		this.stripe = stripe;
	}

	/**
	 * The intent's state, or empty when Stripe does not know it.
	 * @throws com.starrymeet.common.web.ApiException 503 when Stripe cannot be reached (the webhook is then
	 *     answered 503 and Stripe delivers it again)
	 */
	public Optional<IntentState> intent(String paymentIntentId) {
		try {
			return Optional.of(state(stripe.v1().paymentIntents().retrieve(paymentIntentId)));
		}
		catch (InvalidRequestException ex) {
			if ("resource_missing".equals(ex.getCode())) {
				return Optional.empty();
			}
			throw StripeFailures.problem("reading a payment intent", ex);
		}
		catch (StripeException ex) {
			throw StripeFailures.problem("reading a payment intent", ex);
		}
	}

	/** The state of an intent Stripe just answered with; a succeeded one gets its card from the latest charge. */
	IntentState state(PaymentIntent intent) {
		Charge charge = null;
		if (Payment.SUCCEEDED.equals(intent.getStatus()) && intent.getLatestCharge() != null) {
			try {
				charge = stripe.v1().charges().retrieve(intent.getLatestCharge());
			}
			catch (StripeException ex) {
				// the card is for the receipt; the payment's state must not wait for it
				log.warn("Card of charge {} not read: {}", intent.getLatestCharge(), ex.getMessage());
			}
		}
		return IntentState.of(intent, charge);
	}

	/** The charge's refund state, or empty when Stripe does not know it. */
	public Optional<ChargeState> charge(String chargeId) {
		try {
			var charge = stripe.v1().charges().retrieve(chargeId);
			return Optional.of(new ChargeState(charge.getId(), charge.getPaymentIntent(),
					charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded()));
		}
		catch (InvalidRequestException ex) {
			if ("resource_missing".equals(ex.getCode())) {
				return Optional.empty();
			}
			throw StripeFailures.problem("reading a charge", ex);
		}
		catch (StripeException ex) {
			throw StripeFailures.problem("reading a charge", ex);
		}
	}
}

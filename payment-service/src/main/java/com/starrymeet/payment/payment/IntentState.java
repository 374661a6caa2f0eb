package com.starrymeet.payment.payment;

import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import org.jspecify.annotations.Nullable;

/**
 * A PaymentIntent's state as Stripe last told it, in our terms: what {@link Transitions#apply} moves a payment
 * forward with.
 *
 * @param amountReceived what Stripe captured (a succeeded intent)
 * @param failureKey what identifies the last failure (the failed charge, else method + codes), so one failure is
 *     reported once however many events mention it
 */
public record IntentState(String paymentIntentId, String status, long amount, long amountReceived,
		@Nullable String paymentMethodId, @Nullable String cardBrand, @Nullable String cardLast4,
		@Nullable String failureCode, @Nullable String failureDeclineCode, @Nullable String failureMessage,
		@Nullable String failureKey, @Nullable String redirectUrl, @Nullable String chargeId) {

	/** The state of {@code intent}; card brand and last 4 from its latest charge, when given. */
	public static IntentState of(PaymentIntent intent, @Nullable Charge latestCharge) {
		String brand = null;
		String last4 = null;
		if (latestCharge != null && latestCharge.getPaymentMethodDetails() != null
				&& latestCharge.getPaymentMethodDetails().getCard() != null) {
			brand = latestCharge.getPaymentMethodDetails().getCard().getBrand();
			last4 = latestCharge.getPaymentMethodDetails().getCard().getLast4();
		}
		var error = intent.getLastPaymentError();
		String code = null;
		String declineCode = null;
		String message = null;
		String key = null;
		if (error != null && Payment.REQUIRES_PAYMENT_METHOD.equals(intent.getStatus())) {
			code = error.getCode();
			declineCode = error.getDeclineCode();
			message = error.getMessage();
			var method = error.getPaymentMethod() != null ? error.getPaymentMethod().getId() : null;
			key = error.getCharge() != null ? error.getCharge()
					: "%s:%s:%s:%s".formatted(method, code, declineCode, message);
		}
		String redirect = null;
		var next = intent.getNextAction();
		if (next != null && "redirect_to_url".equals(next.getType()) && next.getRedirectToUrl() != null) {
			redirect = next.getRedirectToUrl().getUrl();
		}
		return new IntentState(intent.getId(), intent.getStatus(), orZero(intent.getAmount()),
				orZero(intent.getAmountReceived()), intent.getPaymentMethod(), brand, last4, code, declineCode,
				truncate(message), key == null ? null : truncate(key), redirect, intent.getLatestCharge());
	}

	public boolean failed() {
		return failureKey != null;
	}

	private static long orZero(@Nullable Long value) {
		return value == null ? 0 : value;
	}

	private static @Nullable String truncate(@Nullable String value) {
		return value == null || value.length() <= 255 ? value : value.substring(0, 255);
	}
}

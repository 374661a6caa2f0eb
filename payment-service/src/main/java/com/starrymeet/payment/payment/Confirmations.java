package com.starrymeet.payment.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ValidationFailed;
import com.starrymeet.payment.method.Customers;
import com.starrymeet.payment.method.SavedMethods;
import com.starrymeet.payment.stripe.IdempotencyKeys;
import com.starrymeet.payment.stripe.StripeFailures;
import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.param.PaymentIntentConfirmParams;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Server-side confirmation of a booking's intent with a payment method. The answer tells the client what Stripe
 * said — succeeded, declined (status {@code requires_payment_method} with the failure: the fan may try another
 * card until the hold ends), or {@code requires_action} with the 3-D Secure page to send the fan to — but it
 * decides nothing: the payment becomes succeeded (and PaymentSucceeded is recorded) only from Stripe's signed
 * webhook ({@link Transitions}).
 */
@Service
public class Confirmations {

	public record Confirm(UUID bookingId, String paymentMethodId, boolean savePaymentMethod,
			@Nullable String returnUrl) {
	}

	public record NextAction(String type, String url) {
	}

	public record Failure(@Nullable String code, @Nullable String declineCode, @Nullable String message) {
	}

	/** @param status the intent's status as Stripe answered it */
	public record Confirmation(UUID paymentId, UUID bookingId, String status, @Nullable NextAction nextAction,
			@Nullable Failure failure) {
	}

	private final JdbcClient jdbc;

	private final Payments payments;

	private final Customers customers;

	private final SavedMethods methods;

	private final StripeClient stripe;

	private final Clock clock = Clock.systemUTC();

	Confirmations(JdbcClient jdbc, Payments payments, Customers customers, SavedMethods methods,
			StripeClient stripe) {
		this.jdbc = jdbc;
		this.payments = payments;
		this.customers = customers;
		this.methods = methods;
		this.stripe = stripe;
	}

	/**
	 * Confirms the fan's own booking's intent. 404 when there is no intent for a booking of this fan; 409
	 * {@code BOOKING_ALREADY_PAID} / {@code BOOKING_NOT_PAYABLE}.
	 */
	public Confirmation confirm(UUID fanId, Confirm command) {
		var payment = payments.byBooking(command.bookingId())
			.filter(p -> p.fanId().equals(fanId))
			.orElseThrow(() -> ApiException.notFound("Payment for this booking"));
		if (Payment.SUCCEEDED.equals(payment.status())) {
			throw ApiException.conflict("BOOKING_ALREADY_PAID", "This booking is already paid");
		}
		if (Payment.CANCELED.equals(payment.status()) || !payment.holdExpiresAt().isAfter(Instant.now(clock))) {
			throw OpenIntents.notPayable();
		}
		var paymentMethod = command.paymentMethodId();
		if (command.savePaymentMethod()) {
			var customer = payment.customerId() != null ? payment.customerId() : customers.customerFor(fanId);
			paymentMethod = methods.attach(fanId, customer, paymentMethod).getId();
		}
		int attempt = jdbc.sql("""
				UPDATE payment SET confirm_attempts = confirm_attempts + 1, updated_at = now() WHERE id = :id
				RETURNING confirm_attempts""")
			.param("id", payment.id())
			.query(Integer.class)
			.single();
		var params = PaymentIntentConfirmParams.builder().setPaymentMethod(paymentMethod);
		if (command.returnUrl() != null) {
			params.setReturnUrl(command.returnUrl());
		}
		try {
			var intent = stripe.v1()
				.paymentIntents()
				.confirm(payment.paymentIntentId(), params.build(), IdempotencyKeys.confirm(payment.id(), attempt));
			var state = IntentState.of(intent, null);
			return new Confirmation(payment.id(), payment.bookingId(), state.status(),
					state.redirectUrl() == null ? null : new NextAction("redirect_to_url", state.redirectUrl()),
					state.failed() ? new Failure(state.failureCode(), state.failureDeclineCode(), state.failureMessage())
							: null);
		}
		catch (CardException ex) {
			// a declined card: the intent is back to requires_payment_method, the booking stays payable
			var error = ex.getStripeError();
			var intent = error == null ? null : error.getPaymentIntent();
			return new Confirmation(payment.id(), payment.bookingId(),
					intent != null && intent.getStatus() != null ? intent.getStatus() : Payment.REQUIRES_PAYMENT_METHOD,
					null, new Failure(ex.getCode(), ex.getDeclineCode(),
							error != null && error.getMessage() != null ? error.getMessage() : "Your card was declined."));
		}
		catch (InvalidRequestException ex) {
			if (StripeFailures.transientFailure(ex)) {
				throw StripeFailures.problem("confirming a payment", ex);
			}
			if ("payment_intent_unexpected_state".equals(ex.getCode())) {
				throw ApiException.conflict("PAYMENT_NOT_CONFIRMABLE",
						"This payment cannot be confirmed in its current state");
			}
			throw ValidationFailed.of("paymentMethodId", "cannot be used for this payment");
		}
		catch (StripeException ex) {
			throw StripeFailures.problem("confirming a payment", ex);
		}
	}
}

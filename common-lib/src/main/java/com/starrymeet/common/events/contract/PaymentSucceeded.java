package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Stripe captured a booking's payment (payment-service, after the signed webhook; topic
 * {@code starrymeet.payment.v1}, key = payment id). booking-service confirms the booking, or rejects the payment
 * (BookingPaymentRejected) when the booking can no longer be confirmed.
 *
 * @param paymentIntentId {@code null} when the fan's credit paid the whole price (no card, no intent)
 * @param amountCents everything paid for the booking, card and credit (= the booking's price)
 */
public record PaymentSucceeded(UUID paymentId, UUID bookingId, UUID fanId, @Nullable String paymentIntentId, long amountCents,
		String currency, @Nullable String cardBrand, @Nullable String cardLast4, Instant succeededAt) {

	public static final String AGGREGATE = "payment";
}

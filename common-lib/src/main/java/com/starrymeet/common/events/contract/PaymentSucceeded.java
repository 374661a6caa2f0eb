package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Stripe captured a booking's payment (payment-service, after the signed webhook; topic
 * {@code starrymeet.payment.v1}, key = payment id). booking-service confirms the booking, or rejects the payment
 * (BookingPaymentRejected) when the booking can no longer be confirmed.
 */
public record PaymentSucceeded(UUID paymentId, UUID bookingId, UUID fanId, String paymentIntentId, long amountCents,
		String currency, @Nullable String cardBrand, @Nullable String cardLast4, Instant succeededAt) {

	public static final String AGGREGATE = "payment";
}

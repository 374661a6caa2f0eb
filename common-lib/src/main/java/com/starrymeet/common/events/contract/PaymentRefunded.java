package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * Money went back to the fan (payment-service, once Stripe reports the refund; topic {@code starrymeet.payment.v1}).
 *
 * @param amountCents this refund
 * @param totalRefundedCents everything refunded on the payment so far, never more than was captured
 * @param reason a stable code, e.g. {@code BOOKING_NOT_CONFIRMABLE}
 */
public record PaymentRefunded(UUID paymentId, UUID bookingId, UUID fanId, String refundId, long amountCents,
		long totalRefundedCents, String currency, String reason, Instant refundedAt) {

	public static final String AGGREGATE = "payment";
}

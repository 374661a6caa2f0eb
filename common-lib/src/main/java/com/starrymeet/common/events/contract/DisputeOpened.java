package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * The fan's bank disputed the charge (a chargeback, Stripe's {@code charge.dispute.created}; payment-service, topic
 * {@code starrymeet.payment.v1}): the payout is held, a transfer already made is reversed, and booking-service marks
 * the booking disputed.
 *
 * @param reason Stripe's dispute reason, e.g. {@code fraudulent}, {@code product_not_received}
 */
public record DisputeOpened(UUID paymentId, UUID bookingId, UUID fanId, String stripeDisputeId, long amountCents,
		String currency, String reason, Instant openedAt) {

	public static final String AGGREGATE = "payment";
}

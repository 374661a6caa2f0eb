package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The celebrity's share of a booking was transferred to their Stripe Connect account (payment-service, topic
 * {@code starrymeet.payment.v1}, key = our transfer id).
 */
public record PayoutReleased(UUID transferId, UUID bookingId, UUID celebrityId, @Nullable UUID celebrityUserId,
		String stripeTransferId, String destinationAccount, long amountCents, String currency, Instant releasedAt) {

	public static final String AGGREGATE = "payment";
}

package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A payment attempt failed (a declined card): the booking stays pending so the fan can try another card until
 * the hold ends (payment-service, topic {@code starrymeet.payment.v1}).
 *
 * @param failureCode Stripe's decline or error code, e.g. {@code card_declined}
 */
public record PaymentFailed(UUID paymentId, UUID bookingId, UUID fanId, String paymentIntentId,
		@Nullable String failureCode, @Nullable String failureMessage, Instant failedAt) {

	public static final String AGGREGATE = "payment";
}

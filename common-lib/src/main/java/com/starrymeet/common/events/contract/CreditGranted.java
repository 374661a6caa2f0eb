package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Platform credit was added to a fan's balance (payment-service, topic {@code starrymeet.payment.v1}, key = the
 * ledger entry id): a celebrity's cancellation, an admin's goodwill, or credit given back by a cancellation.
 *
 * @param reason a stable code: {@code CELEBRITY_CANCELLATION}, {@code GOODWILL}, {@code CANCELLATION_RETURN},
 *     {@code HOLD_EXPIRED_RETURN}
 * @param balanceCents the fan's balance after this entry
 */
public record CreditGranted(UUID entryId, UUID userId, long amountCents, String currency, String reason,
		@Nullable UUID bookingId, long balanceCents, Instant grantedAt) {

	public static final String AGGREGATE = "payment";
}

package com.starrymeet.booking.booking;

import java.util.List;

/**
 * The refund policy a booking was made under, frozen into it (JSONB {@code booking.refund_policy}): a later change
 * of the policy in force never changes what an existing booking gets. Tiers are read on the meeting's start
 * instant, first match wins: hours before the start {@code > hoursBefore} (or {@code >=} when
 * {@code inclusive}) → {@code refundPercent}.
 */
public record RefundPolicy(String id, int version, List<Tier> tiers, CelebrityCancellation celebrityCancellation) {

	public record Tier(int hoursBefore, boolean inclusive, int refundPercent) {
	}

	/** When the celebrity cancels: always this refund, plus a platform credit in the booking's currency. */
	public record CelebrityCancellation(int refundPercent, long creditCents) {
	}
}

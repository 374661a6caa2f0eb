package com.starrymeet.booking.booking;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a cancellation gives back, read from the policy frozen in the booking (never the one in force now) and
 * computed on instants only: the time left is {@code startsAt − now} as an exact duration, so a daylight-saving
 * change in the venue's zone between now and the meeting changes nothing (168 h is 168 h, not "7 local days").
 * Tiers are tried in order; the first whose bound is met wins ({@code >} hours, or {@code >=} when inclusive).
 */
public final class CancellationPolicy {

	/** The tier names of the API: 100 %, a part, nothing. */
	public static final String FULL = "FULL";

	public static final String HALF = "HALF";

	public static final String NONE = "NONE";

	/**
	 * The share a cancellation at {@code now} gets.
	 *
	 * @param nextTierAt the bound of the current tier, when the refund next drops: for an exclusive bound (more than
	 *     168 h) the first instant of the lower tier (cancel before it); for an inclusive bound (72 h) the last
	 *     instant of this tier (cancel by it). {@code null} when nothing lower follows.
	 */
	public record Quote(int refundPercent, String tier, @Nullable Instant nextTierAt) {
	}

	private CancellationPolicy() {
	}

	/** A cancellation by the fan at {@code now} of a meeting starting at {@code startsAt}. */
	public static Quote fan(RefundPolicy policy, Instant startsAt, Instant now) {
		var left = Duration.between(now, startsAt);
		var tiers = policy.tiers();
		for (int i = 0; i < tiers.size(); i++) {
			var tier = tiers.get(i);
			var bound = Duration.ofHours(tier.hoursBefore());
			int cmp = left.compareTo(bound);
			if (cmp > 0 || (cmp == 0 && tier.inclusive())) {
				boolean lowerFollows = tiers.subList(i + 1, tiers.size())
					.stream()
					.anyMatch(t -> t.refundPercent() < tier.refundPercent());
				return new Quote(tier.refundPercent(), name(tier.refundPercent()),
						lowerFollows ? startsAt.minus(bound) : null);
			}
		}
		return new Quote(0, NONE, null);
	}

	/** The celebrity (or an admin for them) cancels: always the policy's celebrity share, plus the credit. */
	public static Quote celebrity(RefundPolicy policy) {
		int percent = policy.celebrityCancellation().refundPercent();
		return new Quote(percent, name(percent), null);
	}

	/** {@code round_half_up(amount × percent / 100)}, integer cents (as payment-service computes the refund). */
	public static long share(long amountCents, int percent) {
		return java.math.BigDecimal.valueOf(amountCents)
			.multiply(java.math.BigDecimal.valueOf(percent))
			.divide(java.math.BigDecimal.valueOf(100), 0, java.math.RoundingMode.HALF_UP)
			.longValueExact();
	}

	private static String name(int percent) {
		return percent >= 100 ? FULL : percent <= 0 ? NONE : HALF;
	}
}

package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A booking is in dispute and its payout held until an admin settles it (booking-service, topic
 * {@code starrymeet.booking.v1}).
 *
 * @param openedBy {@code FAN} (within 48 h after the meeting) or {@code CHARGEBACK} (payment-service's DisputeOpened)
 * @param reason a stable code, e.g. {@code CELEBRITY_NO_SHOW}, {@code NOT_AS_DESCRIBED}, {@code OTHER}, or Stripe's
 *     dispute reason for a chargeback
 */
public record BookingDisputed(UUID bookingId, String bookingNumber, UUID fanId, BookingMeeting meeting,
		String openedBy, String reason, @Nullable String text, Instant disputedAt) {

	public static final String AGGREGATE = "booking";
}

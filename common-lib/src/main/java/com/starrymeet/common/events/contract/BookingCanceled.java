package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A confirmed booking was canceled and its slot released (booking-service, topic {@code starrymeet.booking.v1}).
 * booking-service decides the share by the policy frozen in the booking; payment-service applies it to what the fan
 * paid, card and credit alike: {@code refundPercent} of the captured amount back to the card (one Stripe Refund per
 * decision, idempotency key {@code refund-<bookingId>-canceled}), the same percent of the credit used back to the
 * credit ledger, {@code creditGrantCents} granted on top, and what the platform keeps split like a completed meeting
 * (celebrity share paid out after {@code meeting.endsAt}).
 *
 * @param canceledBy {@code FAN}, {@code CELEBRITY} or {@code ADMIN}
 * @param reason a stable code: {@code FAN_REQUEST}, {@code CELEBRITY_REQUEST}, {@code CELEBRITY_NO_SHOW},
 *     {@code DISPUTE_SETTLED}, {@code ADMIN_REQUEST}
 * @param refundPercent 0 to 100, of what the fan paid
 * @param creditGrantCents platform credit granted to the fan on top (2500 when the celebrity cancels), else 0
 */
public record BookingCanceled(UUID bookingId, String bookingNumber, UUID fanId, BookingMeeting meeting,
		BookingPrice price, String canceledBy, @Nullable UUID canceledByUserId, String reason, @Nullable String note,
		int refundPercent, long creditGrantCents, @Nullable UUID paymentId, Instant canceledAt) {

	public static final String AGGREGATE = "booking";
}

package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An admin settled a booking's dispute (booking-service, topic {@code starrymeet.booking.v1}): payment-service
 * refunds {@code refundCents} (never more than what remains; key {@code refund-<bookingId>-dispute}) and, when
 * {@code releasePayout}, pays the celebrity's share of what the platform keeps; otherwise the payout is canceled.
 *
 * @param outcome the booking's state after settlement: {@code COMPLETED} or {@code CANCELED}
 */
public record BookingDisputeSettled(UUID bookingId, String bookingNumber, UUID fanId, BookingMeeting meeting,
		BookingPrice price, long refundCents, boolean releasePayout, String outcome, UUID adminId,
		@Nullable String note, Instant settledAt) {

	public static final String AGGREGATE = "booking";
}

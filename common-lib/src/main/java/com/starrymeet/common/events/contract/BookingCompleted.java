package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The meeting took place (booking-service, topic {@code starrymeet.booking.v1}). celebrity-service counts it into
 * {@code totalBookings}; payment-service pays the celebrity's share once the dispute window has closed
 * ({@code payoutEligibleAt}) unless a dispute holds it.
 *
 * @param completedBy {@code CHECK_IN}, {@code CELEBRITY}, {@code AUTO} (48 h after the end) or {@code DISPUTE_SETTLED}
 * @param checkedIn whether the fan's check-in code was scanned: the proof the meeting happened
 * @param payoutEligibleAt when the fan can no longer open a dispute (48 h after the meeting's end)
 */
public record BookingCompleted(UUID bookingId, String bookingNumber, UUID fanId, BookingMeeting meeting,
		BookingPrice price, String completedBy, boolean checkedIn, @Nullable UUID paymentId, Instant completedAt,
		Instant payoutEligibleAt) {

	public static final String AGGREGATE = "booking";
}

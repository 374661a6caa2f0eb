package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * A hold ran out unpaid; its slot is released (booking-service, topic {@code starrymeet.booking.v1}). payment-service
 * cancels the booking's open PaymentIntent.
 */
public record BookingExpired(UUID bookingId, String bookingNumber, UUID fanId, BookingMeeting meeting,
		Instant holdExpiresAt, Instant expiredAt) {

	public static final String AGGREGATE = "booking";
}

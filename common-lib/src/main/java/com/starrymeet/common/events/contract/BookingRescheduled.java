package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * A confirmed booking moved to another window of the same celebrity and meeting type, same price (booking-service,
 * topic {@code starrymeet.booking.v1}); the new slot was taken and the old one released in one transaction.
 *
 * @param rescheduleCount how many times this booking has been moved, this time included (at most 2)
 */
public record BookingRescheduled(UUID bookingId, String bookingNumber, UUID fanId, BookingMeeting from,
		BookingMeeting to, int rescheduleCount, Instant rescheduledAt) {

	public static final String AGGREGATE = "booking";
}

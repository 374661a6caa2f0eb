package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * A fan took a slot and the booking waits for payment until {@code holdExpiresAt} (booking-service, topic
 * {@code starrymeet.booking.v1}, key = booking id, aggregate version = the booking's version).
 */
public record BookingRequested(UUID bookingId, String bookingNumber, UUID fanId, BookingMeeting meeting,
		BookingPrice price, Instant holdExpiresAt, Instant requestedAt) {

	public static final String AGGREGATE = "booking";
}

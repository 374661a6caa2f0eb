package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * A booking is paid and confirmed (booking-service, after PaymentSucceeded; topic {@code starrymeet.booking.v1}).
 *
 * @param paymentId payment-service's payment that paid it
 */
public record BookingConfirmed(UUID bookingId, String bookingNumber, UUID fanId, BookingMeeting meeting,
		BookingPrice price, UUID paymentId, String paymentIntentId, Instant confirmedAt) {

	public static final String AGGREGATE = "booking";
}

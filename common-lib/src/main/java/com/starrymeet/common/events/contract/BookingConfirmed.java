package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A booking is paid and confirmed (booking-service, after PaymentSucceeded; topic {@code starrymeet.booking.v1}).
 *
 * @param paymentId payment-service's payment that paid it
 * @param paymentIntentId Stripe's intent, {@code null} when credit paid the whole price
 */
public record BookingConfirmed(UUID bookingId, String bookingNumber, UUID fanId, BookingMeeting meeting,
		BookingPrice price, UUID paymentId, @Nullable String paymentIntentId, Instant confirmedAt) {

	public static final String AGGREGATE = "booking";
}

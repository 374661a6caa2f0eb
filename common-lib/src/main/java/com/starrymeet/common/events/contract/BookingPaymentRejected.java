package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * A payment succeeded for a booking that can no longer be confirmed (its hold expired and the slot was taken
 * since, or it was canceled): payment-service refunds that payment in full (booking-service, topic
 * {@code starrymeet.booking.v1}). Never a charged fan without a booking.
 *
 * @param reason a stable code, e.g. {@code SLOT_NO_LONGER_AVAILABLE}
 */
public record BookingPaymentRejected(UUID bookingId, String bookingNumber, UUID fanId, UUID paymentId,
		String paymentIntentId, String reason, Instant rejectedAt) {

	public static final String AGGREGATE = "booking";
}

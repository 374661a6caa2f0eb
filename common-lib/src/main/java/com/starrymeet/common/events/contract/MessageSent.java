package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * A message in a booking's chat (booking-service, topic {@code starrymeet.booking.v1}, key = booking id, so a
 * booking's messages stay in order). notification-service tells the recipient (in-app, live, and by e-mail when they
 * are not online).
 *
 * @param senderRole {@code FAN}, {@code CELEBRITY} or {@code ADMIN}
 * @param recipientId the other side's account: the fan, or the celebrity's account (null when admins manage it)
 */
public record MessageSent(UUID messageId, UUID bookingId, String bookingNumber, UUID senderId, String senderRole,
		@org.jspecify.annotations.Nullable UUID recipientId, String text, Instant sentAt) {

	public static final String AGGREGATE = "booking";
}

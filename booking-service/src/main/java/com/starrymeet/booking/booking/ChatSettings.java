package com.starrymeet.booking.booking;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The booking chat's settings ({@code starrymeet.booking.chat.*}).
 *
 * @param rateLimit at most this many messages per sender (all its bookings together) within {@code rateWindow};
 *     the next one is 429 {@code RATE_LIMITED} with {@code Retry-After}
 * @param rateWindow the sliding window the rate limit counts in
 * @param openAfterMeeting how long after the meeting's end the chat stays open for new messages
 */
@ConfigurationProperties("starrymeet.booking.chat")
public record ChatSettings(@DefaultValue("10") int rateLimit, @DefaultValue("PT1M") Duration rateWindow,
		@DefaultValue("P7D") Duration openAfterMeeting) {
}

package com.starrymeet.payment.payment.booking;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How create-intent reads booking-service ({@code starrymeet.payment.booking-*}).
 *
 * @param bookingUrl booking-service's base URL
 * @param bookingConnectTimeout connect timeout of one call
 * @param bookingReadTimeout read timeout of one call
 * @param bookingAttempts tries of one read before it fails
 * @param bookingRetryAfter the {@code Retry-After} of a 503 when booking-service cannot be read
 */
@ConfigurationProperties("starrymeet.payment")
public record BookingSettings(@DefaultValue("http://localhost:8083") String bookingUrl,
		@DefaultValue("PT1S") Duration bookingConnectTimeout, @DefaultValue("PT2S") Duration bookingReadTimeout,
		@DefaultValue("3") int bookingAttempts, @DefaultValue("PT10S") Duration bookingRetryAfter) {
}

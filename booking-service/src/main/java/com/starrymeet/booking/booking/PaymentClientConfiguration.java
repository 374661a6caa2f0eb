package com.starrymeet.booking.booking;

import feign.Request;
import feign.Retryer;
import feign.codec.ErrorDecoder;
import org.springframework.context.annotation.Bean;

/**
 * Feign settings of {@link PaymentClient} (not a component: its own Feign context): {@code starrymeet.booking.payment.*}
 * timeouts and tries ({@link FeignCalls}; the call is idempotent by booking id, so a retry opens no second intent).
 * The circuit breaker around the call is in {@link Payments}.
 */
class PaymentClientConfiguration {

	@Bean
	Request.Options paymentRequestOptions(BookingSettings settings) {
		return FeignCalls.options(settings.payment());
	}

	@Bean
	Retryer paymentRetryer(BookingSettings settings) {
		return FeignCalls.retryer(settings.payment());
	}

	@Bean
	ErrorDecoder paymentErrorDecoder() {
		return FeignCalls.errorDecoder();
	}
}

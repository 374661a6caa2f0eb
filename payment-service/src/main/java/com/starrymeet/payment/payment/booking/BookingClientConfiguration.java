package com.starrymeet.payment.payment.booking;

import java.util.concurrent.TimeUnit;

import feign.Request;
import feign.RetryableException;
import feign.Retryer;
import feign.codec.ErrorDecoder;
import org.springframework.context.annotation.Bean;

/**
 * The Feign settings of {@link BookingClient} (not a component: its own Feign context): connect and read timeouts
 * on every call; the call is a read, so a refused connection, a timeout, a 5xx or a 429 is tried again
 * ({@code booking-attempts} in all, backing off from 100 ms). The circuit breaker is in {@link Bookings}.
 */
class BookingClientConfiguration {

	@Bean
	Request.Options bookingRequestOptions(BookingSettings settings) {
		return new Request.Options(settings.bookingConnectTimeout().toMillis(), TimeUnit.MILLISECONDS,
				settings.bookingReadTimeout().toMillis(), TimeUnit.MILLISECONDS, false);
	}

	@Bean
	Retryer bookingRetryer(BookingSettings settings) {
		return new Retryer.Default(100, 500, Math.max(1, settings.bookingAttempts()));
	}

	@Bean
	ErrorDecoder bookingErrorDecoder() {
		var standard = new ErrorDecoder.Default();
		return (methodKey, response) -> {
			var error = standard.decode(methodKey, response);
			if ((response.status() >= 500 || response.status() == 429) && !(error instanceof RetryableException)) {
				return new RetryableException(response.status(), error.getMessage(), response.request().httpMethod(),
						error, (Long) null, response.request());
			}
			return error;
		};
	}
}

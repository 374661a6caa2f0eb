package com.starrymeet.booking.booking;

import feign.Request;
import feign.Retryer;
import feign.codec.ErrorDecoder;
import org.springframework.context.annotation.Bean;

/**
 * Feign settings of {@link CatalogClient} (not a component: its own Feign context): {@code starrymeet.booking.catalog.*}
 * timeouts and tries ({@link FeignCalls}). The circuit breaker around the call is in {@link Catalog}.
 */
class CatalogClientConfiguration {

	@Bean
	Request.Options catalogRequestOptions(BookingSettings settings) {
		return FeignCalls.options(settings.catalog());
	}

	@Bean
	Retryer catalogRetryer(BookingSettings settings) {
		return FeignCalls.retryer(settings.catalog());
	}

	@Bean
	ErrorDecoder catalogErrorDecoder() {
		return FeignCalls.errorDecoder();
	}
}

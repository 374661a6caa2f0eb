package com.starrymeet.search.indexing;

import java.util.concurrent.TimeUnit;

import feign.Request;
import feign.RetryableException;
import feign.Retryer;
import feign.codec.ErrorDecoder;
import org.springframework.context.annotation.Bean;

/**
 * The Feign settings of reconciliation's clients (not a component: applies to {@link CelebrityCatalogClient} and
 * {@link BookingAvailabilityClient}, each in its own Feign context): connect and read timeouts on every call; the
 * calls are reads, so a refused connection, a timeout, a 5xx or a 429 is tried again ({@code reconcile.attempts} in
 * all, backing off from 200 ms). The circuit breakers around the calls are in {@link FeignCatalogSource} and
 * {@link FeignAvailabilitySource}.
 */
class CatalogClientConfiguration {

	@Bean
	Request.Options catalogRequestOptions(IndexingSettings settings) {
		var reconcile = settings.reconcile();
		return new Request.Options(reconcile.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
				reconcile.readTimeout().toMillis(), TimeUnit.MILLISECONDS, false);
	}

	@Bean
	Retryer catalogRetryer(IndexingSettings settings) {
		return new Retryer.Default(200, 1_000, Math.max(1, settings.reconcile().attempts()));
	}

	@Bean
	ErrorDecoder catalogErrorDecoder() {
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

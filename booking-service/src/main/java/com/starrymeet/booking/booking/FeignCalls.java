package com.starrymeet.booking.booking;

import java.util.concurrent.TimeUnit;

import feign.Request;
import feign.RetryableException;
import feign.Retryer;
import feign.codec.ErrorDecoder;

/**
 * What the Feign settings of both downstreams share: timeouts on every try; a refused connection, a timeout, a
 * 5xx or a 429 is tried again (up to {@code attempts} tries, backing off from 100 ms) — both calls may be
 * repeated: one is a read, the other idempotent by booking id.
 */
final class FeignCalls {

	private FeignCalls() {
	}

	static Request.Options options(BookingSettings.Call call) {
		return new Request.Options(call.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
				call.readTimeout().toMillis(), TimeUnit.MILLISECONDS, false);
	}

	static Retryer retryer(BookingSettings.Call call) {
		return new Retryer.Default(100, 1_000, Math.max(1, call.attempts()));
	}

	static ErrorDecoder errorDecoder() {
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

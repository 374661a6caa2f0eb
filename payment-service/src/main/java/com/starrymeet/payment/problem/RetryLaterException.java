package com.starrymeet.payment.problem;

import java.time.Duration;

import com.starrymeet.common.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * A 503 that tells the client, in {@code Retry-After}, when to try again: a service we depend on (booking-service,
 * Stripe) cannot be reached right now. Nothing was changed by the request.
 */
public class RetryLaterException extends ApiException {

	private final long retryAfterSeconds;

	public RetryLaterException(String code, String detail, Duration retryAfter) {
		super(HttpStatus.SERVICE_UNAVAILABLE, code, detail);
		this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
	}

	public long retryAfterSeconds() {
		return retryAfterSeconds;
	}
}

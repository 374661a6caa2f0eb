package com.starrymeet.user.problem;

import com.starrymeet.common.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * A 429 that tells the client, in {@code Retry-After}, how many seconds to wait.
 */
public class RetryLaterException extends ApiException {

	private final long retryAfterSeconds;

	public RetryLaterException(String code, String detail, long retryAfterSeconds) {
		super(HttpStatus.TOO_MANY_REQUESTS, code, detail);
		this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
	}

	public long retryAfterSeconds() {
		return retryAfterSeconds;
	}
}

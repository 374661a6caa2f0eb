package com.starrymeet.booking.booking;

import com.starrymeet.common.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * 503 {@code CATALOG_UNAVAILABLE}: the price in force could not be read (celebrity-service down, slow, or its
 * circuit open), so nothing was taken. {@code Retry-After} tells the client when to try again.
 */
public class CatalogUnavailableException extends ApiException {

	private final long retryAfterSeconds;

	public CatalogUnavailableException(String detail, long retryAfterSeconds) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "CATALOG_UNAVAILABLE", detail);
		this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
	}

	public long retryAfterSeconds() {
		return retryAfterSeconds;
	}
}

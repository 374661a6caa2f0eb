package com.starrymeet.gateway.limits;

/** A request body is larger than {@code starrymeet.gateway.max-request-bytes}. */
public class PayloadTooLargeException extends RuntimeException {

	private final long limit;

	public PayloadTooLargeException(long limit) {
		super("Request body exceeds " + limit + " bytes", null, false, false);
		this.limit = limit;
	}

	public long getLimit() {
		return limit;
	}

}

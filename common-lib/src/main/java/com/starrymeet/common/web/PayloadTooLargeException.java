package com.starrymeet.common.web;

import java.io.IOException;

/**
 * Thrown while reading a request body that grows past the configured limit. An {@link IOException}, so body
 * readers pass it up as an I/O failure; the error handler recognises it and answers 413.
 */
public class PayloadTooLargeException extends IOException {

	public PayloadTooLargeException(long limit) {
		super("Request body exceeds " + limit + " bytes");
	}

	static boolean isCause(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof PayloadTooLargeException) {
				return true;
			}
		}
		return false;
	}
}

package com.starrymeet.search.indexing;

/** The calendars could not be read (booking-service down, slow or answering errors, or its circuit open). */
public class AvailabilityUnavailableException extends RuntimeException {

	public AvailabilityUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}
}

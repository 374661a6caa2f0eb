package com.starrymeet.common.events;

/**
 * A record that is not an event envelope. Retrying cannot fix it, so it goes straight to the dead-letter topic.
 */
public class MalformedEventException extends RuntimeException {

	public MalformedEventException(String message, Throwable cause) {
		super(message, cause);
	}
}

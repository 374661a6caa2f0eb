package com.starrymeet.fleet;

import org.jspecify.annotations.Nullable;

/** The fleet could not start (the message says what and where to look) or was stopped while starting. */
public class FleetException extends RuntimeException {

	public FleetException(@Nullable String message) {
		super(message);
	}

	public FleetException(@Nullable String message, @Nullable Throwable cause) {
		super(message, cause);
	}
}

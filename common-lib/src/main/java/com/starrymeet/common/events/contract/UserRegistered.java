package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A new account (user-service, topic {@code starrymeet.user.v1}, key = user id). */
public record UserRegistered(UUID userId, String email, @Nullable String firstName, @Nullable String lastName, String role,
		Instant registeredAt) {

	public static final String AGGREGATE = "user";
}

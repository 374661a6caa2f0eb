package com.starrymeet.common.events.contract;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An account's contact details changed (user-service, topic {@code starrymeet.user.v1}). */
public record UserUpdated(UUID userId, String email, @Nullable String firstName, @Nullable String lastName, @Nullable String phone,
		@Nullable String avatarUrl) {

	public static final String AGGREGATE = "user";
}

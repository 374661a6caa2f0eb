package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

/** An admin suspended an account (user-service, topic {@code starrymeet.user.v1}). */
public record UserSuspended(UUID userId, String reason, Instant suspendedAt) {

	public static final String AGGREGATE = "user";
}

package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

/** An account's role changed (user-service, topic {@code starrymeet.user.v1}). */
public record UserRoleChanged(UUID userId, String role, Instant changedAt) {

	public static final String AGGREGATE = "user";
}

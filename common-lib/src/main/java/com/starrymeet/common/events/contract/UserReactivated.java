package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

/** An admin reactivated an account (user-service, topic {@code starrymeet.user.v1}). */
public record UserReactivated(UUID userId, Instant reactivatedAt) {

	public static final String AGGREGATE = "user";
}

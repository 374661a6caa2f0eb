package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

/** The account was erased: every service erases or anonymizes its copy. Carries the id only. */
public record UserDeleted(UUID userId, Instant deletedAt) {

	public static final String AGGREGATE = "user";
}

package com.starrymeet.user.account;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An account as the API shows it (never its password hash).
 */
public record User(UUID id, String email, String firstName, String lastName, @Nullable String phone,
		@Nullable String avatarUrl, String role, String status, boolean emailVerified, Instant createdAt,
		Instant updatedAt) {
}

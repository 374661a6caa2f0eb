package com.starrymeet.user.account;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An account as the API shows it (never its password hash or 2FA secret). Names are null only once the account
 * is erased (status DELETED).
 */
public record User(UUID id, String email, @Nullable String firstName, @Nullable String lastName, @Nullable String phone,
		@Nullable String avatarUrl, String role, String status, boolean emailVerified, Instant createdAt,
		Instant updatedAt) {
}

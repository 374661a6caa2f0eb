package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Asks notification-service to e-mail the password reset link; like {@link EmailVerificationRequested}, the
 * token travels only sealed, with the associated data {@code "password-reset:" + userId}. Only its SHA-256 is
 * stored; single use, valid until {@code expiresAt} (1 hour).
 */
public record PasswordResetRequested(UUID userId, String email, @Nullable String firstName, String sealedToken,
		Instant expiresAt) {

	/** The purpose in the sealed token's associated data: {@code password-reset:<userId>}. */
	public static final String PURPOSE = "password-reset";

	public static final String AGGREGATE = "user";
}

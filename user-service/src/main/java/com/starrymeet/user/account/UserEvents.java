package com.starrymeet.user.account;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The payloads user-service publishes on {@code starrymeet.user.v1}. No password or hash ever; see
 * {@link EmailVerificationRequested} for the one token that travels.
 */
public final class UserEvents {

	private UserEvents() {
	}

	public record UserRegistered(UUID userId, String email, @Nullable String firstName, @Nullable String lastName, String role,
			Instant registeredAt) {
	}

	/**
	 * The one exception to "no token in clear in an event": notification-service must email this link, so the
	 * verification token travels here in clear. Only its SHA-256 is stored; it is single use and lives 24 hours.
	 */
	public record EmailVerificationRequested(UUID userId, String email, @Nullable String firstName, String verificationToken,
			Instant expiresAt) {
	}

	public record UserUpdated(UUID userId, String email, @Nullable String firstName, @Nullable String lastName, @Nullable String phone,
			@Nullable String avatarUrl) {
	}

	/**
	 * Like {@link EmailVerificationRequested}, carries its token in clear on purpose: notification-service must
	 * email the reset link. Only the SHA-256 is stored; single use, 1 hour.
	 */
	public record PasswordResetRequested(UUID userId, String email, @Nullable String firstName, String resetToken,
			Instant expiresAt) {
	}

	/** The account was erased: every service erases or anonymizes its copy. Carries the id only. */
	public record UserDeleted(UUID userId, Instant deletedAt) {
	}

	public record UserSuspended(UUID userId, String reason, Instant suspendedAt) {
	}

	public record UserReactivated(UUID userId, Instant reactivatedAt) {
	}

	public record UserRoleChanged(UUID userId, String role, Instant changedAt) {
	}
}

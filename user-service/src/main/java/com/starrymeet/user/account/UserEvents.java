package com.starrymeet.user.account;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The payloads user-service publishes on {@code starrymeet.user.v1}. No password, hash or token in clear ever: the
 * e-mailed tokens travel sealed for notification-service ({@link EmailVerificationRequested},
 * {@link PasswordResetRequested}).
 */
public final class UserEvents {

	private UserEvents() {
	}

	public record UserRegistered(UUID userId, String email, @Nullable String firstName, @Nullable String lastName, String role,
			Instant registeredAt) {
	}

	/**
	 * Asks notification-service to e-mail the verification link. The token is never in clear here: {@code sealedToken}
	 * is a {@code SealedBox} text (common-lib) sealed for notification-service's link-sealing key with the associated
	 * data {@code "email-verification:" + userId}. Only its SHA-256 is stored; single use, valid until
	 * {@code expiresAt} (24 hours).
	 */
	public record EmailVerificationRequested(UUID userId, String email, @Nullable String firstName, String sealedToken,
			Instant expiresAt) {

		/** The purpose in the sealed token's associated data: {@code email-verification:<userId>}. */
		public static final String PURPOSE = "email-verification";
	}

	public record UserUpdated(UUID userId, String email, @Nullable String firstName, @Nullable String lastName, @Nullable String phone,
			@Nullable String avatarUrl) {
	}

	/**
	 * Asks notification-service to e-mail the password reset link; like {@link EmailVerificationRequested}, the
	 * token travels only sealed, with the associated data {@code "password-reset:" + userId}. Only its SHA-256 is
	 * stored; single use, valid until {@code expiresAt} (1 hour).
	 */
	public record PasswordResetRequested(UUID userId, String email, @Nullable String firstName, String sealedToken,
			Instant expiresAt) {

		/** The purpose in the sealed token's associated data: {@code password-reset:<userId>}. */
		public static final String PURPOSE = "password-reset";
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

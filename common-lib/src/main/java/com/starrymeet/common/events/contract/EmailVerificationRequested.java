package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

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

	public static final String AGGREGATE = "user";
}

package com.starrymeet.common.security;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The Redis keys that revoke access tokens before their {@code exp}, written by user-service and read by whoever
 * accepts its tokens: {@code denied:jti:<jti>} (the token was logged out) and {@code auth:not-before:<userId>} (epoch
 * seconds; a token issued earlier was cut off by a suspension, password reset or deletion). The gateway (WebFlux, no
 * common-lib) reads the same keys in its own {@code TokenRevocations}.
 */
public final class RevokedTokens {

	public static final String DENIED_PREFIX = "denied:jti:";

	public static final String NOT_BEFORE_PREFIX = "auth:not-before:";

	private RevokedTokens() {
	}

	/** The two keys to read (one {@code MGET}) for a token, in the order {@link #revoked} expects their values. */
	public static List<String> keys(String jti, UUID userId) {
		return List.of(DENIED_PREFIX + jti, NOT_BEFORE_PREFIX + userId);
	}

	/**
	 * Whether a token is revoked, from the values of its {@link #keys}: deny-listed, or issued before its user's
	 * not-before. A not-before that is not a number revokes every token of the user (fail closed).
	 */
	public static boolean revoked(@Nullable String denied, @Nullable String notBefore, @Nullable Instant issuedAt) {
		if (denied != null) {
			return true;
		}
		if (notBefore == null) {
			return false;
		}
		try {
			return issuedAt == null || issuedAt.getEpochSecond() < Long.parseLong(notBefore.trim());
		}
		catch (NumberFormatException ex) {
			return true;
		}
	}
}

package com.starrymeet.user.account;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.web.ValidationFailed;
import com.starrymeet.user.problem.RetryLaterException;
import com.starrymeet.user.token.Secrets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * bcrypt (cost 12) and the password rules the request shape cannot check.
 */
@Component
class Passwords {

	/** bcrypt cannot hash more than 72 bytes. */
	static final int MAX_PASSWORD_BYTES = 72;

	private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(12);

	private final Users users;

	private final LoginAttempts attempts;

	Passwords(Users users, LoginAttempts attempts) {
		this.users = users;
		this.attempts = attempts;
	}

	/** Compared against when there is no usable hash, so every failure costs one bcrypt check. */
	private final String dummyHash = encoder.encode(Secrets.newToken());

	String encode(String password) {
		return encoder.encode(password);
	}

	/** Whether the password matches; a missing or unusable hash still costs one bcrypt check. */
	boolean matches(String password, @org.jspecify.annotations.Nullable String hash) {
		boolean usable = hash != null && hash.startsWith("$2");
		boolean matches = encoder.matches(password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES
				? password : "", usable ? hash : dummyHash);
		return usable && matches && password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
	}

	/**
	 * Re-checks the password of a signed-in user before a sensitive change (2FA off, erasure). Honours and feeds
	 * the lockout of the account's email like a login; call it outside a transaction so a failure stays counted.
	 */
	void confirm(UUID userId, String email, String password) {
		var locked = attempts.lockedUntil(email);
		if (locked.isPresent()) {
			throw new RetryLaterException("ACCOUNT_LOCKED", "Too many failed attempts for this account: try again later",
					Math.max(1, Duration.between(Instant.now(), locked.get()).toSeconds()));
		}
		if (!matches(password, users.passwordHash(userId).orElse(null))) {
			failed(email);
			throw AccountProblems.invalidCredentials();
		}
	}

	void failed(String email) {
		attempts.failed(email);
	}

	/** The rules that need more than the request: at most 72 bytes, not the account's email. */
	static void check(String field, String password, String normalizedEmail) {
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			throw ValidationFailed.of(field, "must not be longer than 72 bytes");
		}
		if (password.trim().equalsIgnoreCase(normalizedEmail)) {
			throw ValidationFailed.of(field, "must not be the email");
		}
	}
}

package com.starrymeet.user.account;

import java.time.Duration;
import java.time.Instant;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.user.problem.RetryLaterException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The credential check of a login: password, then the second factor when 2FA is on, with the lockout of the email.
 */
@Service
public class Login {

	private final Users users;

	private final Passwords passwords;

	private final LoginAttempts attempts;

	private final TwoFactor twoFactor;

	Login(Users users, Passwords passwords, LoginAttempts attempts, TwoFactor twoFactor) {
		this.users = users;
		this.passwords = passwords;
		this.attempts = attempts;
		this.twoFactor = twoFactor;
	}

	/**
	 * Checks an email and password (and the second factor when 2FA is on). Unknown email and wrong password fail
	 * alike (401 INVALID_CREDENTIALS, one bcrypt check each); with 2FA on, a missing code is 401 TOTP_REQUIRED and
	 * a wrong one INVALID_CREDENTIALS. {@value LoginAttempts#MAX_FAILURES} consecutive failures lock the email (429
	 * ACCOUNT_LOCKED with Retry-After). Runs without a transaction so that failures count.
	 */
	public User authenticate(String rawEmail, String password, @Nullable String secondFactor) {
		var email = Users.normalize(rawEmail);
		var locked = attempts.lockedUntil(email);
		if (locked.isPresent()) {
			throw new RetryLaterException("ACCOUNT_LOCKED", "Too many failed logins for this email: try again later",
					(long) Math.ceil(Duration.between(Instant.now(), locked.get()).toMillis() / 1000.0));
		}
		var credentials = users.credentials(email);
		boolean matches = passwords.matches(password, credentials.map(Users.Credentials::passwordHash).orElse(null));
		if (credentials.isEmpty() || !matches) {
			attempts.failed(email);
			throw AccountProblems.invalidCredentials();
		}
		var user = credentials.get().user();
		if (twoFactor.enabled(user.id())) {
			if (secondFactor == null || secondFactor.isBlank()) {
				throw new ApiException(HttpStatus.UNAUTHORIZED, "TOTP_REQUIRED",
						"This account has two-factor authentication: send totpCode (or a recovery code)");
			}
			if (!twoFactor.verify(user.id(), secondFactor)) {
				attempts.failed(email);
				throw AccountProblems.invalidCredentials();
			}
		}
		attempts.succeeded(email);
		if (!"ACTIVE".equals(user.status())) {
			throw AccountProblems.suspended();
		}
		return user;
	}
}

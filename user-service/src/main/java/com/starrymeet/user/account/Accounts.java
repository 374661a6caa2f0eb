package com.starrymeet.user.account;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.user.account.UserEvents.EmailVerificationRequested;
import com.starrymeet.user.account.UserEvents.PasswordResetRequested;
import com.starrymeet.user.account.UserEvents.UserDeleted;
import com.starrymeet.user.account.UserEvents.UserRegistered;
import com.starrymeet.user.account.UserEvents.UserUpdated;
import com.starrymeet.user.problem.RetryLaterException;
import com.starrymeet.user.token.NotBefore;
import com.starrymeet.user.token.RefreshTokens;
import com.starrymeet.user.token.Secrets;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Account use cases: registration and email verification, credential checks with lockout and 2FA, password
 * reset, the user's own profile, erasure and export. Events go out through the outbox, in the use case's
 * transaction.
 */
@Service
public class Accounts {

	public static final Duration VERIFICATION_LIFETIME = Duration.ofHours(24);

	public static final Duration RESET_LIFETIME = Duration.ofHours(1);

	private final Users users;

	private final LoginAttempts attempts;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Passwords passwords;

	private final TwoFactor twoFactor;

	private final RefreshTokens refreshTokens;

	private final NotBefore notBefore;

	private final TransactionTemplate transactions;

	Accounts(Users users, LoginAttempts attempts, JdbcClient jdbc, ApplicationEventPublisher events,
			Passwords passwords, TwoFactor twoFactor, RefreshTokens refreshTokens, NotBefore notBefore,
			TransactionTemplate transactions) {
		this.users = users;
		this.attempts = attempts;
		this.jdbc = jdbc;
		this.events = events;
		this.passwords = passwords;
		this.twoFactor = twoFactor;
		this.refreshTokens = refreshTokens;
		this.notBefore = notBefore;
		this.transactions = transactions;
	}

	public static String normalize(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

	/** What registration asks for; the fields are already validated for shape. */
	public record Registration(String email, String password, String firstName, String lastName,
			@Nullable String phone) {
	}

	/**
	 * Creates the account, its email verification token and the UserRegistered and EmailVerificationRequested
	 * events. Must run in the caller's transaction.
	 */
	@Transactional
	public User register(Registration registration) {
		var email = normalize(registration.email());
		Passwords.check("password", registration.password(), email);
		var id = UUID.randomUUID();
		var inserted = users.insert(id, email, passwords.encode(registration.password()), registration.firstName(),
				registration.lastName(), registration.phone());
		if (!inserted) {
			throw ApiException.conflict("EMAIL_TAKEN", "An account already exists for this email");
		}
		var user = users.find(id).orElseThrow();
		events.publishEvent(EventEnvelope.of("user", id, 1,
				new UserRegistered(id, email, user.firstName(), user.lastName(), user.role(), user.createdAt())));
		requestVerification(user);
		return user;
	}

	/** A new 24-hour verification token (stored as SHA-256) and the event that emails it. In a transaction. */
	private void requestVerification(User user) {
		var verificationToken = Secrets.newToken();
		var expiresAt = Instant.now().plus(VERIFICATION_LIFETIME);
		jdbc.sql("INSERT INTO email_verification_token (token_hash, user_id, expires_at) VALUES (:hash, :user, :expires)")
			.param("hash", Secrets.sha256(verificationToken))
			.param("user", user.id())
			.param("expires", Timestamp.from(expiresAt))
			.update();
		// the user's current version, so consumers ordering by aggregateVersion do not drop it as stale
		events.publishEvent(EventEnvelope.of("user", user.id(), users.version(user.id()),
				new EmailVerificationRequested(user.id(), user.email(), user.firstName(), verificationToken, expiresAt)));
	}

	/** Uses a verification token once (one conditional UPDATE) and marks the email verified. */
	public User verifyEmail(String token) {
		var id = required(transactions.execute(status -> {
			var userId = jdbc.sql("""
					UPDATE email_verification_token SET used_at = now()
					WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now() RETURNING user_id""")
				.param("hash", Secrets.sha256(token))
				.query(UUID.class)
				.optional()
				.orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, "INVALID_VERIFICATION_TOKEN",
						"The verification link is invalid, expired or already used"));
			users.markEmailVerified(userId);
			return userId;
		}));
		return me(id);
	}

	/**
	 * Sends a new verification link when the email belongs to a live, unverified account; the earlier links stop
	 * working. Says nothing either way (no account enumeration).
	 */
	public void resendVerification(String rawEmail) {
		users.credentials(normalize(rawEmail))
			.map(Users.Credentials::user)
			.filter(user -> !user.emailVerified() && "ACTIVE".equals(user.status()))
			.ifPresent(user -> transactions.executeWithoutResult(status -> {
				jdbc.sql("DELETE FROM email_verification_token WHERE user_id = :user AND used_at IS NULL")
					.param("user", user.id())
					.update();
				requestVerification(user);
			}));
	}

	/**
	 * Sends a single-use, 1-hour reset link (token stored as SHA-256; earlier unused links stop working) when
	 * the email belongs to an account. Says nothing either way.
	 */
	public void forgotPassword(String rawEmail) {
		users.credentials(normalize(rawEmail))
			.map(Users.Credentials::user)
			.filter(user -> !"DELETED".equals(user.status()))
			.ifPresent(user -> transactions.executeWithoutResult(status -> {
				jdbc.sql("DELETE FROM password_reset_token WHERE user_id = :user AND used_at IS NULL")
					.param("user", user.id())
					.update();
				var resetToken = Secrets.newToken();
				var expiresAt = Instant.now().plus(RESET_LIFETIME);
				jdbc.sql("INSERT INTO password_reset_token (token_hash, user_id, expires_at) VALUES (:hash, :user, :expires)")
					.param("hash", Secrets.sha256(resetToken))
					.param("user", user.id())
					.param("expires", Timestamp.from(expiresAt))
					.update();
				events.publishEvent(EventEnvelope.of("user", user.id(), users.version(user.id()),
						new PasswordResetRequested(user.id(), user.email(), user.firstName(), resetToken, expiresAt)));
			}));
	}

	/**
	 * Uses a reset token once and sets the new password; every session of the user ends (all refresh families
	 * revoked, {@code auth:not-before} written for live access tokens) and the email's lockout is lifted.
	 */
	public void resetPassword(String token, String newPassword) {
		var id = required(transactions.execute(status -> {
			var userId = jdbc.sql("""
					UPDATE password_reset_token SET used_at = now()
					WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now() RETURNING user_id""")
				.param("hash", Secrets.sha256(token))
				.query(UUID.class)
				.optional()
				.orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, "INVALID_RESET_TOKEN",
						"The reset link is invalid, expired or already used"));
			var user = me(userId);
			Passwords.check("newPassword", newPassword, user.email());
			users.setPassword(userId, passwords.encode(newPassword));
			jdbc.sql("DELETE FROM password_reset_token WHERE user_id = :user AND used_at IS NULL")
				.param("user", userId)
				.update();
			refreshTokens.revokeAllOf(userId);
			attempts.succeeded(user.email());
			return userId;
		}));
		notBefore.cutOff(id);
	}

	/**
	 * Checks an email and password (and the second factor when 2FA is on). Unknown email and wrong password fail
	 * alike (401 INVALID_CREDENTIALS, one bcrypt check each); with 2FA on, a missing code is 401 TOTP_REQUIRED and
	 * a wrong one INVALID_CREDENTIALS. {@value LoginAttempts#MAX_FAILURES} consecutive failures lock the email (429
	 * ACCOUNT_LOCKED with Retry-After). Runs without a transaction so that failures count.
	 */
	public User authenticate(String rawEmail, String password, @Nullable String secondFactor) {
		var email = normalize(rawEmail);
		var locked = attempts.lockedUntil(email);
		if (locked.isPresent()) {
			throw new RetryLaterException("ACCOUNT_LOCKED", "Too many failed logins for this email: try again later",
					secondsUntil(locked.get()));
		}
		var credentials = users.credentials(email);
		boolean matches = passwords.matches(password, credentials.map(Users.Credentials::passwordHash).orElse(null));
		if (credentials.isEmpty() || !matches) {
			attempts.failed(email);
			throw invalidCredentials();
		}
		var user = credentials.get().user();
		if (twoFactor.enabled(user.id())) {
			if (secondFactor == null || secondFactor.isBlank()) {
				throw new ApiException(HttpStatus.UNAUTHORIZED, "TOTP_REQUIRED",
						"This account has two-factor authentication: send totpCode (or a recovery code)");
			}
			if (!twoFactor.verify(user.id(), secondFactor)) {
				attempts.failed(email);
				throw invalidCredentials();
			}
		}
		attempts.succeeded(email);
		if (!"ACTIVE".equals(user.status())) {
			throw suspended();
		}
		return user;
	}

	public static ApiException invalidCredentials() {
		return new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS", "The email or password is incorrect");
	}

	private static ApiException suspended() {
		return new ApiException(HttpStatus.FORBIDDEN, "ACCOUNT_SUSPENDED", "This account is suspended");
	}

	private static long secondsUntil(Instant until) {
		return (long) Math.ceil(Duration.between(Instant.now(), until).toMillis() / 1000.0);
	}

	/** The account behind a token's subject (404 if there is none). */
	public User me(UUID id) {
		return users.find(id).orElseThrow(() -> ApiException.notFound("The user"));
	}

	/**
	 * Refuses the tokens of an account that is suspended (403 ACCOUNT_SUSPENDED) or erased (401 UNAUTHORIZED),
	 * whatever the token says: defence in depth behind the gateway's {@code auth:not-before}. Unknown subjects
	 * pass (the endpoints answer 404 for them).
	 */
	public void requireActive(UUID id) {
		var status = users.status(id);
		if (status.isEmpty() || "ACTIVE".equals(status.get())) {
			return;
		}
		if ("SUSPENDED".equals(status.get())) {
			throw suspended();
		}
		throw new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "This account no longer exists");
	}

	/** A profile change: null leaves a field as it is; an empty phone or avatar URL clears it. */
	public record ProfileChange(@Nullable String firstName, @Nullable String lastName, @Nullable String phone,
			@Nullable String avatarUrl) {
	}

	@Transactional
	public User updateProfile(UUID id, ProfileChange change) {
		var current = me(id);
		var firstName = change.firstName() != null ? change.firstName() : current.firstName();
		var lastName = change.lastName() != null ? change.lastName() : current.lastName();
		var phone = change.phone() == null ? current.phone() : blankToNull(change.phone());
		var avatarUrl = change.avatarUrl() == null ? current.avatarUrl() : blankToNull(change.avatarUrl());
		var version = users.updateProfile(id, firstName, lastName, phone, avatarUrl);
		events.publishEvent(EventEnvelope.of("user", id, version,
				new UserUpdated(id, current.email(), firstName, lastName, phone, avatarUrl)));
		return me(id);
	}

	/**
	 * Erases the account after re-checking the password: personal data anonymized in place (the row keeps its id),
	 * tokens and codes deleted, every session revoked, live access tokens cut off, UserDeleted (id only) published.
	 */
	public void delete(UUID id, String password) {
		var user = me(id);
		passwords.confirm(id, user.email(), password); // outside the transaction: a failure stays counted
		transactions.executeWithoutResult(status -> {
			var version = users.anonymize(id);
			for (var table : List.of("recovery_code", "email_verification_token", "password_reset_token", "favorite")) {
				jdbc.sql("DELETE FROM " + table + " WHERE user_id = :user").param("user", id).update();
			}
			attempts.succeeded(user.email()); // the lockout row is keyed by the (old) email
			refreshTokens.revokeAllOf(id);
			events.publishEvent(EventEnvelope.of("user", id, version, new UserDeleted(id, Instant.now())));
		});
		notBefore.cutOff(id);
	}

	/** Everything this service holds about a user, minus secrets: no hash, 2FA secret or token. */
	public record Export(Instant exportedAt, User profile, String role, String status, boolean twoFactorEnabled,
			long unusedRecoveryCodes, List<RefreshTokens.SessionInfo> activeSessions,
			@Nullable LoginActivity loginActivity, List<SavedFavorite> favorites) {
	}

	/** A saved favorite celebrity, newest first. */
	public record SavedFavorite(UUID celebrityId, Instant addedAt) {
	}

	/** The login-failure record of the account's email, if any. */
	public record LoginActivity(int consecutiveFailures, @Nullable Instant lockedUntil, Instant lastFailureAt) {
	}

	public Export export(UUID id) {
		var user = me(id);
		var activity = jdbc.sql("SELECT failures, locked_until, updated_at FROM login_attempt WHERE email = :email")
			.param("email", user.email())
			.query((rs, n) -> new LoginActivity(rs.getInt(1),
					rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()))
			.optional()
			.orElse(null);
		long recovery = jdbc.sql("SELECT count(*) FROM recovery_code WHERE user_id = :user AND used_at IS NULL")
			.param("user", id)
			.query(Long.class)
			.single();
		return new Export(Instant.now(), user, user.role(), user.status(), twoFactor.enabled(id), recovery,
				refreshTokens.activeSessions(id), activity,
				jdbc.sql("SELECT celebrity_id, created_at FROM favorite WHERE user_id = :user ORDER BY created_at DESC")
					.param("user", id)
					.query((rs, n) -> new SavedFavorite(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()))
					.list());
	}

	/**
	 * Creates an ADMIN account with a verified email unless the email is taken (whatever its role: an existing
	 * account is never promoted). Returns the account when it was created now.
	 */
	public Optional<User> seedAdmin(String rawEmail, String password) {
		var email = normalize(rawEmail);
		if (users.credentials(email).isPresent()) {
			return Optional.empty();
		}
		Passwords.check("password", password, email);
		return Optional.ofNullable(transactions.execute(status -> {
			var id = UUID.randomUUID();
			if (!users.insertAdmin(id, email, passwords.encode(password), "Local", "Admin")) {
				return null;
			}
			var user = users.find(id).orElseThrow();
			events.publishEvent(EventEnvelope.of("user", id, 1,
					new UserRegistered(id, email, user.firstName(), user.lastName(), user.role(), user.createdAt())));
			return user;
		}));
	}

	private static @Nullable String blankToNull(String value) {
		return value.isBlank() ? null : value;
	}

	private static <T> T required(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("transaction returned nothing");
		}
		return value;
	}
}

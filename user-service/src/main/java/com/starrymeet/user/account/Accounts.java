package com.starrymeet.user.account;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.user.account.UserEvents.EmailVerificationRequested;
import com.starrymeet.user.account.UserEvents.UserRegistered;
import com.starrymeet.user.account.UserEvents.UserUpdated;
import com.starrymeet.user.problem.InvalidFieldsException;
import com.starrymeet.user.problem.RetryLaterException;
import com.starrymeet.user.token.Secrets;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Account use cases: registration (with its verification token), credential checks with lockout, and the
 * user's own profile. Events go out through the outbox, in the caller's transaction.
 */
@Service
public class Accounts {

	public static final Duration VERIFICATION_LIFETIME = Duration.ofHours(24);

	/** bcrypt cannot hash more than 72 bytes. */
	static final int MAX_PASSWORD_BYTES = 72;

	private final Users users;

	private final LoginAttempts attempts;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder(12);

	/** Compared against when the email is unknown, so both failures cost one bcrypt check. */
	private final String dummyHash = passwords.encode(Secrets.newToken());

	Accounts(Users users, LoginAttempts attempts, JdbcClient jdbc, ApplicationEventPublisher events) {
		this.users = users;
		this.attempts = attempts;
		this.jdbc = jdbc;
		this.events = events;
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
		if (registration.password().getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			throw InvalidFieldsException.of("password", "must not be longer than 72 bytes");
		}
		if (registration.password().trim().equalsIgnoreCase(email)) {
			throw InvalidFieldsException.of("password", "must not be the email");
		}
		var id = UUID.randomUUID();
		var inserted = users.insert(id, email, passwords.encode(registration.password()), registration.firstName(),
				registration.lastName(), registration.phone());
		if (!inserted) {
			throw ApiException.conflict("EMAIL_TAKEN", "An account already exists for this email");
		}
		var user = users.find(id).orElseThrow();
		var verificationToken = Secrets.newToken();
		var expiresAt = Instant.now().plus(VERIFICATION_LIFETIME);
		jdbc.sql("INSERT INTO email_verification_token (token_hash, user_id, expires_at) VALUES (:hash, :user, :expires)")
			.param("hash", Secrets.sha256(verificationToken))
			.param("user", id)
			.param("expires", Timestamp.from(expiresAt))
			.update();
		events.publishEvent(EventEnvelope.of("user", id, 1,
				new UserRegistered(id, email, user.firstName(), user.lastName(), user.role(), user.createdAt())));
		events.publishEvent(EventEnvelope.of("user", id, 1,
				new EmailVerificationRequested(id, email, user.firstName(), verificationToken, expiresAt)));
		return user;
	}

	/**
	 * Checks an email and password. Unknown email and wrong password fail alike (401 INVALID_CREDENTIALS, one
	 * bcrypt check each); {@value LoginAttempts#MAX_FAILURES} consecutive failures lock the email (429
	 * ACCOUNT_LOCKED with Retry-After). Runs without a transaction so that failures count.
	 */
	public User authenticate(String rawEmail, String password) {
		var email = normalize(rawEmail);
		var locked = attempts.lockedUntil(email);
		if (locked.isPresent()) {
			throw new RetryLaterException("ACCOUNT_LOCKED", "Too many failed logins for this email: try again later",
					secondsUntil(locked.get()));
		}
		var credentials = users.credentials(email);
		var hash = credentials.map(Users.Credentials::passwordHash).orElse(dummyHash);
		boolean matches = password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES
				&& passwords.matches(password, hash);
		if (credentials.isEmpty() || !matches) {
			attempts.failed(email);
			throw invalidCredentials();
		}
		attempts.succeeded(email);
		var user = credentials.get().user();
		if (!"ACTIVE".equals(user.status())) {
			throw new ApiException(HttpStatus.FORBIDDEN, "ACCOUNT_SUSPENDED", "This account is suspended");
		}
		return user;
	}

	public static ApiException invalidCredentials() {
		return new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS", "The email or password is incorrect");
	}

	private static long secondsUntil(Instant until) {
		return (long) Math.ceil(Duration.between(Instant.now(), until).toMillis() / 1000.0);
	}

	/** The live account behind a token's subject (404 if it is gone). */
	public User me(UUID id) {
		return users.find(id).orElseThrow(() -> ApiException.notFound("The user"));
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

	private static @Nullable String blankToNull(String value) {
		return value.isBlank() ? null : value;
	}
}

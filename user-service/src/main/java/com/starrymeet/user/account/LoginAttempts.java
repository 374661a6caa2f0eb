package com.starrymeet.user.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Consecutive login failures per normalized email, whether an account exists for it or not:
 * {@value #MAX_FAILURES} lock the email for {@link #LOCK}. Counting is one atomic upsert.
 */
@Repository
public class LoginAttempts {

	public static final int MAX_FAILURES = 5;

	public static final Duration LOCK = Duration.ofMinutes(15);

	private final JdbcClient jdbc;

	LoginAttempts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** When the email is locked, until when. */
	public Optional<Instant> lockedUntil(String email) {
		return jdbc.sql("SELECT locked_until FROM login_attempt WHERE email = :email AND locked_until > now()")
			.param("email", email)
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.optional();
	}

	/** Counts a failure; the {@value #MAX_FAILURES}th locks the email (and starts a new count). */
	public void failed(String email) {
		jdbc.sql("""
				INSERT INTO login_attempt AS a (email, failures) VALUES (:email, 1)
				ON CONFLICT (email) DO UPDATE SET
				  failures = CASE WHEN a.locked_until IS NOT NULL AND a.locked_until <= now() THEN 1 ELSE a.failures + 1 END,
				  locked_until = CASE WHEN a.locked_until IS NOT NULL AND a.locked_until <= now() THEN NULL ELSE a.locked_until END,
				  updated_at = now()""")
			.param("email", email)
			.update();
		jdbc.sql("""
				UPDATE login_attempt SET locked_until = now() + make_interval(secs => :seconds), failures = 0
				WHERE email = :email AND failures >= :max""")
			.param("email", email)
			.param("seconds", LOCK.toSeconds())
			.param("max", MAX_FAILURES)
			.update();
	}

	public void succeeded(String email) {
		jdbc.sql("DELETE FROM login_attempt WHERE email = :email").param("email", email).update();
	}
}

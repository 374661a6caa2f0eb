package com.starrymeet.user.account;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.starrymeet.user.token.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The e-mailed, single-use tokens: email verification and password reset. Only their SHA-256 is stored; the clear
 * value exists once, sealed for notification-service ({@link LinkSealing}). A token is used by one conditional
 * UPDATE, so of two concurrent uses exactly one wins.
 */
@Repository
class SingleUseTokens {

	/** What a token is for: each kind has its table and its lifetime. */
	enum Kind {

		EMAIL_VERIFICATION("email_verification_token", Duration.ofHours(24)),
		PASSWORD_RESET("password_reset_token", Duration.ofHours(1));

		private final String table;

		final Duration lifetime;

		Kind(String table, Duration lifetime) {
			this.table = table;
			this.lifetime = lifetime;
		}
	}

	/** A token just issued: its clear value must only leave the service sealed. */
	record Issued(String value, Instant expiresAt) {
	}

	private final JdbcClient jdbc;

	SingleUseTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A new token of the kind for the user; the earlier unused ones stop working. In the caller's transaction. */
	Issued replace(Kind kind, UUID userId) {
		discardUnused(kind, userId);
		var value = Secrets.newToken();
		var expiresAt = Instant.now().plus(kind.lifetime);
		jdbc.sql("INSERT INTO " + kind.table + " (token_hash, user_id, expires_at) VALUES (:hash, :user, :expires)")
			.param("hash", Secrets.sha256(value))
			.param("user", userId)
			.param("expires", Timestamp.from(expiresAt))
			.update();
		return new Issued(value, expiresAt);
	}

	/** Uses a live token once; the user it was issued to, or empty when it is unknown, expired or used. */
	Optional<UUID> use(Kind kind, String token) {
		return jdbc.sql("UPDATE " + kind.table + " SET used_at = now()"
				+ " WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now() RETURNING user_id")
			.param("hash", Secrets.sha256(token))
			.query(UUID.class)
			.optional();
	}

	void discardUnused(Kind kind, UUID userId) {
		jdbc.sql("DELETE FROM " + kind.table + " WHERE user_id = :user AND used_at IS NULL")
			.param("user", userId)
			.update();
	}

	/** Every token of the user, used or not (erasure). */
	void deleteAllOf(UUID userId) {
		for (var kind : Kind.values()) {
			jdbc.sql("DELETE FROM " + kind.table + " WHERE user_id = :user").param("user", userId).update();
		}
	}
}

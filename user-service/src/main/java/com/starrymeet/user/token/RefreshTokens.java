package com.starrymeet.user.token;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Opaque refresh tokens, stored as SHA-256 only, in families. A token is used once: rotation marks it used with
 * a conditional UPDATE (never read-then-write), so of two concurrent uses exactly one wins. Presenting a used
 * token again is taken as theft and revokes the whole family. Callers run these inside their transaction.
 */
@Repository
public class RefreshTokens {

	public static final Duration LIFETIME = Duration.ofDays(7);

	private final JdbcClient jdbc;

	RefreshTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A newly issued token: the clear value leaves the service once, to the client. */
	public record Issued(String value, UUID familyId, Instant expiresAt) {
	}

	/** The outcome of presenting a token. */
	public sealed interface Use {

		/** The token was valid and is now used; a successor must be issued in {@code familyId}. */
		record Rotated(UUID userId, UUID familyId) implements Use {
		}

		/** The token had already been used: its family is now revoked. */
		record Reused(UUID familyId) implements Use {
		}

		/** Unknown, expired or revoked. */
		record Invalid() implements Use {
		}
	}

	/** Starts a new family (a login or a registration). */
	public Issued issueNewFamily(UUID userId) {
		return issue(userId, UUID.randomUUID());
	}

	public Issued issue(UUID userId, UUID familyId) {
		var value = Secrets.newToken();
		var expiresAt = Instant.now().plus(LIFETIME);
		jdbc.sql("""
				INSERT INTO refresh_token (token_hash, family_id, user_id, expires_at)
				VALUES (:hash, :family, :user, :expires)""")
			.param("hash", Secrets.sha256(value))
			.param("family", familyId)
			.param("user", userId)
			.param("expires", Timestamp.from(expiresAt))
			.update();
		return new Issued(value, familyId, expiresAt);
	}

	/** Marks the token used if, and only if, it is live; otherwise tells why not (revoking on reuse). */
	public Use use(String token) {
		var hash = Secrets.sha256(token);
		var rotated = jdbc.sql("""
				UPDATE refresh_token SET used_at = now()
				WHERE token_hash = :hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
				RETURNING user_id, family_id""")
			.param("hash", hash)
			.query((rs, n) -> new Use.Rotated(rs.getObject("user_id", UUID.class), rs.getObject("family_id", UUID.class)))
			.optional();
		if (rotated.isPresent()) {
			return rotated.get();
		}
		var reusedFamily = jdbc.sql("SELECT family_id FROM refresh_token WHERE token_hash = :hash AND used_at IS NOT NULL")
			.param("hash", hash)
			.query(UUID.class)
			.optional();
		if (reusedFamily.isPresent()) {
			revokeFamily(reusedFamily.get());
			return new Use.Reused(reusedFamily.get());
		}
		return new Use.Invalid();
	}

	/** The family of a token, whatever its state, if the token is known. */
	public Optional<UUID> familyOf(String token) {
		return jdbc.sql("SELECT family_id FROM refresh_token WHERE token_hash = :hash")
			.param("hash", Secrets.sha256(token))
			.query(UUID.class)
			.optional();
	}

	/** The family of a token if the token is known and belongs to the user. */
	public Optional<UUID> familyOf(String token, UUID userId) {
		return jdbc.sql("SELECT family_id FROM refresh_token WHERE token_hash = :hash AND user_id = :user")
			.param("hash", Secrets.sha256(token))
			.param("user", userId)
			.query(UUID.class)
			.optional();
	}

	public int revokeFamily(UUID familyId) {
		return jdbc.sql("UPDATE refresh_token SET revoked_at = now() WHERE family_id = :family AND revoked_at IS NULL")
			.param("family", familyId)
			.update();
	}

	/** Revokes every refresh family of the user: all their sessions end. */
	public int revokeAllOf(UUID userId) {
		return jdbc.sql("UPDATE refresh_token SET revoked_at = now() WHERE user_id = :user AND revoked_at IS NULL")
			.param("user", userId)
			.update();
	}

	/** A signed-in session (a refresh family that still has a live token), without any token. */
	public record SessionInfo(UUID id, Instant createdAt, @Nullable Instant lastUsedAt, Instant expiresAt) {
	}

	public List<SessionInfo> activeSessions(UUID userId) {
		return jdbc.sql("""
				SELECT family_id, min(created_at) AS created, max(used_at) AS last_used, max(expires_at) AS expires
				FROM refresh_token WHERE user_id = :user
				GROUP BY family_id
				HAVING bool_or(used_at IS NULL AND revoked_at IS NULL AND expires_at > now())
				ORDER BY created""")
			.param("user", userId)
			.query((rs, n) -> new SessionInfo(rs.getObject("family_id", UUID.class),
					rs.getTimestamp("created").toInstant(),
					rs.getTimestamp("last_used") == null ? null : rs.getTimestamp("last_used").toInstant(),
					rs.getTimestamp("expires").toInstant()))
			.list();
	}
}

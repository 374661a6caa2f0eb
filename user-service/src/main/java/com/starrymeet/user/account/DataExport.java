package com.starrymeet.user.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.starrymeet.user.favorite.Favorites;
import com.starrymeet.user.token.RefreshTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The right of access: everything this service holds about a user, minus secrets (no hash, 2FA secret or token).
 */
@Service
public class DataExport {

	private final Users users;

	private final TwoFactor twoFactor;

	private final RefreshTokens refreshTokens;

	private final Favorites favorites;

	private final JdbcClient jdbc;

	DataExport(Users users, TwoFactor twoFactor, RefreshTokens refreshTokens, Favorites favorites, JdbcClient jdbc) {
		this.users = users;
		this.twoFactor = twoFactor;
		this.refreshTokens = refreshTokens;
		this.favorites = favorites;
		this.jdbc = jdbc;
	}

	/** The export document. */
	public record Export(Instant exportedAt, User profile, String role, String status, boolean twoFactorEnabled,
			long unusedRecoveryCodes, List<RefreshTokens.SessionInfo> activeSessions,
			@Nullable LoginActivity loginActivity, List<Favorites.Saved> favorites) {
	}

	/** The login-failure record of the account's email, if any. */
	public record LoginActivity(int consecutiveFailures, @Nullable Instant lockedUntil, Instant lastFailureAt) {
	}

	public Export export(UUID id) {
		var user = users.find(id).orElseThrow(AccountProblems::noSuchUser);
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
				refreshTokens.activeSessions(id), activity, favorites.savedBy(id));
	}
}

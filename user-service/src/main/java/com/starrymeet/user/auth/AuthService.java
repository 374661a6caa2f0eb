package com.starrymeet.user.auth;

import java.util.UUID;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.user.account.AccountProfile;
import com.starrymeet.user.account.Login;
import com.starrymeet.user.account.Registration;
import com.starrymeet.user.account.User;
import com.starrymeet.user.token.AccessTokens;
import com.starrymeet.user.token.DeniedTokens;
import com.starrymeet.user.token.PresentedAccessToken;
import com.starrymeet.user.token.RefreshTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Register, login, refresh and logout: accounts plus tokens. Outcomes that must stick even though the answer
 * is an error (a counted login failure, a family revoked on reuse) are committed before the error is thrown.
 */
@Service
public class AuthService {

	private final Registration registration;

	private final Login login;

	private final AccountProfile accounts;

	private final AccessTokens accessTokens;

	private final RefreshTokens refreshTokens;

	private final DeniedTokens deniedTokens;

	private final TransactionTemplate transactions;

	AuthService(Registration registration, Login login, AccountProfile accounts, AccessTokens accessTokens, RefreshTokens refreshTokens, DeniedTokens deniedTokens,
			TransactionTemplate transactions) {
		this.registration = registration;
		this.login = login;
		this.accounts = accounts;
		this.accessTokens = accessTokens;
		this.refreshTokens = refreshTokens;
		this.deniedTokens = deniedTokens;
		this.transactions = transactions;
	}

	public Session register(Registration.NewAccount account) {
		return required(transactions.execute(status -> {
			var user = registration.register(account);
			return open(user, refreshTokens.issueNewFamily(user.id()));
		}));
	}

	public Session login(String email, String password, @Nullable String secondFactor) {
		var user = login.authenticate(email, password, secondFactor); // counts failures in their own statements
		return open(user, refreshTokens.issueNewFamily(user.id()));
	}

	public Session refresh(@Nullable String token) {
		if (token == null || token.isBlank()) {
			throw invalidRefreshToken();
		}
		Object outcome = transactions.execute(status -> switch (refreshTokens.use(token)) {
			case RefreshTokens.Use.Rotated rotated -> {
				var user = accounts.me(rotated.userId());
				if (!"ACTIVE".equals(user.status())) {
					refreshTokens.revokeFamily(rotated.familyId());
					yield invalidRefreshToken();
				}
				yield open(user, refreshTokens.issue(user.id(), rotated.familyId()));
			}
			case RefreshTokens.Use.Reused reused -> new ApiException(HttpStatus.UNAUTHORIZED, "REFRESH_TOKEN_REUSED",
					"This refresh token was already used: every session it belongs to is now signed out");
			case RefreshTokens.Use.Invalid invalid -> invalidRefreshToken();
		});
		if (outcome instanceof ApiException error) {
			throw error; // after the commit, so a revoked family stays revoked
		}
		return (Session) required(outcome);
	}

	/**
	 * Revokes the refresh family of the presented token (if it is the caller's) and deny-lists the access token
	 * until it expires.
	 */
	public void logout(UUID userId, PresentedAccessToken accessToken, @Nullable String refreshToken) {
		if (refreshToken != null && !refreshToken.isBlank()) {
			refreshTokens.familyOf(refreshToken, userId).ifPresent(refreshTokens::revokeFamily);
		}
		deniedTokens.deny(accessToken);
	}

	private Session open(User user, RefreshTokens.Issued refresh) {
		var access = accessTokens.issue(user.id(), user.email(), user.role());
		return new Session(user, access.value(), refresh.value(), AccessTokens.LIFETIME.toSeconds());
	}

	private static ApiException invalidRefreshToken() {
		return new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_REFRESH_TOKEN",
				"The refresh token is unknown, expired or revoked");
	}

	private static <T> T required(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("transaction returned nothing");
		}
		return value;
	}
}

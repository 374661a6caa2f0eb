package com.starrymeet.user.account;

import java.util.Objects;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.user.account.SingleUseTokens.Kind;
import com.starrymeet.common.events.contract.PasswordResetRequested;
import com.starrymeet.user.token.NotBefore;
import com.starrymeet.user.token.RefreshTokens;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password reset: a single-use, 1-hour token e-mailed by notification-service (sealed for it in
 * PasswordResetRequested), used once to set a new password, which ends every session of the account.
 */
@Service
public class PasswordReset {

	private final Users users;

	private final SingleUseTokens tokens;

	private final LinkSealing sealing;

	private final AccountEvents events;

	private final Passwords passwords;

	private final LoginAttempts attempts;

	private final RefreshTokens refreshTokens;

	private final NotBefore notBefore;

	private final TransactionTemplate transactions;

	PasswordReset(Users users, SingleUseTokens tokens, LinkSealing sealing, AccountEvents events, Passwords passwords,
			LoginAttempts attempts, RefreshTokens refreshTokens, NotBefore notBefore, TransactionTemplate transactions) {
		this.users = users;
		this.tokens = tokens;
		this.sealing = sealing;
		this.events = events;
		this.passwords = passwords;
		this.attempts = attempts;
		this.refreshTokens = refreshTokens;
		this.notBefore = notBefore;
		this.transactions = transactions;
	}

	/**
	 * Sends a reset link (earlier unused ones stop working) when the email belongs to an account that is not
	 * erased. Says nothing either way (no account enumeration).
	 */
	public void request(String rawEmail) {
		users.credentials(Users.normalize(rawEmail))
			.map(Users.Credentials::user)
			.filter(user -> !"DELETED".equals(user.status()))
			.ifPresent(user -> transactions.executeWithoutResult(status -> {
				var issued = tokens.replace(Kind.PASSWORD_RESET, user.id());
				var sealed = sealing.seal(issued.value(), PasswordResetRequested.PURPOSE, user.id());
				events.publishAtCurrentVersion(user.id(), new PasswordResetRequested(user.id(), user.email(),
						user.firstName(), sealed, issued.expiresAt()));
			}));
	}

	/**
	 * Uses a reset token once and sets the new password; every session of the user ends (all refresh families
	 * revoked, {@code auth:not-before} written for live access tokens) and the email's lockout is lifted.
	 */
	public void reset(String token, String newPassword) {
		var id = transactions.execute(status -> {
			var userId = tokens.use(Kind.PASSWORD_RESET, token)
				.orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, "INVALID_RESET_TOKEN",
						"The reset link is invalid, expired or already used"));
			var user = users.find(userId).orElseThrow(AccountProblems::noSuchUser);
			Passwords.check("newPassword", newPassword, user.email());
			users.setPassword(userId, passwords.encode(newPassword));
			tokens.discardUnused(Kind.PASSWORD_RESET, userId);
			refreshTokens.revokeAllOf(userId);
			attempts.succeeded(user.email());
			return userId;
		});
		notBefore.cutOff(Objects.requireNonNull(id));
	}
}

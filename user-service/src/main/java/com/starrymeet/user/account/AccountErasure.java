package com.starrymeet.user.account;

import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.events.contract.UserDeleted;
import com.starrymeet.user.favorite.Favorites;
import com.starrymeet.user.token.NotBefore;
import com.starrymeet.user.token.RefreshTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The right to erasure: the account's personal data anonymized in place (the row keeps its id), its codes and
 * tokens deleted, its favorites erased by the favorite module, every session revoked, live access tokens cut off,
 * UserDeleted (id only) published — all but the cut-off in one transaction.
 */
@Service
public class AccountErasure {

	private final Users users;

	private final Passwords passwords;

	private final LoginAttempts attempts;

	private final SingleUseTokens tokens;

	private final Favorites favorites;

	private final RefreshTokens refreshTokens;

	private final NotBefore notBefore;

	private final AccountEvents events;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	AccountErasure(Users users, Passwords passwords, LoginAttempts attempts, SingleUseTokens tokens,
			Favorites favorites, RefreshTokens refreshTokens, NotBefore notBefore, AccountEvents events, JdbcClient jdbc,
			TransactionTemplate transactions) {
		this.users = users;
		this.passwords = passwords;
		this.attempts = attempts;
		this.tokens = tokens;
		this.favorites = favorites;
		this.refreshTokens = refreshTokens;
		this.notBefore = notBefore;
		this.events = events;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** Erases the account after re-checking its password (401 INVALID_CREDENTIALS, counted toward the lockout). */
	public void erase(UUID id, String password) {
		var user = users.find(id).orElseThrow(AccountProblems::noSuchUser);
		passwords.confirm(id, user.email(), password); // outside the transaction: a failure stays counted
		transactions.executeWithoutResult(status -> {
			var version = users.anonymize(id);
			jdbc.sql("DELETE FROM recovery_code WHERE user_id = :user").param("user", id).update();
			tokens.deleteAllOf(id);
			favorites.eraseAllOf(id);
			attempts.succeeded(user.email()); // the lockout row is keyed by the (old) email
			refreshTokens.revokeAllOf(id);
			events.publish(id, version, new UserDeleted(id, Instant.now()));
		});
		notBefore.cutOff(id);
	}
}

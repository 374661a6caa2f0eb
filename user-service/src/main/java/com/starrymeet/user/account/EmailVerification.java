package com.starrymeet.user.account;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.user.account.SingleUseTokens.Kind;
import com.starrymeet.common.events.contract.EmailVerificationRequested;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Email verification: a single-use, 24-hour token e-mailed by notification-service (it travels sealed for it in
 * EmailVerificationRequested), used once to mark the email verified; and sending a new one on request.
 */
@Service
public class EmailVerification {

	private final Users users;

	private final SingleUseTokens tokens;

	private final LinkSealing sealing;

	private final AccountEvents events;

	private final TransactionTemplate transactions;

	EmailVerification(Users users, SingleUseTokens tokens, LinkSealing sealing, AccountEvents events,
			TransactionTemplate transactions) {
		this.users = users;
		this.tokens = tokens;
		this.sealing = sealing;
		this.events = events;
		this.transactions = transactions;
	}

	/** A new token (earlier unused ones stop working) and the event that e-mails it. In a transaction. */
	void request(User user) {
		var issued = tokens.replace(Kind.EMAIL_VERIFICATION, user.id());
		var sealed = sealing.seal(issued.value(), EmailVerificationRequested.PURPOSE, user.id());
		events.publishAtCurrentVersion(user.id(),
				new EmailVerificationRequested(user.id(), user.email(), user.firstName(), sealed, issued.expiresAt()));
	}

	/** Uses a verification token once and marks the email verified (400 INVALID_VERIFICATION_TOKEN otherwise). */
	public User verify(String token) {
		var id = transactions.execute(status -> {
			var userId = tokens.use(Kind.EMAIL_VERIFICATION, token)
				.orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, "INVALID_VERIFICATION_TOKEN",
						"The verification link is invalid, expired or already used"));
			users.markEmailVerified(userId);
			return userId;
		});
		return users.find(java.util.Objects.requireNonNull(id)).orElseThrow(AccountProblems::noSuchUser);
	}

	/**
	 * Sends a new verification link when the email belongs to an active, unverified account; the earlier links
	 * stop working. Says nothing either way (no account enumeration).
	 */
	public void resend(String rawEmail) {
		users.credentials(Users.normalize(rawEmail))
			.map(Users.Credentials::user)
			.filter(user -> !user.emailVerified() && "ACTIVE".equals(user.status()))
			.ifPresent(user -> transactions.executeWithoutResult(status -> request(user)));
	}
}

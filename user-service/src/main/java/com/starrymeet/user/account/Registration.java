package com.starrymeet.user.account;

import java.util.UUID;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.events.contract.UserRegistered;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registration: a new USER account with its email still to verify.
 */
@Service
public class Registration {

	private final Users users;

	private final Passwords passwords;

	private final AccountEvents events;

	private final EmailVerification verification;

	Registration(Users users, Passwords passwords, AccountEvents events, EmailVerification verification) {
		this.users = users;
		this.passwords = passwords;
		this.events = events;
		this.verification = verification;
	}

	/** What registration asks for; the fields are already validated for shape. */
	public record NewAccount(String email, String password, String firstName, String lastName, @Nullable String phone) {

		@Override
		public String toString() {
			return "NewAccount[email=" + email + ", password=(hidden)]";
		}
	}

	/**
	 * Creates the account (409 EMAIL_TAKEN when the email has one, whatever its case), publishes UserRegistered and
	 * asks for the email's verification. Joins the caller's transaction.
	 */
	@Transactional
	public User register(NewAccount account) {
		var email = Users.normalize(account.email());
		Passwords.check("password", account.password(), email);
		var id = UUID.randomUUID();
		if (!users.insert(id, email, passwords.encode(account.password()), account.firstName(), account.lastName(),
				account.phone())) {
			throw ApiException.conflict("EMAIL_TAKEN", "An account already exists for this email");
		}
		var user = users.find(id).orElseThrow();
		events.publish(id, 1,
				new UserRegistered(id, email, user.firstName(), user.lastName(), user.role(), user.createdAt()));
		verification.request(user);
		return user;
	}
}

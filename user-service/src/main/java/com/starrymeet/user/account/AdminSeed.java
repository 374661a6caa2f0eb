package com.starrymeet.user.account;

import java.util.Optional;
import java.util.UUID;

import com.starrymeet.common.events.contract.UserRegistered;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The local fleet's admin account: an ADMIN with a verified email, created unless the email already has an
 * account (whatever its role: an existing account is never promoted).
 */
@Service
public class AdminSeed {

	private final Users users;

	private final Passwords passwords;

	private final AccountEvents events;

	private final TransactionTemplate transactions;

	AdminSeed(Users users, Passwords passwords, AccountEvents events, TransactionTemplate transactions) {
		this.users = users;
		this.passwords = passwords;
		this.events = events;
		this.transactions = transactions;
	}

	/** The account when it was created now; empty when the email already had one. */
	public Optional<User> seed(String rawEmail, String password) {
		var email = Users.normalize(rawEmail);
		if (users.credentials(email).isPresent()) {
			return Optional.empty();
		}
		Passwords.check("password", password, email);
		return Optional.ofNullable(transactions.execute(status -> {
			var id = UUID.randomUUID();
			if (!users.insertAdmin(id, email, passwords.encode(password), "Local", "Admin")) {
				return null;
			}
			var user = users.find(id).orElseThrow();
			events.publish(id, 1,
					new UserRegistered(id, email, user.firstName(), user.lastName(), user.role(), user.createdAt()));
			return user;
		}));
	}
}

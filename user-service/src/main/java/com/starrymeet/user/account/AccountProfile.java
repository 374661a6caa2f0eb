package com.starrymeet.user.account;

import java.util.UUID;

import com.starrymeet.common.events.contract.UserUpdated;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account as its owner sees and edits it, and whether its tokens may still be used.
 */
@Service
public class AccountProfile {

	private final Users users;

	private final AccountEvents events;

	AccountProfile(Users users, AccountEvents events) {
		this.users = users;
		this.events = events;
	}

	/** The account behind a token's subject (404 if there is none). */
	public User me(UUID id) {
		return users.find(id).orElseThrow(AccountProblems::noSuchUser);
	}

	/**
	 * A profile change. For each field, null means "leave it"; for phone and avatar an empty value (blank) clears
	 * it. Names cannot be cleared (the request refuses it).
	 */
	public record ProfileChange(@Nullable String firstName, @Nullable String lastName, @Nullable String phone,
			@Nullable String avatarUrl) {
	}

	/** Applies the change and publishes UserUpdated with the whole new profile. */
	@Transactional
	public User update(UUID id, ProfileChange change) {
		var current = me(id);
		var firstName = change.firstName() != null ? change.firstName() : current.firstName();
		var lastName = change.lastName() != null ? change.lastName() : current.lastName();
		var phone = change.phone() == null ? current.phone() : blankToNull(change.phone());
		var avatarUrl = change.avatarUrl() == null ? current.avatarUrl() : blankToNull(change.avatarUrl());
		var version = users.updateProfile(id, firstName, lastName, phone, avatarUrl);
		events.publish(id, version, new UserUpdated(id, current.email(), firstName, lastName, phone, avatarUrl));
		return me(id);
	}

	/**
	 * Refuses the tokens of an account that is suspended (403 ACCOUNT_SUSPENDED) or erased (401 UNAUTHORIZED),
	 * whatever the token says: defence in depth behind the gateway's {@code auth:not-before}. Unknown subjects
	 * pass (the endpoints answer 404 for them).
	 */
	public void requireActive(UUID id) {
		var status = users.status(id);
		if (status.isEmpty() || "ACTIVE".equals(status.get())) {
			return;
		}
		throw "SUSPENDED".equals(status.get()) ? AccountProblems.suspended() : AccountProblems.erased();
	}

	private static @Nullable String blankToNull(String value) {
		return value.isBlank() ? null : value;
	}
}

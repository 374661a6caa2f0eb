package com.starrymeet.user.admin;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.Pagination.PageQuery;
import com.starrymeet.common.web.ValidationFailed;
import com.starrymeet.user.account.AccountEvents;
import com.starrymeet.user.account.TwoFactor;
import com.starrymeet.user.account.User;
import com.starrymeet.common.events.contract.UserReactivated;
import com.starrymeet.common.events.contract.UserRoleChanged;
import com.starrymeet.common.events.contract.UserSuspended;
import com.starrymeet.user.account.Users;
import com.starrymeet.user.token.NotBefore;
import com.starrymeet.user.token.RefreshTokens;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an admin does to accounts. The web layer requires the ADMIN role of the token; here the acting account
 * itself must also be a live ADMIN in the database (a demoted or suspended admin's unexpired token is not
 * enough). Every action is written to the {@link AuditLog} in its own transaction.
 */
@Service
public class AdminUsers {

	private static final Logger log = LoggerFactory.getLogger(AdminUsers.class);

	public static final Set<String> ROLES = Set.of("USER", "CELEBRITY", "ADMIN");

	public static final Set<String> STATUSES = Set.of("ACTIVE", "SUSPENDED", "DELETED");

	private final Users users;

	private final TwoFactor twoFactor;

	private final RefreshTokens refreshTokens;

	private final NotBefore notBefore;

	private final AuditLog audit;

	private final AccountEvents events;

	private final TransactionTemplate transactions;

	AdminUsers(Users users, TwoFactor twoFactor, RefreshTokens refreshTokens, NotBefore notBefore, AuditLog audit,
			AccountEvents events, TransactionTemplate transactions) {
		this.users = users;
		this.twoFactor = twoFactor;
		this.refreshTokens = refreshTokens;
		this.notBefore = notBefore;
		this.audit = audit;
		this.events = events;
		this.transactions = transactions;
	}

	/** An account as an admin sees it. */
	public record AdminView(User user, boolean twoFactorEnabled, int activeSessions) {
	}

	public Users.Page search(UUID adminId, @Nullable String q, @Nullable String role, @Nullable String status,
			PageQuery page) {
		requireAdmin(adminId);
		var normalizedRole = oneOf("role", role, ROLES);
		var normalizedStatus = oneOf("status", status, STATUSES);
		return users.search(q, normalizedRole, normalizedStatus, page);
	}

	public AdminView view(UUID adminId, UUID userId) {
		requireAdmin(adminId);
		var user = users.find(userId).orElseThrow(() -> ApiException.notFound("The user"));
		var view = new AdminView(user, twoFactor.enabled(userId), refreshTokens.activeSessions(userId).size());
		transactions.executeWithoutResult(s -> audit.record(adminId, "VIEW_USER", userId, Map.of()));
		return view;
	}

	/**
	 * Suspends a live account: it cannot log in or refresh (every refresh family revoked), its live access tokens
	 * are cut off ({@code auth:not-before}), UserSuspended is published. An admin cannot suspend themselves.
	 */
	public User suspend(UUID adminId, UUID userId, String reason) {
		requireAdmin(adminId);
		notSelf(adminId, userId, "suspend");
		transactions.executeWithoutResult(s -> {
			var version = users.changeStatus(userId, "ACTIVE", "SUSPENDED").orElseThrow(() -> conflictOrMissing(userId,
					"NOT_ACTIVE", "Only an active account can be suspended"));
			refreshTokens.revokeAllOf(userId);
			events.publish(userId, version, new UserSuspended(userId, reason, Instant.now()));
			audit.record(adminId, "SUSPEND_USER", userId, Map.of("reason", reason));
		});
		notBefore.cutOff(userId);
		return users.find(userId).orElseThrow();
	}

	public User reactivate(UUID adminId, UUID userId) {
		requireAdmin(adminId);
		transactions.executeWithoutResult(s -> {
			var version = users.changeStatus(userId, "SUSPENDED", "ACTIVE").orElseThrow(() -> conflictOrMissing(userId,
					"NOT_SUSPENDED", "Only a suspended account can be reactivated"));
			events.publish(userId, version, new UserReactivated(userId, Instant.now()));
			audit.record(adminId, "REACTIVATE_USER", userId, Map.of());
		});
		return users.find(userId).orElseThrow();
	}

	/**
	 * Changes the role. Live access tokens of the account are cut off so that the next one (after a refresh)
	 * carries the new role. An admin cannot change their own role.
	 */
	public User changeRole(UUID adminId, UUID userId, String role) {
		requireAdmin(adminId);
		var newRole = oneOf("role", role, ROLES);
		if (newRole == null) {
			throw ValidationFailed.of("role", "must be one of " + ROLES);
		}
		notSelf(adminId, userId, "change the role of");
		var previous = users.find(userId).filter(u -> !"DELETED".equals(u.status()))
			.orElseThrow(() -> ApiException.notFound("The user"));
		transactions.executeWithoutResult(s -> {
			var version = users.changeRole(userId, newRole).orElseThrow(() -> ApiException.notFound("The user"));
			events.publish(userId, version, new UserRoleChanged(userId, newRole, Instant.now()));
			audit.record(adminId, "CHANGE_ROLE", userId, Map.of("from", previous.role(), "to", newRole));
		});
		notBefore.cutOff(userId);
		return users.find(userId).orElseThrow();
	}

	/**
	 * Gives the CELEBRITY role to the account whose application celebrity-service approved, in the caller's
	 * (the event consumer's) transaction, through the same steps as {@link #changeRole}: conditional role update,
	 * UserRoleChanged, an audit entry (actor {@link AuditLog#SYSTEM}, with the application, the profile and the
	 * event), and, after commit, the cut-off of live access tokens so that the next token (after a refresh) carries
	 * the new role. Only a USER is promoted: an ADMIN keeps ADMIN (never a downgrade), a CELEBRITY stays one, a
	 * deleted or unknown account is left alone.
	 * @return whether the role changed
	 */
	public boolean grantCelebrityRole(UUID userId, UUID applicationId, UUID celebrityId, UUID eventId) {
		return Boolean.TRUE.equals(transactions.execute(s -> {
			var version = users.changeRole(userId, "USER", "CELEBRITY");
			if (version.isEmpty()) {
				log.info("Celebrity application {} approved: account {} not promoted (not a live USER: {})",
						applicationId, userId, users.find(userId).map(u -> u.role() + "/" + u.status()).orElse("unknown"));
				return false;
			}
			events.publish(userId, version.get(), new UserRoleChanged(userId, "CELEBRITY", Instant.now()));
			audit.record(AuditLog.SYSTEM, "CHANGE_ROLE", userId,
					Map.of("from", "USER", "to", "CELEBRITY", "cause", "CelebrityApplicationApproved",
							"applicationId", applicationId.toString(), "celebrityId", celebrityId.toString(),
							"eventId", eventId.toString()));
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					try {
						notBefore.cutOff(userId);
					}
					catch (RuntimeException ex) {
						// a promotion needs no cut-off for safety: the role still applies from the next refresh
						log.warn("Could not cut off the live tokens of {} after its promotion: {}", userId, ex.toString());
					}
				}
			});
			return true;
		}));
	}

	public AuditLog.Page auditLog(UUID adminId, PageQuery page) {
		requireAdmin(adminId);
		return audit.page(page);
	}

	private void requireAdmin(UUID adminId) {
		var admin = users.find(adminId).filter(u -> "ADMIN".equals(u.role()) && "ACTIVE".equals(u.status()));
		if (admin.isEmpty()) {
			throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "Only an active admin may do this");
		}
	}

	private static void notSelf(UUID adminId, UUID userId, String what) {
		if (adminId.equals(userId)) {
			throw ApiException.conflict("SELF_MODIFICATION", "An admin cannot " + what + " their own account");
		}
	}

	private ApiException conflictOrMissing(UUID userId, String code, String detail) {
		return users.find(userId).filter(u -> !"DELETED".equals(u.status()))
			.<ApiException>map(u -> ApiException.conflict(code, detail))
			.orElseGet(() -> ApiException.notFound("The user"));
	}

	private static @Nullable String oneOf(String field, @Nullable String value, Set<String> allowed) {
		if (value == null || value.isBlank()) {
			return null;
		}
		var upper = value.trim().toUpperCase(java.util.Locale.ROOT);
		if (!allowed.contains(upper)) {
			throw ValidationFailed.of(field, "must be one of " + allowed.stream().sorted().toList());
		}
		return upper;
	}
}

package com.starrymeet.user.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.starrymeet.common.web.Pagination.PageQuery;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The accounts table. Emails are looked up lower-case.
 */
@Repository
public class Users {

	private static final String COLUMNS = """
			id, email, first_name, last_name, phone, avatar_url, role, status, email_verified, created_at, updated_at""";

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The form emails are stored and looked up in: trimmed, lower-case. */
	public static String normalize(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

	/** An account with what login needs. */
	public record Credentials(User user, String passwordHash) {
	}

	public Optional<User> find(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE id = :id").param("id", id).query(Users::map).optional();
	}

	public Optional<Credentials> credentials(String normalizedEmail) {
		return jdbc.sql("SELECT " + COLUMNS + ", password_hash FROM app_user WHERE lower(email) = :email")
			.param("email", normalizedEmail)
			.query((rs, n) -> new Credentials(map(rs, n), rs.getString("password_hash")))
			.optional();
	}

	/** Inserts, or returns false when the email is taken (case-insensitively). */
	boolean insert(UUID id, String email, String passwordHash, String firstName, String lastName,
			@Nullable String phone) {
		return jdbc.sql("""
				INSERT INTO app_user (id, email, password_hash, first_name, last_name, phone)
				VALUES (:id, :email, :hash, :first, :last, :phone)
				ON CONFLICT ((lower(email))) DO NOTHING""")
			.param("id", id)
			.param("email", email)
			.param("hash", passwordHash)
			.param("first", firstName)
			.param("last", lastName)
			.param("phone", phone)
			.update() == 1;
	}

	/** The user's current aggregate version, for events that report on the user without changing it. */
	long version(UUID id) {
		return jdbc.sql("SELECT version FROM app_user WHERE id = :id").param("id", id).query(Long.class).single();
	}

	/** Applies a profile change and returns the new aggregate version. */
	long updateProfile(UUID id, String firstName, String lastName, @Nullable String phone, @Nullable String avatarUrl) {
		return jdbc.sql("""
				UPDATE app_user SET first_name = :first, last_name = :last, phone = :phone, avatar_url = :avatar,
				       version = version + 1, updated_at = now()
				WHERE id = :id RETURNING version""")
			.param("id", id)
			.param("first", firstName)
			.param("last", lastName)
			.param("phone", phone)
			.param("avatar", avatarUrl)
			.query(Long.class)
			.single();
	}

	/** Inserts an ADMIN with a verified email, or returns false when the email is taken. */
	boolean insertAdmin(UUID id, String email, String passwordHash, String firstName, String lastName) {
		return jdbc.sql("""
				INSERT INTO app_user (id, email, password_hash, first_name, last_name, role, email_verified)
				VALUES (:id, :email, :hash, :first, :last, 'ADMIN', true)
				ON CONFLICT ((lower(email))) DO NOTHING""")
			.param("id", id)
			.param("email", email)
			.param("hash", passwordHash)
			.param("first", firstName)
			.param("last", lastName)
			.update() == 1;
	}

	public Optional<String> status(UUID id) {
		return jdbc.sql("SELECT status FROM app_user WHERE id = :id").param("id", id).query(String.class).optional();
	}

	Optional<String> passwordHash(UUID id) {
		return jdbc.sql("SELECT password_hash FROM app_user WHERE id = :id").param("id", id).query(String.class).optional();
	}

	long setPassword(UUID id, String passwordHash) {
		return jdbc.sql("""
				UPDATE app_user SET password_hash = :hash, version = version + 1, updated_at = now()
				WHERE id = :id RETURNING version""")
			.param("id", id)
			.param("hash", passwordHash)
			.query(Long.class)
			.single();
	}

	void markEmailVerified(UUID id) {
		jdbc.sql("""
				UPDATE app_user SET email_verified = true, version = version + 1, updated_at = now()
				WHERE id = :id AND NOT email_verified""")
			.param("id", id)
			.update();
	}

	/**
	 * Erases the personal data of an account: the email becomes {@code deleted-<id>@deleted.invalid}, names,
	 * phone, avatar and the 2FA secret are cleared, the password can never match (not a bcrypt hash).
	 */
	long anonymize(UUID id) {
		return jdbc.sql("""
				UPDATE app_user SET email = 'deleted-' || id || '@deleted.invalid', first_name = NULL, last_name = NULL,
				       phone = NULL, avatar_url = NULL, password_hash = '!erased', totp_secret = NULL,
				       totp_enabled = false, totp_last_step = NULL, status = 'DELETED', deleted_at = now(),
				       version = version + 1, updated_at = now()
				WHERE id = :id AND status <> 'DELETED' RETURNING version""")
			.param("id", id)
			.query(Long.class)
			.single();
	}

	/** Sets the status when it differs; returns the new version, or empty if nothing changed (or no such user). */
	public Optional<Long> changeStatus(UUID id, String from, String to) {
		return jdbc.sql("""
				UPDATE app_user SET status = :to, version = version + 1, updated_at = now()
				WHERE id = :id AND status = :from RETURNING version""")
			.param("id", id)
			.param("from", from)
			.param("to", to)
			.query(Long.class)
			.optional();
	}

	/** Sets the role of a live account; returns the new version, or empty if there is no such live account. */
	public Optional<Long> changeRole(UUID id, String role) {
		return jdbc.sql("""
				UPDATE app_user SET role = :role, version = version + 1, updated_at = now()
				WHERE id = :id AND status <> 'DELETED' RETURNING version""")
			.param("id", id)
			.param("role", role)
			.query(Long.class)
			.optional();
	}

	/**
	 * Sets the role of a live account only if it still has {@code from}; returns the new version, or empty if the
	 * account is gone or has another role by now.
	 */
	public Optional<Long> changeRole(UUID id, String from, String to) {
		return jdbc.sql("""
				UPDATE app_user SET role = :to, version = version + 1, updated_at = now()
				WHERE id = :id AND role = :from AND status <> 'DELETED' RETURNING version""")
			.param("id", id)
			.param("from", from)
			.param("to", to)
			.query(Long.class)
			.optional();
	}

	/** A page of accounts matching the filters, newest first, and the total. */
	public record Page(List<User> users, long total) {
	}

	/**
	 * Searches accounts: {@code q} matches email, first or last name (case-insensitive, substring); role and
	 * status filter exactly.
	 */
	public Page search(@Nullable String q, @Nullable String role, @Nullable String status, PageQuery page) {
		var where = new ArrayList<String>();
		where.add("true");
		if (q != null && !q.isBlank()) {
			where.add("(lower(email) LIKE :q ESCAPE '\\' OR lower(first_name) LIKE :q ESCAPE '\\' "
					+ "OR lower(last_name) LIKE :q ESCAPE '\\' OR lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) LIKE :q ESCAPE '\\')");
		}
		if (role != null) {
			where.add("role = :role");
		}
		if (status != null) {
			where.add("status = :status");
		}
		var condition = String.join(" AND ", where);
		var pattern = q == null ? null
				: "%" + q.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		var count = jdbc.sql("SELECT count(*) FROM app_user WHERE " + condition);
		var list = jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE " + condition
				+ " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset");
		if (pattern != null && !q.isBlank()) {
			count = count.param("q", pattern);
			list = list.param("q", pattern);
		}
		if (role != null) {
			count = count.param("role", role);
			list = list.param("role", role);
		}
		if (status != null) {
			count = count.param("status", status);
			list = list.param("status", status);
		}
		long total = count.query(Long.class).single();
		var users = list.param("limit", page.limit()).param("offset", page.offset()).query(Users::map).list();
		return new Page(users, total);
	}

	private static User map(ResultSet rs, int row) throws SQLException {
		return new User(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("first_name"),
				rs.getString("last_name"), rs.getString("phone"), rs.getString("avatar_url"), rs.getString("role"),
				rs.getString("status"), rs.getBoolean("email_verified"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}
}

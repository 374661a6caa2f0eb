package com.starrymeet.user.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

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

	private static User map(ResultSet rs, int row) throws SQLException {
		return new User(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("first_name"),
				rs.getString("last_name"), rs.getString("phone"), rs.getString("avatar_url"), rs.getString("role"),
				rs.getString("status"), rs.getBoolean("email_verified"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}
}

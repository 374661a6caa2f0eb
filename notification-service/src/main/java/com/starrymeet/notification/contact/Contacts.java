package com.starrymeet.notification.contact;

import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The contact replica: how to reach each account, kept from user-service's events so that sending never calls
 * user-service. An erased account keeps an empty row, so a late or redelivered UserUpdated cannot bring its
 * details back.
 */
@Component
public class Contacts {

	/** How to reach one account. */
	public record Contact(UUID userId, @Nullable String email, @Nullable String firstName, @Nullable String lastName,
			@Nullable String phone) {
	}

	private final JdbcClient jdbc;

	Contacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records the account's current details (registration or update); ignored once the account was erased. */
	public void upsert(UUID userId, String email, @Nullable String firstName, @Nullable String lastName,
			@Nullable String phone) {
		jdbc.sql("""
				INSERT INTO contact (user_id, email, first_name, last_name, phone)
				VALUES (:id, :email, :first, :last, :phone)
				ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, first_name = excluded.first_name,
				    last_name = excluded.last_name, phone = coalesce(excluded.phone, contact.phone), updated_at = now()
				WHERE contact.erased_at IS NULL""")
			.param("id", userId)
			.param("email", email)
			.param("first", firstName)
			.param("last", lastName)
			.param("phone", phone)
			.update();
	}

	/** Forgets everything about the account (UserDeleted). */
	public void erase(UUID userId) {
		jdbc.sql("""
				INSERT INTO contact (user_id, erased_at) VALUES (:id, now())
				ON CONFLICT (user_id) DO UPDATE SET email = NULL, first_name = NULL, last_name = NULL, phone = NULL,
				    erased_at = now(), updated_at = now()""").param("id", userId).update();
	}

	/** The account's details, empty when unknown or erased. */
	public Optional<Contact> find(UUID userId) {
		return jdbc.sql("""
				SELECT user_id, email, first_name, last_name, phone FROM contact
				WHERE user_id = :id AND erased_at IS NULL""").param("id", userId).query(Contact.class).optional();
	}

	public boolean erased(UUID userId) {
		return jdbc.sql("SELECT count(*) FROM contact WHERE user_id = :id AND erased_at IS NOT NULL")
			.param("id", userId)
			.query(Long.class)
			.single() > 0;
	}
}

package com.starrymeet.celebrity.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.starrymeet.common.catalog.CatalogFilter;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Inserts catalog rows straight into the database, for tests that need a known set, with the derived columns the
 * service keeps (folded place keys).
 */
public final class Fixtures {

	private final JdbcClient jdbc;

	public Fixtures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	/** A category of its own, so a test can see exactly its fixture set by filtering on it. */
	public UUID category(String slug) {
		return jdbc.sql("""
				INSERT INTO category (name, slug, description, icon_url, sort_order)
				VALUES (:slug, :slug, 'test', 'https://cdn.test/x.svg', 1000) RETURNING id""")
			.param("slug", slug)
			.query(UUID.class)
			.single();
	}

	public UUID celebrity(String username, String displayName, UUID categoryId, boolean verified, boolean active,
			String rating, int reviews, int bookings, Instant createdAt, @Nullable UUID userId) {
		return jdbc.sql("""
				INSERT INTO celebrity (user_id, username, display_name, profession, category_id, bio, profile_photo_url,
				  verified, active, average_rating, total_reviews, total_bookings, created_at, updated_at)
				VALUES (:userId, :username, :displayName, 'Actor', :categoryId, 'A bio', :photo, :verified, :active,
				  :rating::numeric, :reviews, :bookings, :createdAt, :createdAt)
				RETURNING id""")
			.param("userId", userId, java.sql.Types.OTHER)
			.param("username", username)
			.param("displayName", displayName)
			.param("categoryId", categoryId)
			.param("photo", "https://cdn.starrymeet.test/celebs/" + username + ".jpg")
			.param("verified", verified)
			.param("active", active)
			.param("rating", rating)
			.param("reviews", reviews)
			.param("bookings", bookings)
			.param("createdAt", java.sql.Timestamp.from(createdAt))
			.query(UUID.class)
			.single();
	}

	public UUID meetingType(UUID celebrityId, String name, int minutes, long priceCents, boolean active, int sortOrder) {
		var id = jdbc.sql("""
				INSERT INTO meeting_type (celebrity_id, name, duration_minutes, price_cents, description, active, sort_order)
				VALUES (:c, :name, :minutes, :price, :description, :active, :sort) RETURNING id""")
			.param("c", celebrityId)
			.param("name", name)
			.param("minutes", minutes)
			.param("price", priceCents)
			.param("description", name + " description")
			.param("active", active)
			.param("sort", sortOrder)
			.query(UUID.class)
			.single();
		jdbc.sql("""
				UPDATE celebrity SET lowest_price_cents =
				  (SELECT min(price_cents) FROM meeting_type WHERE celebrity_id = :id AND active) WHERE id = :id""")
			.param("id", celebrityId)
			.update();
		return id;
	}

	public void availability(UUID celebrityId, String city, String country, List<LocalDate> dates) {
		jdbc.sql("""
				INSERT INTO availability_summary (celebrity_id, city, country, time_zone, available_dates_count, next_available_date)
				VALUES (:c, :city, :country, 'UTC', :count, :next)""")
			.param("c", celebrityId)
			.param("city", city)
			.param("country", country)
			.param("count", dates.size())
			.param("next", dates.stream().min(LocalDate::compareTo).orElseThrow())
			.update();
		for (var date : dates) {
			jdbc.sql("""
					INSERT INTO availability_date (celebrity_id, city, country, city_key, country_key, date)
					VALUES (:c, :city, :country, :cityKey, :countryKey, :d)""")
				.param("c", celebrityId)
				.param("city", city)
				.param("country", country)
				.param("cityKey", CatalogFilter.fold(city))
				.param("countryKey", CatalogFilter.fold(country))
				.param("d", date)
				.update();
		}
	}

	public void feature(UUID celebrityId) {
		jdbc.sql("UPDATE celebrity SET featured = TRUE WHERE id = :id").param("id", celebrityId).update();
	}
}

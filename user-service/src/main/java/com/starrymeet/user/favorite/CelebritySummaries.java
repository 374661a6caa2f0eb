package com.starrymeet.user.favorite;

import java.util.Comparator;
import java.util.UUID;

import com.starrymeet.common.events.contract.CelebrityUpserted;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local replica of the public catalog: one row per celebrity, the snapshot with the highest aggregate
 * version. Called inside the consumer's transaction.
 */
@Component
class CelebritySummaries {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	CelebritySummaries(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Stores the snapshot unless one of the same or a higher version is already held. */
	void applyUpsert(CelebrityUpserted snapshot, long version) {
		var lowest = snapshot.meetingTypes()
			.stream()
			.filter(CelebrityUpserted.MeetingType::active)
			.min(Comparator.comparingLong(CelebrityUpserted.MeetingType::priceCents))
			.orElse(null);
		jdbc.sql("""
				INSERT INTO celebrity_summary (celebrity_id, username, display_name, profile_photo_url, category_name,
				    category_slug, lowest_price_cents, currency, availability, public, removed, version, updated_at)
				VALUES (:id, :username, :displayName, :photo, :categoryName, :categorySlug, :price, :currency,
				    :availability::jsonb, :public, false, :version, now())
				ON CONFLICT (celebrity_id) DO UPDATE SET username = excluded.username,
				    display_name = excluded.display_name, profile_photo_url = excluded.profile_photo_url,
				    category_name = excluded.category_name, category_slug = excluded.category_slug,
				    lowest_price_cents = excluded.lowest_price_cents, currency = excluded.currency,
				    availability = excluded.availability,
				    public = excluded.public, removed = false, version = excluded.version, updated_at = now()
				WHERE celebrity_summary.version < excluded.version""")
			.param("id", snapshot.celebrityId())
			.param("username", snapshot.username())
			.param("displayName", snapshot.displayName())
			.param("photo", snapshot.profilePhotoUrl())
			.param("categoryName", snapshot.category() == null ? null : snapshot.category().name())
			.param("categorySlug", snapshot.category() == null ? null : snapshot.category().slug())
			.param("price", lowest == null ? null : lowest.priceCents())
			.param("currency", lowest == null ? null : lowest.currency())
			.param("availability", json.writeValueAsString(snapshot.availability()))
			.param("public", snapshot.isPublic())
			.param("version", version)
			.update();
	}

	/**
	 * Marks the celebrity removed unless a newer snapshot is held (a removal at the same version as the last
	 * snapshot applies). An unknown celebrity gets a tombstone, so an older snapshot arriving late stays ignored.
	 */
	void applyRemoval(UUID celebrityId, long version) {
		jdbc.sql("""
				INSERT INTO celebrity_summary (celebrity_id, public, removed, version, updated_at)
				VALUES (:id, false, true, :version, now())
				ON CONFLICT (celebrity_id) DO UPDATE SET removed = true, public = false,
				    version = excluded.version, updated_at = now()
				WHERE celebrity_summary.version <= excluded.version""")
			.param("id", celebrityId)
			.param("version", version)
			.update();
	}
}

package com.starrymeet.user.favorite;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.Pagination.PageQuery;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user's favorite celebrities. Only celebrities that are public in the local replica can be added and are
 * listed; one that is removed or no longer public drops out of the list but its favorite row stays, so it
 * comes back when it is published again.
 */
@Service
public class Favorites {

	private static final String VISIBLE = "s.public AND NOT s.removed";

	private static final String SELECT = """
			SELECT f.celebrity_id, f.created_at, s.username, s.display_name, s.profile_photo_url, s.category_name,
			       s.category_slug, s.lowest_price_cents, s.currency, s.availability::text AS availability
			FROM favorite f JOIN celebrity_summary s ON s.celebrity_id = f.celebrity_id""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Favorites(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public record Category(@Nullable String name, @Nullable String slug) {
	}

	/**
	 * One listed favorite, as the celebrity is now in the catalog.
	 *
	 * @param availability where and when they can be met: {@code [{city, country, availableDatesCount,
	 *     nextAvailableDate}]}
	 */
	public record Favorite(UUID celebrityId, @Nullable String username, @Nullable String displayName,
			@Nullable String profilePhoto, Category category, @Nullable Long lowestPriceCents,
			@Nullable String currency, JsonNode availability, Instant addedAt) {
	}

	public record Page(List<Favorite> favorites, long total) {
	}

	/** The user's visible favorites, newest first. */
	public Page list(UUID userId, PageQuery query) {
		long total = jdbc.sql("SELECT count(*) FROM favorite f JOIN celebrity_summary s ON s.celebrity_id = f.celebrity_id"
				+ " WHERE f.user_id = :user AND " + VISIBLE)
			.param("user", userId)
			.query(Long.class)
			.single();
		var favorites = jdbc.sql(SELECT + " WHERE f.user_id = :user AND " + VISIBLE
				+ " ORDER BY f.created_at DESC, f.celebrity_id LIMIT :limit OFFSET :offset")
			.param("user", userId)
			.param("limit", query.limit())
			.param("offset", query.offset())
			.query(this::map)
			.list();
		return new Page(favorites, total);
	}

	/** A favorite as saved, whatever the celebrity's state in the catalog. */
	public record Saved(UUID celebrityId, Instant addedAt) {
	}

	/** The outcome of adding: the favorite as listed, and whether it was saved now (false: it already was). */
	public record Added(Favorite favorite, boolean created) {
	}

	/**
	 * Saves the celebrity as a favorite; idempotent.
	 * @throws ApiException 404 CELEBRITY_NOT_FOUND when the celebrity is unknown, removed or not public
	 */
	@Transactional
	public Added add(UUID userId, UUID celebrityId) {
		boolean visible = jdbc.sql("SELECT count(*) FROM celebrity_summary s WHERE s.celebrity_id = :id AND " + VISIBLE)
			.param("id", celebrityId)
			.query(Long.class)
			.single() > 0;
		if (!visible) {
			throw new ApiException(HttpStatus.NOT_FOUND, "CELEBRITY_NOT_FOUND", "No such celebrity");
		}
		boolean created = jdbc.sql("""
				INSERT INTO favorite (user_id, celebrity_id, created_at) VALUES (:user, :celebrity, now())
				ON CONFLICT (user_id, celebrity_id) DO NOTHING""")
			.param("user", userId)
			.param("celebrity", celebrityId)
			.update() > 0;
		var favorite = jdbc.sql(SELECT + " WHERE f.user_id = :user AND f.celebrity_id = :celebrity")
			.param("user", userId)
			.param("celebrity", celebrityId)
			.query(this::map)
			.single();
		return new Added(favorite, created);
	}

	/** Removes the favorite if present; idempotent. */
	public void remove(UUID userId, UUID celebrityId) {
		jdbc.sql("DELETE FROM favorite WHERE user_id = :user AND celebrity_id = :celebrity")
			.param("user", userId)
			.param("celebrity", celebrityId)
			.update();
	}

	/** Every favorite the user saved, newest first, listed or not (the account's data export). */
	public List<Saved> savedBy(UUID userId) {
		return jdbc.sql("SELECT celebrity_id, created_at FROM favorite WHERE user_id = :user ORDER BY created_at DESC")
			.param("user", userId)
			.query((rs, n) -> new Saved(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()))
			.list();
	}

	/** Forgets every favorite of the user: part of the account's erasure, in its transaction. */
	public void eraseAllOf(UUID userId) {
		jdbc.sql("DELETE FROM favorite WHERE user_id = :user").param("user", userId).update();
	}

	private Favorite map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Favorite(rs.getObject("celebrity_id", UUID.class), rs.getString("username"),
				rs.getString("display_name"), rs.getString("profile_photo_url"),
				new Category(rs.getString("category_name"), rs.getString("category_slug")),
				rs.getObject("lowest_price_cents", Long.class), rs.getString("currency"),
				json.readTree(rs.getString("availability")), rs.getTimestamp("created_at").toInstant());
	}
}

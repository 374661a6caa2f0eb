package com.starrymeet.celebrity.profile;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.starrymeet.celebrity.profile.Views.AvailabilityDetail;
import com.starrymeet.celebrity.profile.Views.CategoryRef;
import com.starrymeet.celebrity.profile.Views.OwnMeetingType;
import com.starrymeet.celebrity.profile.Views.OwnProfile;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.BodyReader;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Changes to a profile and its meeting types, by its owner (or an admin). Each change validates first, then
 * in one transaction locks the row (version + 1), writes, and records the CelebrityUpserted snapshot.
 */
@Service
public class Profiles {

	/** What the owner may edit on the profile; everything else (verified, featured, rating, username...) is 400. */
	public static final Set<String> PROFILE_FIELDS = Set.of("displayName", "profession", "categoryId", "bio",
			"profilePhotoUrl", "coverPhotoUrl");

	public static final Set<String> MEETING_TYPE_FIELDS = Set.of("name", "durationMinutes", "priceCents", "currency",
			"description", "active", "sortOrder");

	static final long MAX_PRICE_CENTS = 100_000_000L; // $1,000,000

	private final JdbcClient jdbc;

	private final Snapshots snapshots;

	Profiles(JdbcClient jdbc, Snapshots snapshots) {
		this.jdbc = jdbc;
		this.snapshots = snapshots;
	}

	/** The celebrity profile the account {@code userId} manages; 404 if it has none. */
	@Transactional(readOnly = true)
	public UUID idOfUser(UUID userId) {
		return jdbc.sql("SELECT id FROM celebrity WHERE user_id = :userId")
			.param("userId", userId)
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "NO_CELEBRITY_PROFILE",
					"This account has no celebrity profile"));
	}

	/** The id of a profile by id or username, whatever its state; 404 if unknown. */
	@Transactional(readOnly = true)
	public UUID resolve(String idOrUsername) {
		UUID id = null;
		try {
			id = UUID.fromString(idOrUsername);
		}
		catch (IllegalArgumentException ex) {
			// a username
		}
		var statement = id != null ? jdbc.sql("SELECT id FROM celebrity WHERE id = :v").param("v", id)
				: jdbc.sql("SELECT id FROM celebrity WHERE username = lower(:v)").param("v", idOrUsername);
		return statement.query(UUID.class).optional().orElseThrow(() -> ApiException.notFound("Celebrity " + idOrUsername));
	}

	/** The account that manages a profile, if any. */
	@Transactional(readOnly = true)
	public @Nullable UUID ownerOf(UUID celebrityId) {
		return jdbc.sql("SELECT user_id FROM celebrity WHERE id = :id")
			.param("id", celebrityId)
			.query((rs, n) -> rs.getObject("user_id", UUID.class))
			.optional()
			.orElse(null);
	}

	@Transactional(readOnly = true)
	public OwnProfile view(UUID id) {
		var meetingTypes = jdbc.sql("""
				SELECT id, name, duration_minutes, price_cents, currency, description, active, sort_order
				FROM meeting_type WHERE celebrity_id = :id ORDER BY sort_order, price_cents, created_at, id""")
			.param("id", id)
			.query((rs, n) -> meetingType(rs))
			.list();
		var availability = jdbc.sql("""
				SELECT city, country, available_dates_count, next_available_date FROM availability_summary
				WHERE celebrity_id = :id ORDER BY next_available_date NULLS LAST, city, country""")
			.param("id", id)
			.query((rs, n) -> new AvailabilityDetail(rs.getString("city"), rs.getString("country"),
					rs.getInt("available_dates_count"), rs.getObject("next_available_date", LocalDate.class)))
			.list();
		return jdbc.sql("""
				SELECT c.*, cat.name AS category_name, cat.slug AS category_slug
				FROM celebrity c JOIN category cat ON cat.id = c.category_id WHERE c.id = :id""")
			.param("id", id)
			.query((rs, n) -> new OwnProfile(id, rs.getObject("user_id", UUID.class), rs.getString("username"),
					rs.getString("display_name"), rs.getString("profession"),
					new CategoryRef(rs.getObject("category_id", UUID.class), rs.getString("category_name"),
							rs.getString("category_slug")),
					rs.getString("bio"), rs.getString("profile_photo_url"), rs.getString("cover_photo_url"),
					rs.getBoolean("verified"), rs.getBoolean("active"), rs.getBoolean("featured"),
					rs.getBigDecimal("average_rating").doubleValue(), rs.getInt("total_reviews"),
					rs.getInt("total_bookings"), meetingTypes, availability, rs.getLong("version"),
					rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant()))
			.optional()
			.orElseThrow(() -> ApiException.notFound("Celebrity " + id));
	}

	/** Edits the profile's own fields (see {@link #PROFILE_FIELDS}). */
	@Transactional
	public OwnProfile updateProfile(UUID id, JsonNode body) {
		var changes = profileChanges(body);
		snapshots.lock(id);
		if (!changes.isEmpty()) {
			var set = new StringBuilder();
			changes.keySet().forEach(column -> set.append(column).append(" = :").append(column).append(", "));
			jdbc.sql("UPDATE celebrity SET " + set + "updated_at = now() WHERE id = :id")
				.params(changes)
				.param("id", id)
				.update();
		}
		snapshots.publish(id);
		return view(id);
	}

	/** Validated column → value of a profile edit; the column names come from this whitelist only. */
	Map<String, @Nullable Object> profileChanges(JsonNode body) {
		var reader = new BodyReader(body, PROFILE_FIELDS);
		if (reader.isEmpty()) {
			reader.error("body", "must contain at least one of " + String.join(", ", new java.util.TreeSet<>(PROFILE_FIELDS)));
		}
		var changes = new LinkedHashMap<String, @Nullable Object>();
		if (reader.has("displayName")) {
			changes.put("display_name", reader.text("displayName", 100, true, false));
		}
		if (reader.has("profession")) {
			changes.put("profession", reader.text("profession", 100, false, true));
		}
		if (reader.has("bio")) {
			changes.put("bio", reader.text("bio", 2000, false, true));
		}
		if (reader.has("profilePhotoUrl")) {
			changes.put("profile_photo_url", reader.httpsUrl("profilePhotoUrl"));
		}
		if (reader.has("coverPhotoUrl")) {
			changes.put("cover_photo_url", reader.httpsUrl("coverPhotoUrl"));
		}
		if (reader.has("categoryId")) {
			var categoryId = reader.uuid("categoryId", true);
			if (categoryId != null && !categoryExists(categoryId)) {
				reader.error("categoryId", "is not a known category");
			}
			changes.put("category_id", categoryId);
		}
		reader.done();
		return changes;
	}

	boolean categoryExists(UUID id) {
		return jdbc.sql("SELECT count(*) FROM category WHERE id = :id").param("id", id).query(Long.class).single() > 0;
	}

	@Transactional
	public OwnMeetingType addMeetingType(UUID celebrityId, JsonNode body) {
		var reader = new BodyReader(body, MEETING_TYPE_FIELDS);
		var name = reader.text("name", 50, true, false);
		var duration = reader.integer("durationMinutes", 5, 240, true);
		var price = reader.integer("priceCents", 1, MAX_PRICE_CENTS, true);
		currency(reader);
		var description = reader.text("description", 500, false, true);
		var active = reader.bool("active");
		var sortOrder = reader.integer("sortOrder", 0, 10_000, false);
		reader.done();
		snapshots.lock(celebrityId);
		var id = jdbc.sql("""
				INSERT INTO meeting_type (celebrity_id, name, duration_minutes, price_cents, description, active, sort_order)
				VALUES (:celebrityId, :name, :duration, :price, :description, :active,
				  coalesce(:sortOrder, (SELECT coalesce(max(sort_order), 0) + 10 FROM meeting_type WHERE celebrity_id = :celebrityId)))
				RETURNING id""")
			.param("celebrityId", celebrityId)
			.param("name", name)
			.param("duration", duration)
			.param("price", price)
			.param("description", description)
			.param("active", active == null || active)
			.param("sortOrder", sortOrder == null ? null : sortOrder.intValue(), java.sql.Types.INTEGER)
			.query(UUID.class)
			.single();
		snapshots.refreshLowestPrice(celebrityId);
		snapshots.publish(celebrityId);
		return meetingType(id);
	}

	@Transactional
	public OwnMeetingType updateMeetingType(UUID celebrityId, UUID meetingTypeId, JsonNode body) {
		owned(celebrityId, meetingTypeId);
		var reader = new BodyReader(body, MEETING_TYPE_FIELDS);
		if (reader.isEmpty()) {
			reader.error("body", "must contain at least one field");
		}
		var changes = new LinkedHashMap<String, @Nullable Object>();
		if (reader.has("name")) {
			changes.put("name", reader.text("name", 50, true, false));
		}
		if (reader.has("durationMinutes")) {
			changes.put("duration_minutes", reader.integer("durationMinutes", 5, 240, true));
		}
		if (reader.has("priceCents")) {
			changes.put("price_cents", reader.integer("priceCents", 1, MAX_PRICE_CENTS, true));
		}
		currency(reader);
		if (reader.has("description")) {
			changes.put("description", reader.text("description", 500, false, true));
		}
		if (reader.has("active")) {
			changes.put("active", reader.bool("active"));
		}
		if (reader.has("sortOrder")) {
			changes.put("sort_order", reader.integer("sortOrder", 0, 10_000, true));
		}
		reader.done();
		snapshots.lock(celebrityId);
		if (!changes.isEmpty()) {
			var set = new StringBuilder();
			changes.keySet().forEach(column -> set.append(column).append(" = :").append(column).append(", "));
			jdbc.sql("UPDATE meeting_type SET " + set + "updated_at = now() WHERE id = :id")
				.params(changes)
				.param("id", meetingTypeId)
				.update();
		}
		snapshots.refreshLowestPrice(celebrityId);
		snapshots.publish(celebrityId);
		return meetingType(meetingTypeId);
	}

	/** Deactivates (keeps it for the bookings that reference it). */
	@Transactional
	public void deactivateMeetingType(UUID celebrityId, UUID meetingTypeId) {
		owned(celebrityId, meetingTypeId);
		snapshots.lock(celebrityId);
		jdbc.sql("UPDATE meeting_type SET active = FALSE, updated_at = now() WHERE id = :id")
			.param("id", meetingTypeId)
			.update();
		snapshots.refreshLowestPrice(celebrityId);
		snapshots.publish(celebrityId);
	}

	private static void currency(BodyReader reader) {
		if (reader.has("currency")) {
			var currency = reader.text("currency", 3, true, false);
			if (currency != null && !currency.equals("USD")) {
				reader.error("currency", "must be USD");
			}
		}
	}

	/** 404 for an unknown meeting type, 403 for another celebrity's. */
	private void owned(UUID celebrityId, UUID meetingTypeId) {
		var owner = jdbc.sql("SELECT celebrity_id FROM meeting_type WHERE id = :id")
			.param("id", meetingTypeId)
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> ApiException.notFound("Meeting type " + meetingTypeId));
		if (!owner.equals(celebrityId)) {
			throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "This meeting type belongs to another celebrity");
		}
	}

	private OwnMeetingType meetingType(UUID id) {
		return jdbc.sql("""
				SELECT id, name, duration_minutes, price_cents, currency, description, active, sort_order
				FROM meeting_type WHERE id = :id""").param("id", id).query((rs, n) -> meetingType(rs)).single();
	}

	private static OwnMeetingType meetingType(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new OwnMeetingType(rs.getObject("id", UUID.class), rs.getString("name"), rs.getInt("duration_minutes"),
				rs.getLong("price_cents"), rs.getString("currency"), rs.getString("description"),
				rs.getBoolean("active"), rs.getInt("sort_order"));
	}
}

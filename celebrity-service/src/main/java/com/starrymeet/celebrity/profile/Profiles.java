package com.starrymeet.celebrity.profile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.starrymeet.celebrity.category.Categories;
import com.starrymeet.celebrity.category.CategoryRef;
import com.starrymeet.celebrity.profile.Views.AvailabilityDetail;
import com.starrymeet.celebrity.profile.Views.OwnMeetingType;
import com.starrymeet.celebrity.profile.Views.OwnProfile;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ValidationFailed;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to a profile and its meeting types, by its owner (or an admin). Each change is a validated command; in one
 * transaction it locks the row (version + 1), writes, and records the CelebrityUpserted snapshot.
 */
@Service
public class Profiles {

	/**
	 * An edit of the profile's own fields. A component that is {@code null} was absent (left as it is); an empty
	 * {@link Optional} clears an optional field. Everything else (verified, featured, rating, username...) is not
	 * editable here.
	 */
	@SuppressWarnings("OptionalUsedAsFieldOrParameterType")
	public record ProfileChanges(@Nullable Optional<String> displayName, @Nullable Optional<String> profession,
			@Nullable Optional<UUID> categoryId, @Nullable Optional<String> bio,
			@Nullable Optional<String> profilePhotoUrl, @Nullable Optional<String> coverPhotoUrl) {

		/** The names of the fields this edit changes, in API spelling. */
		public List<String> fields() {
			var fields = new ArrayList<String>();
			add(fields, "displayName", displayName);
			add(fields, "profession", profession);
			add(fields, "categoryId", categoryId);
			add(fields, "bio", bio);
			add(fields, "profilePhotoUrl", profilePhotoUrl);
			add(fields, "coverPhotoUrl", coverPhotoUrl);
			return List.copyOf(fields);
		}
	}

	/** A new meeting type; {@code sortOrder} null puts it after the others. */
	public record NewMeetingType(String name, int durationMinutes, long priceCents, @Nullable String description,
			boolean active, @Nullable Integer sortOrder) {
	}

	/** An edit of a meeting type: null components were absent; only {@code description} can be cleared. */
	@SuppressWarnings("OptionalUsedAsFieldOrParameterType")
	public record MeetingTypeChanges(@Nullable String name, @Nullable Integer durationMinutes,
			@Nullable Long priceCents, @Nullable Optional<String> description, @Nullable Boolean active,
			@Nullable Integer sortOrder) {

		public List<String> fields() {
			var fields = new ArrayList<String>();
			add(fields, "name", name);
			add(fields, "durationMinutes", durationMinutes);
			add(fields, "priceCents", priceCents);
			add(fields, "description", description);
			add(fields, "active", active);
			add(fields, "sortOrder", sortOrder);
			return List.copyOf(fields);
		}
	}

	private static void add(List<String> fields, String name, @Nullable Object value) {
		if (value != null) {
			fields.add(name);
		}
	}

	private final JdbcClient jdbc;

	private final Snapshots snapshots;

	private final Categories categories;

	Profiles(JdbcClient jdbc, Snapshots snapshots, Categories categories) {
		this.jdbc = jdbc;
		this.snapshots = snapshots;
		this.categories = categories;
	}

	/** The celebrity profile the account {@code userId} manages; 404 if it has none. */
	@Transactional(readOnly = true)
	public UUID idOfUser(UUID userId) {
		return profileOf(userId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "NO_CELEBRITY_PROFILE",
				"This account has no celebrity profile"));
	}

	/** The celebrity profile the account {@code userId} manages, if any. */
	@Transactional(readOnly = true)
	public Optional<UUID> profileOf(UUID userId) {
		return jdbc.sql("SELECT id FROM celebrity WHERE user_id = :userId")
			.param("userId", userId)
			.query(UUID.class)
			.optional();
	}

	/** Whether a profile has this username (usernames are stored lower-case). */
	@Transactional(readOnly = true)
	public boolean usernameTaken(String username) {
		return jdbc.sql("SELECT count(*) FROM celebrity WHERE username = :username")
			.param("username", username)
			.query(Long.class)
			.single() > 0;
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
		return jdbc.sql("SELECT * FROM celebrity WHERE id = :id")
			.param("id", id)
			.query((rs, n) -> new OwnProfile(id, rs.getObject("user_id", UUID.class), rs.getString("username"),
					rs.getString("display_name"), rs.getString("profession"), category(rs), rs.getString("bio"),
					rs.getString("profile_photo_url"), rs.getString("cover_photo_url"), rs.getBoolean("verified"),
					rs.getBoolean("active"), rs.getBoolean("featured"), rs.getBigDecimal("average_rating").doubleValue(),
					rs.getInt("total_reviews"), rs.getInt("total_bookings"), meetingTypes, availability,
					rs.getLong("version"), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("updated_at").toInstant()))
			.optional()
			.orElseThrow(() -> ApiException.notFound("Celebrity " + id));
	}

	private CategoryRef category(java.sql.ResultSet rs) throws java.sql.SQLException {
		var categoryId = rs.getObject("category_id", UUID.class);
		return categories.find(categoryId).orElseThrow(() -> new IllegalStateException("No category " + categoryId));
	}

	/** Edits the profile's own fields. */
	@Transactional
	public OwnProfile updateProfile(UUID id, ProfileChanges edit) {
		if (edit.categoryId() != null && edit.categoryId().isPresent() && !categories.exists(edit.categoryId().get())) {
			throw ValidationFailed.of("categoryId", "is not a known category");
		}
		// column → value, the column names from this whitelist only
		var changes = new LinkedHashMap<String, @Nullable Object>();
		put(changes, "display_name", edit.displayName());
		put(changes, "profession", edit.profession());
		put(changes, "category_id", edit.categoryId());
		put(changes, "bio", edit.bio());
		put(changes, "profile_photo_url", edit.profilePhotoUrl());
		put(changes, "cover_photo_url", edit.coverPhotoUrl());
		snapshots.lock(id);
		update("UPDATE celebrity SET ", id, changes);
		snapshots.publish(id);
		return view(id);
	}

	@SuppressWarnings("OptionalUsedAsFieldOrParameterType")
	private static void put(LinkedHashMap<String, @Nullable Object> changes, String column,
			@Nullable Optional<?> value) {
		if (value != null) {
			changes.put(column, value.orElse(null));
		}
	}

	/** {@code updateSet} is a constant ({@code "UPDATE celebrity SET "}), the columns come from a whitelist. */
	private void update(String updateSet, UUID id, LinkedHashMap<String, @Nullable Object> changes) {
		if (changes.isEmpty()) {
			return;
		}
		var set = new StringBuilder();
		changes.keySet().forEach(column -> set.append(column).append(" = :").append(column).append(", "));
		jdbc.sql(updateSet + set + "updated_at = now() WHERE id = :id")
			.params(changes)
			.param("id", id)
			.update();
	}

	@Transactional
	public OwnMeetingType addMeetingType(UUID celebrityId, NewMeetingType type) {
		snapshots.lock(celebrityId);
		var id = jdbc.sql("""
				INSERT INTO meeting_type (celebrity_id, name, duration_minutes, price_cents, description, active, sort_order)
				VALUES (:celebrityId, :name, :duration, :price, :description, :active,
				  coalesce(:sortOrder, (SELECT coalesce(max(sort_order), 0) + 10 FROM meeting_type WHERE celebrity_id = :celebrityId)))
				RETURNING id""")
			.param("celebrityId", celebrityId)
			.param("name", type.name())
			.param("duration", type.durationMinutes())
			.param("price", type.priceCents())
			.param("description", type.description(), java.sql.Types.VARCHAR)
			.param("active", type.active())
			.param("sortOrder", type.sortOrder(), java.sql.Types.INTEGER)
			.query(UUID.class)
			.single();
		snapshots.refreshLowestPrice(celebrityId);
		snapshots.publish(celebrityId);
		return meetingType(id);
	}

	@Transactional
	public OwnMeetingType updateMeetingType(UUID celebrityId, UUID meetingTypeId, MeetingTypeChanges edit) {
		owned(celebrityId, meetingTypeId);
		var changes = new LinkedHashMap<String, @Nullable Object>();
		putValue(changes, "name", edit.name());
		putValue(changes, "duration_minutes", edit.durationMinutes());
		putValue(changes, "price_cents", edit.priceCents());
		put(changes, "description", edit.description());
		putValue(changes, "active", edit.active());
		putValue(changes, "sort_order", edit.sortOrder());
		snapshots.lock(celebrityId);
		update("UPDATE meeting_type SET ", meetingTypeId, changes);
		snapshots.refreshLowestPrice(celebrityId);
		snapshots.publish(celebrityId);
		return meetingType(meetingTypeId);
	}

	private static void putValue(LinkedHashMap<String, @Nullable Object> changes, String column,
			@Nullable Object value) {
		if (value != null) {
			changes.put(column, value);
		}
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

package com.starrymeet.celebrity.profile;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.starrymeet.celebrity.profile.Views.OwnMeetingType;
import com.starrymeet.celebrity.profile.Views.OwnProfile;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.BodyReader;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admin moderation: create managed profiles, verify, feature, deactivate, edit any profile. Every action
 * writes the audit log and publishes the snapshot in the same transaction. Deactivation publishes a
 * non-public snapshot ({@code active: false}) rather than CelebrityRemoved: the profile can come back, and
 * consumers already hide snapshots that are not public.
 */
@Service
public class AdminCelebrities {

	/** A moderation switch: the column it sets and the value. */
	public enum Action {

		VERIFY("verified", true), UNVERIFY("verified", false), FEATURE("featured", true),
		UNFEATURE("featured", false), ACTIVATE("active", true), DEACTIVATE("active", false);

		final String column;

		final boolean value;

		Action(String column, boolean value) {
			this.column = column;
			this.value = value;
		}

		public static Action parse(String value) {
			try {
				return valueOf(value.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.notFound("Action " + value);
			}
		}
	}

	public record AuditEntry(UUID id, UUID adminId, String action, JsonNode details, Instant createdAt) {
	}

	private static final Pattern USERNAME = Pattern.compile("^[a-z0-9_.]{3,30}$");

	/** Path segments under /v1/celebrities that a username must not shadow. */
	private static final Set<String> RESERVED = Set.of("featured", "search", "me", "applications");

	/** Records a field error unless {@code username} is null or a valid, unreserved username. */
	public static void checkUsername(BodyReader reader, @Nullable String username) {
		if (username != null && (!USERNAME.matcher(username).matches() || RESERVED.contains(username))) {
			reader.error("username", "must be 3-30 of a-z, 0-9, '_' and '.', and not a reserved word");
		}
	}

	static final Set<String> CREATE_FIELDS = Set.of("username", "displayName", "profession", "categoryId", "bio",
			"profilePhotoUrl", "coverPhotoUrl", "userId");

	private final JdbcClient jdbc;

	private final Profiles profiles;

	private final Snapshots snapshots;

	private final JsonMapper json;

	AdminCelebrities(JdbcClient jdbc, Profiles profiles, Snapshots snapshots, JsonMapper json) {
		this.jdbc = jdbc;
		this.profiles = profiles;
		this.snapshots = snapshots;
		this.json = json;
	}

	@Transactional
	public OwnProfile create(UUID adminId, JsonNode body) {
		var reader = new BodyReader(body, CREATE_FIELDS);
		var username = reader.text("username", 30, true, false);
		checkUsername(reader, username);
		var displayName = reader.text("displayName", 100, true, false);
		var profession = reader.text("profession", 100, false, true);
		var categoryId = reader.uuid("categoryId", true);
		if (categoryId != null && !profiles.categoryExists(categoryId)) {
			reader.error("categoryId", "is not a known category");
		}
		var bio = reader.text("bio", 2000, false, true);
		var photo = reader.httpsUrl("profilePhotoUrl");
		var cover = reader.httpsUrl("coverPhotoUrl");
		var userId = reader.has("userId") ? reader.uuid("userId", false) : null;
		reader.done();
		UUID id;
		try {
			id = jdbc.sql("""
					INSERT INTO celebrity (user_id, username, display_name, profession, category_id, bio,
					  profile_photo_url, cover_photo_url)
					VALUES (:userId, :username, :displayName, :profession, :categoryId, :bio, :photo, :cover)
					RETURNING id""")
				.param("userId", userId, java.sql.Types.OTHER)
				.param("username", username)
				.param("displayName", displayName)
				.param("profession", profession)
				.param("categoryId", categoryId)
				.param("bio", bio)
				.param("photo", photo)
				.param("cover", cover)
				.query(UUID.class)
				.single();
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("CELEBRITY_EXISTS", "The username or the account already has a profile");
		}
		snapshots.lock(id);
		audit(adminId, id, "CREATE", Map.of("username", String.valueOf(username)));
		snapshots.publish(id);
		return profiles.view(id);
	}

	/**
	 * Creates the profile of an approved applicant, in the caller's transaction: linked to the account, verified and
	 * active (so public at once), audit-logged as {@code CREATE_FROM_APPLICATION} and published.
	 * @return the new profile's id
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public UUID createForApplicant(UUID adminId, UUID applicationId, UUID userId, String username, String displayName,
			@Nullable String profession, UUID categoryId, @Nullable String bio) {
		if (jdbc.sql("SELECT count(*) FROM celebrity WHERE user_id = :userId").param("userId", userId)
			.query(Long.class).single() > 0) {
			throw ApiException.conflict("ALREADY_CELEBRITY", "The applicant already has a celebrity profile");
		}
		if (jdbc.sql("SELECT count(*) FROM celebrity WHERE username = :username").param("username", username)
			.query(Long.class).single() > 0) {
			throw ApiException.conflict("USERNAME_TAKEN", "The username " + username + " is taken; reject the application");
		}
		UUID id;
		try {
			id = jdbc.sql("""
					INSERT INTO celebrity (user_id, username, display_name, profession, category_id, bio, verified, active)
					VALUES (:userId, :username, :displayName, :profession, :categoryId, :bio, TRUE, TRUE)
					RETURNING id""")
				.param("userId", userId)
				.param("username", username)
				.param("displayName", displayName)
				.param("profession", profession)
				.param("categoryId", categoryId)
				.param("bio", bio)
				.query(UUID.class)
				.single();
		}
		catch (DuplicateKeyException ex) { // a concurrent change took the username or linked the account
			throw ApiException.conflict("CELEBRITY_EXISTS", "The username or the account already has a profile");
		}
		snapshots.lock(id);
		audit(adminId, id, "CREATE_FROM_APPLICATION", Map.of("applicationId", applicationId.toString()));
		snapshots.publish(id);
		return id;
	}

	@Transactional
	public OwnProfile apply(UUID adminId, UUID id, Action action) {
		snapshots.lock(id);
		jdbc.sql("UPDATE celebrity SET " + action.column + " = :value WHERE id = :id") // column from the enum only
			.param("value", action.value)
			.param("id", id)
			.update();
		audit(adminId, id, action.name(), Map.of());
		snapshots.publish(id);
		return profiles.view(id);
	}

	@Transactional
	public OwnProfile edit(UUID adminId, UUID id, JsonNode body) {
		var result = profiles.updateProfile(id, body);
		audit(adminId, id, "EDIT", Map.of("fields", fieldNames(body)));
		return result;
	}

	/** Meeting types of any profile, e.g. a managed one that has no CELEBRITY account. */
	@Transactional
	public OwnMeetingType addMeetingType(UUID adminId, UUID id, JsonNode body) {
		var result = profiles.addMeetingType(id, body);
		audit(adminId, id, "ADD_MEETING_TYPE", Map.of("meetingTypeId", result.id().toString()));
		return result;
	}

	@Transactional
	public OwnMeetingType updateMeetingType(UUID adminId, UUID id, UUID meetingTypeId, JsonNode body) {
		var result = profiles.updateMeetingType(id, meetingTypeId, body);
		audit(adminId, id, "EDIT_MEETING_TYPE",
				Map.of("meetingTypeId", meetingTypeId.toString(), "fields", fieldNames(body)));
		return result;
	}

	@Transactional
	public void deactivateMeetingType(UUID adminId, UUID id, UUID meetingTypeId) {
		profiles.deactivateMeetingType(id, meetingTypeId);
		audit(adminId, id, "DEACTIVATE_MEETING_TYPE", Map.of("meetingTypeId", meetingTypeId.toString()));
	}

	@Transactional(readOnly = true)
	public List<AuditEntry> audit(UUID id) {
		profiles.view(id); // 404 when unknown
		return jdbc.sql("""
				SELECT id, admin_id, action, details::text AS details, created_at FROM admin_audit_log
				WHERE celebrity_id = :id ORDER BY created_at DESC, id LIMIT 200""")
			.param("id", id)
			.query((rs, n) -> new AuditEntry(rs.getObject("id", UUID.class), rs.getObject("admin_id", UUID.class),
					rs.getString("action"), json.readTree(rs.getString("details")),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	private void audit(UUID adminId, UUID celebrityId, String action, Map<String, ?> details) {
		jdbc.sql("""
				INSERT INTO admin_audit_log (admin_id, celebrity_id, action, details)
				VALUES (:admin, :celebrity, :action, :details::jsonb)""")
			.param("admin", adminId)
			.param("celebrity", celebrityId)
			.param("action", action)
			.param("details", json.writeValueAsString(details))
			.update();
	}

	private static List<String> fieldNames(@Nullable JsonNode body) {
		return body == null || !body.isObject() ? List.of() : body.propertyNames().stream().sorted().toList();
	}
}

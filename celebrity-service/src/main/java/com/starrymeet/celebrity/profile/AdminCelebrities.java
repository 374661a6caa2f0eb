package com.starrymeet.celebrity.profile;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.celebrity.category.Categories;
import com.starrymeet.celebrity.profile.Views.OwnMeetingType;
import com.starrymeet.celebrity.profile.Views.OwnProfile;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ValidationFailed;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

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

	/** A managed profile to create; {@code userId} links it to a CELEBRITY account (none: admins manage it). */
	public record NewProfile(String username, String displayName, @Nullable String profession, UUID categoryId,
			@Nullable String bio, @Nullable String profilePhotoUrl, @Nullable String coverPhotoUrl,
			@Nullable UUID userId) {
	}

	private final JdbcClient jdbc;

	private final Profiles profiles;

	private final Snapshots snapshots;

	private final Categories categories;

	private final AuditLog auditLog;

	AdminCelebrities(JdbcClient jdbc, Profiles profiles, Snapshots snapshots, Categories categories,
			AuditLog auditLog) {
		this.jdbc = jdbc;
		this.profiles = profiles;
		this.snapshots = snapshots;
		this.categories = categories;
		this.auditLog = auditLog;
	}

	/** Creates a managed profile, unverified (not public), audit-logged {@code CREATE}. */
	@Transactional
	public OwnProfile create(UUID adminId, NewProfile profile) {
		if (!categories.exists(profile.categoryId())) {
			throw ValidationFailed.of("categoryId", "is not a known category");
		}
		UUID id;
		try {
			id = jdbc.sql("""
					INSERT INTO celebrity (user_id, username, display_name, profession, category_id, bio,
					  profile_photo_url, cover_photo_url)
					VALUES (:userId, :username, :displayName, :profession, :categoryId, :bio, :photo, :cover)
					RETURNING id""")
				.param("userId", profile.userId(), java.sql.Types.OTHER)
				.param("username", profile.username())
				.param("displayName", profile.displayName())
				.param("profession", profile.profession(), java.sql.Types.VARCHAR)
				.param("categoryId", profile.categoryId())
				.param("bio", profile.bio(), java.sql.Types.VARCHAR)
				.param("photo", profile.profilePhotoUrl(), java.sql.Types.VARCHAR)
				.param("cover", profile.coverPhotoUrl(), java.sql.Types.VARCHAR)
				.query(UUID.class)
				.single();
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("CELEBRITY_EXISTS", "The username or the account already has a profile");
		}
		snapshots.lock(id);
		audit(adminId, id, "CREATE", Map.of("username", profile.username()));
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
		if (profiles.profileOf(userId).isPresent()) {
			throw ApiException.conflict("ALREADY_CELEBRITY", "The applicant already has a celebrity profile");
		}
		if (profiles.usernameTaken(username)) {
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
	public OwnProfile edit(UUID adminId, UUID id, Profiles.ProfileChanges edit) {
		var result = profiles.updateProfile(id, edit);
		audit(adminId, id, "EDIT", Map.of("fields", edit.fields()));
		return result;
	}

	/** Meeting types of any profile, e.g. a managed one that has no CELEBRITY account. */
	@Transactional
	public OwnMeetingType addMeetingType(UUID adminId, UUID id, Profiles.NewMeetingType type) {
		var result = profiles.addMeetingType(id, type);
		audit(adminId, id, "ADD_MEETING_TYPE", Map.of("meetingTypeId", result.id().toString()));
		return result;
	}

	@Transactional
	public OwnMeetingType updateMeetingType(UUID adminId, UUID id, UUID meetingTypeId,
			Profiles.MeetingTypeChanges edit) {
		var result = profiles.updateMeetingType(id, meetingTypeId, edit);
		audit(adminId, id, "EDIT_MEETING_TYPE",
				Map.of("meetingTypeId", meetingTypeId.toString(), "fields", edit.fields()));
		return result;
	}

	@Transactional
	public void deactivateMeetingType(UUID adminId, UUID id, UUID meetingTypeId) {
		profiles.deactivateMeetingType(id, meetingTypeId);
		audit(adminId, id, "DEACTIVATE_MEETING_TYPE", Map.of("meetingTypeId", meetingTypeId.toString()));
	}

	@Transactional(readOnly = true)
	public List<AuditLog.Entry> audit(UUID id) {
		profiles.view(id); // 404 when unknown
		return auditLog.of(id);
	}

	private void audit(UUID adminId, UUID celebrityId, String action, Map<String, ?> details) {
		auditLog.record(adminId, celebrityId, null, action, details);
	}
}

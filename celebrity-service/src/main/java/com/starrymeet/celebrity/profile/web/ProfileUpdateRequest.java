package com.starrymeet.celebrity.profile.web;

import java.util.Optional;
import java.util.UUID;

import com.starrymeet.celebrity.profile.Profiles;
import com.starrymeet.celebrity.validation.HttpsUrl;
import com.starrymeet.celebrity.validation.Text;
import com.starrymeet.common.web.ValidationFailed;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * An edit of a profile's own fields (PATCH): an absent field stays as it is, {@code null} clears an optional one
 * (profession, bio, the photos); text is trimmed. Any other field (verified, featured, averageRating, username,
 * userId, ...) is a 400 naming it.
 */
@Schema(description = "Profile fields to change; absent = unchanged, null clears an optional field")
@SuppressWarnings("OptionalUsedAsFieldOrParameterType")
record ProfileUpdateRequest(
		@Schema(description = "1-100 characters; cannot be cleared", maxLength = 100, types = "string")
		@Nullable Optional<@NotBlank @Size(max = 100) String> displayName,
		@Schema(description = "at most 100 characters", maxLength = 100, types = { "string", "null" })
		@Nullable Optional<@Size(max = 100) String> profession,
		@Schema(description = "a category's id; cannot be cleared", types = "string", format = "uuid")
		@Nullable Optional<@NotNull UUID> categoryId,
		@Schema(description = "at most 2000 characters", maxLength = 2000, types = { "string", "null" })
		@Nullable Optional<@Size(max = 2000) String> bio,
		@Schema(description = "an https URL", types = { "string", "null" }, format = "uri")
		@Nullable Optional<@HttpsUrl String> profilePhotoUrl,
		@Schema(description = "an https URL", types = { "string", "null" }, format = "uri")
		@Nullable Optional<@HttpsUrl String> coverPhotoUrl) {

	ProfileUpdateRequest {
		displayName = Text.strip(displayName);
		profession = Text.stripToEmpty(profession);
		bio = Text.stripToEmpty(bio);
		profilePhotoUrl = Text.stripToEmpty(profilePhotoUrl);
		coverPhotoUrl = Text.stripToEmpty(coverPhotoUrl);
	}

	/** The command; 400 when no field is given. */
	Profiles.ProfileChanges toCommand() {
		var changes = new Profiles.ProfileChanges(displayName, profession, categoryId, bio, profilePhotoUrl,
				coverPhotoUrl);
		if (changes.fields().isEmpty()) {
			throw ValidationFailed.of("body",
					"must contain at least one of bio, categoryId, coverPhotoUrl, displayName, profession, profilePhotoUrl");
		}
		return changes;
	}
}

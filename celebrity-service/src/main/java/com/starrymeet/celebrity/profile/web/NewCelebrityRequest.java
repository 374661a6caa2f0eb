package com.starrymeet.celebrity.profile.web;

import java.util.UUID;

import com.starrymeet.celebrity.profile.AdminCelebrities;
import com.starrymeet.celebrity.validation.HttpsUrl;
import com.starrymeet.celebrity.validation.Text;
import com.starrymeet.celebrity.validation.Username;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** A managed profile an admin creates (created unverified, so not public yet). */
@Schema(description = "A new managed profile")
record NewCelebrityRequest(
		@Schema(description = "3-30 of a-z 0-9 _ . and not featured, search, me or applications",
				requiredMode = Schema.RequiredMode.REQUIRED)
		@NotNull @Username String username,
		@Schema(description = "1-100 characters", requiredMode = Schema.RequiredMode.REQUIRED)
		@NotBlank @Size(max = 100) String displayName,
		@Schema(description = "at most 100 characters") @Nullable @Size(max = 100) String profession,
		@Schema(description = "a category's id", requiredMode = Schema.RequiredMode.REQUIRED) @NotNull UUID categoryId,
		@Schema(description = "at most 2000 characters") @Nullable @Size(max = 2000) String bio,
		@Schema(description = "an https URL", format = "uri") @Nullable @HttpsUrl String profilePhotoUrl,
		@Schema(description = "an https URL", format = "uri") @Nullable @HttpsUrl String coverPhotoUrl,
		@Schema(description = "the CELEBRITY account that will edit it; none: admins manage it")
		@Nullable UUID userId) {

	NewCelebrityRequest {
		username = Text.strip(username);
		displayName = Text.strip(displayName);
		profession = Text.stripToNull(profession);
		bio = Text.stripToNull(bio);
		profilePhotoUrl = Text.stripToNull(profilePhotoUrl);
		coverPhotoUrl = Text.stripToNull(coverPhotoUrl);
	}

	AdminCelebrities.NewProfile toCommand() {
		return new AdminCelebrities.NewProfile(username, displayName, profession, categoryId, bio, profilePhotoUrl,
				coverPhotoUrl, userId);
	}
}

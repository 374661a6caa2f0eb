package com.starrymeet.celebrity.application.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.celebrity.application.Applications;
import com.starrymeet.celebrity.validation.HttpsUrl;
import com.starrymeet.celebrity.validation.Text;
import com.starrymeet.celebrity.validation.Username;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * An application to become a celebrity. The category is given by {@code categoryId} or by {@code category} (a slug
 * or an id), exactly one; the username is stored lower-case. Any other field (status, verified, userId, ...) is a 400
 * naming it.
 */
@Schema(description = "An application to become a celebrity")
record NewApplicationRequest(
		@Schema(description = "1-100 characters", requiredMode = Schema.RequiredMode.REQUIRED)
		@NotBlank @Size(max = 100) String displayName,
		@Schema(description = "3-30 of a-z 0-9 _ . (any case, stored lower-case), not a reserved word",
				requiredMode = Schema.RequiredMode.REQUIRED)
		@NotNull @Username String username,
		@Schema(description = "at most 100 characters") @Nullable @Size(max = 100) String profession,
		@Schema(description = "a category's id; give this or category") @Nullable UUID categoryId,
		@Schema(description = "a category's slug or id; give this or categoryId") @Nullable @Size(max = 50) String category,
		@Schema(description = "at most 2000 characters") @Nullable @Size(max = 2000) String bio,
		@Schema(description = "up to 10 links: a name (1-30 of a-z 0-9 _ -, starting with a letter) to an https URL, "
				+ "e.g. {\"instagram\": \"https://instagram.com/nova\"}")
		@Nullable @Size(max = MAX_LINKS, message = "must have at most 10 entries")
		Map<@Pattern(regexp = LINK_NAME, message = "the name must be 1-30 of a-z, 0-9, '_' and '-', starting with a letter") String,
				@NotNull(message = "must be an https URL") @HttpsUrl String> links,
		@Schema(description = "a note for the admins, at most 2000 characters") @Nullable @Size(max = 2000) String message) {

	static final String LINK_NAME = "^[a-z][a-z0-9_-]{0,29}$";

	static final int MAX_LINKS = 10;

	NewApplicationRequest {
		displayName = Text.strip(displayName);
		username = username == null ? null : username.strip().toLowerCase(Locale.ROOT);
		profession = Text.stripToNull(profession);
		category = Text.strip(category);
		bio = Text.stripToNull(bio);
		message = Text.stripToNull(message);
		if (links != null) {
			var stripped = new LinkedHashMap<String, String>();
			links.forEach((name, url) -> stripped.put(name, Text.strip(url)));
			links = stripped;
		}
	}

	Applications.NewApplication toCommand() {
		return new Applications.NewApplication(displayName, username, profession, categoryId, category, bio,
				links == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(links)), message);
	}
}

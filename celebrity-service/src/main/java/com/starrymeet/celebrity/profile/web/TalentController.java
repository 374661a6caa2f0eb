package com.starrymeet.celebrity.profile.web;

import java.util.UUID;

import com.starrymeet.celebrity.profile.AdminCelebrities;
import com.starrymeet.celebrity.profile.Profiles;
import com.starrymeet.celebrity.profile.Views.OwnMeetingType;
import com.starrymeet.celebrity.profile.Views.OwnProfile;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ApiResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The talent's own profile and meeting types (role CELEBRITY; the profile whose {@code user_id} is the token's
 * subject). {@code PATCH /v1/celebrities/{id}}: the owner or an admin; anyone else 403, whether or not the
 * profile exists.
 */
@RestController
class TalentController {

	private final Profiles profiles;

	private final AdminCelebrities admin;

	TalentController(Profiles profiles, AdminCelebrities admin) {
		this.profiles = profiles;
		this.admin = admin;
	}

	@GetMapping("/v1/celebrities/me")
	ApiResponse<OwnProfile> me(Authentication authentication) {
		return ApiResponse.ok(profiles.view(own(authentication)));
	}

	@PatchMapping("/v1/celebrities/me")
	ApiResponse<OwnProfile> edit(Authentication authentication, @RequestBody(required = false) @Nullable JsonNode body) {
		return ApiResponse.ok(profiles.updateProfile(own(authentication), orEmpty(body)));
	}

	@PatchMapping("/v1/celebrities/{idOrUsername}")
	ApiResponse<OwnProfile> editById(Authentication authentication, @PathVariable String idOrUsername,
			@RequestBody(required = false) @Nullable JsonNode body) {
		var caller = Caller.of(authentication);
		UUID target;
		if (caller.admin()) { // audit-logged
			return ApiResponse.ok(admin.edit(caller.userId(), profiles.resolve(idOrUsername), orEmpty(body)));
		}
		else if (caller.celebrity()) {
			var own = own(authentication);
			UUID requested;
			try {
				requested = profiles.resolve(idOrUsername);
			}
			catch (ApiException ex) {
				throw forbidden();
			}
			if (!requested.equals(own)) {
				throw forbidden();
			}
			target = own;
		}
		else {
			throw forbidden();
		}
		return ApiResponse.ok(profiles.updateProfile(target, orEmpty(body)));
	}

	@PostMapping("/v1/celebrities/me/meeting-types")
	@ResponseStatus(HttpStatus.CREATED)
	ApiResponse<OwnMeetingType> addMeetingType(Authentication authentication,
			@RequestBody(required = false) @Nullable JsonNode body) {
		return ApiResponse.ok(profiles.addMeetingType(own(authentication), orEmpty(body)));
	}

	@PatchMapping("/v1/celebrities/me/meeting-types/{meetingTypeId}")
	ApiResponse<OwnMeetingType> editMeetingType(Authentication authentication, @PathVariable UUID meetingTypeId,
			@RequestBody(required = false) @Nullable JsonNode body) {
		return ApiResponse.ok(profiles.updateMeetingType(own(authentication), meetingTypeId, orEmpty(body)));
	}

	@DeleteMapping("/v1/celebrities/me/meeting-types/{meetingTypeId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deactivateMeetingType(Authentication authentication, @PathVariable UUID meetingTypeId) {
		profiles.deactivateMeetingType(own(authentication), meetingTypeId);
	}

	private UUID own(Authentication authentication) {
		return profiles.idOfUser(Caller.of(authentication).requireCelebrity().userId());
	}

	private static JsonNode orEmpty(@Nullable JsonNode body) {
		return body == null ? tools.jackson.databind.node.NullNode.getInstance() : body;
	}

	private static ApiException forbidden() {
		return new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "You can only edit your own profile");
	}
}

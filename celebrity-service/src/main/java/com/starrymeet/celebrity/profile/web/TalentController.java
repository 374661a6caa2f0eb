package com.starrymeet.celebrity.profile.web;

import java.util.UUID;

import com.starrymeet.celebrity.profile.AdminCelebrities;
import com.starrymeet.celebrity.profile.Profiles;
import com.starrymeet.celebrity.profile.Views.OwnMeetingType;
import com.starrymeet.celebrity.profile.Views.OwnProfile;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The talent's own profile and meeting types (role CELEBRITY; the profile whose {@code user_id} is the token's
 * subject). {@code PATCH /v1/celebrities/{id}}: the owner or an admin; another celebrity 403, whether or not the
 * profile exists (a public profile is no secret, but an unknown id must not be told apart from another's).
 */
@RestController
@Tag(name = "talent", description = "A celebrity's own profile and meeting types (role CELEBRITY)")
class TalentController {

	private final Profiles profiles;

	private final AdminCelebrities admin;

	TalentController(Profiles profiles, AdminCelebrities admin) {
		this.profiles = profiles;
		this.admin = admin;
	}

	@GetMapping("/v1/celebrities/me")
	@Operation(operationId = "getOwnProfile", summary = "Get the caller's own profile",
			description = "With private state (verified, active, featured, version, inactive meeting types); 404 "
					+ "`NO_CELEBRITY_PROFILE` when the account has none.")
	ApiResponse<OwnProfile> me(Caller caller) {
		return ApiResponse.ok(profiles.view(own(caller)));
	}

	@PatchMapping("/v1/celebrities/me")
	@Operation(operationId = "updateOwnProfile", summary = "Edit the caller's own profile")
	ApiResponse<OwnProfile> edit(Caller caller, @Valid @RequestBody ProfileUpdateRequest body) {
		return ApiResponse.ok(profiles.updateProfile(own(caller), body.toCommand()));
	}

	@PatchMapping("/v1/celebrities/{idOrUsername}")
	@Operation(operationId = "updateProfile", summary = "Edit a profile by id or username",
			description = "Its owner (CELEBRITY) or an admin (audit-logged); another celebrity's profile, or an unknown "
					+ "one, is 403.")
	ApiResponse<OwnProfile> editById(Caller caller,
			@Parameter(description = "the profile's id or username") @PathVariable String idOrUsername,
			@Valid @RequestBody ProfileUpdateRequest body) {
		caller.requireRole(Caller.Role.CELEBRITY, Caller.Role.ADMIN);
		if (caller.isAdmin()) { // audit-logged
			return ApiResponse.ok(admin.edit(caller.userId(), profiles.resolve(idOrUsername), body.toCommand()));
		}
		var own = own(caller);
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
		return ApiResponse.ok(profiles.updateProfile(own, body.toCommand()));
	}

	@PostMapping("/v1/celebrities/me/meeting-types")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "addOwnMeetingType", summary = "Add a meeting type to the caller's profile")
	ApiResponse<OwnMeetingType> addMeetingType(Caller caller, @Valid @RequestBody NewMeetingTypeRequest body) {
		return ApiResponse.ok(profiles.addMeetingType(own(caller), body.toCommand()));
	}

	@PatchMapping("/v1/celebrities/me/meeting-types/{meetingTypeId}")
	@Operation(operationId = "updateOwnMeetingType", summary = "Edit one of the caller's meeting types",
			description = "Another celebrity's meeting type is 403, an unknown one 404.")
	ApiResponse<OwnMeetingType> editMeetingType(Caller caller, @PathVariable UUID meetingTypeId,
			@Valid @RequestBody MeetingTypeUpdateRequest body) {
		return ApiResponse.ok(profiles.updateMeetingType(own(caller), meetingTypeId, body.toCommand()));
	}

	@DeleteMapping("/v1/celebrities/me/meeting-types/{meetingTypeId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "deactivateOwnMeetingType", summary = "Deactivate one of the caller's meeting types",
			description = "Kept (inactive) for the bookings that reference it.")
	void deactivateMeetingType(Caller caller, @PathVariable UUID meetingTypeId) {
		profiles.deactivateMeetingType(own(caller), meetingTypeId);
	}

	/** The caller's own profile: 403 for a role other than CELEBRITY, 404 {@code NO_CELEBRITY_PROFILE} without one. */
	private UUID own(Caller caller) {
		return profiles.idOfUser(caller.requireRole(Caller.Role.CELEBRITY).userId());
	}

	private static ApiException forbidden() {
		return new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "You can only edit your own profile");
	}
}

package com.starrymeet.celebrity.profile.web;

import java.util.List;
import java.util.UUID;

import com.starrymeet.celebrity.profile.AdminCelebrities;
import com.starrymeet.celebrity.profile.AuditLog;
import com.starrymeet.celebrity.profile.Profiles;
import com.starrymeet.celebrity.profile.Views.OwnMeetingType;
import com.starrymeet.celebrity.profile.Views.OwnProfile;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
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

/** Admin moderation of profiles (role ADMIN), audit-logged. */
@RestController
@Tag(name = "admin-celebrities", description = "Admin moderation of profiles and their meeting types (role ADMIN), audit-logged")
class AdminController {

	private final AdminCelebrities admin;

	private final Profiles profiles;

	AdminController(AdminCelebrities admin, Profiles profiles) {
		this.admin = admin;
		this.profiles = profiles;
	}

	@PostMapping("/v1/admin/celebrities")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createManagedProfile", summary = "Create a managed profile",
			description = "Created unverified (not public). A taken username or account is 409 `CELEBRITY_EXISTS`.")
	ApiResponse<OwnProfile> create(Caller caller, @Valid @RequestBody NewCelebrityRequest body) {
		return ApiResponse.ok(admin.create(adminId(caller), body.toCommand()));
	}

	@GetMapping("/v1/admin/celebrities/{id}")
	@Operation(operationId = "getProfileAsAdmin", summary = "Get any profile with its private state")
	ApiResponse<OwnProfile> one(Caller caller, @PathVariable UUID id) {
		adminId(caller);
		return ApiResponse.ok(profiles.view(id));
	}

	@PatchMapping("/v1/admin/celebrities/{id}")
	@Operation(operationId = "updateProfileAsAdmin", summary = "Edit any profile")
	ApiResponse<OwnProfile> edit(Caller caller, @PathVariable UUID id, @Valid @RequestBody ProfileUpdateRequest body) {
		return ApiResponse.ok(admin.edit(adminId(caller), id, body.toCommand()));
	}

	@PostMapping("/v1/admin/celebrities/{id}/{action:verify|unverify|feature|unfeature|activate|deactivate}")
	@Operation(operationId = "moderateProfile", summary = "Verify, unverify, feature, unfeature, activate or deactivate a profile",
			description = "Public = active and verified; every switch publishes the profile's snapshot.")
	ApiResponse<OwnProfile> act(Caller caller, @PathVariable UUID id,
			@Parameter(description = "the moderation switch", schema = @Schema(allowableValues = { "verify", "unverify",
					"feature", "unfeature", "activate", "deactivate" })) @PathVariable String action) {
		return ApiResponse.ok(admin.apply(adminId(caller), id, AdminCelebrities.Action.parse(action)));
	}

	@PostMapping("/v1/admin/celebrities/{id}/meeting-types")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "addMeetingTypeAsAdmin", summary = "Add a meeting type to any profile")
	ApiResponse<OwnMeetingType> addMeetingType(Caller caller, @PathVariable UUID id,
			@Valid @RequestBody NewMeetingTypeRequest body) {
		return ApiResponse.ok(admin.addMeetingType(adminId(caller), id, body.toCommand()));
	}

	@PatchMapping("/v1/admin/celebrities/{id}/meeting-types/{meetingTypeId}")
	@Operation(operationId = "updateMeetingTypeAsAdmin", summary = "Edit a meeting type of any profile")
	ApiResponse<OwnMeetingType> editMeetingType(Caller caller, @PathVariable UUID id, @PathVariable UUID meetingTypeId,
			@Valid @RequestBody MeetingTypeUpdateRequest body) {
		return ApiResponse.ok(admin.updateMeetingType(adminId(caller), id, meetingTypeId, body.toCommand()));
	}

	@DeleteMapping("/v1/admin/celebrities/{id}/meeting-types/{meetingTypeId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "deactivateMeetingTypeAsAdmin", summary = "Deactivate a meeting type of any profile")
	void deactivateMeetingType(Caller caller, @PathVariable UUID id, @PathVariable UUID meetingTypeId) {
		admin.deactivateMeetingType(adminId(caller), id, meetingTypeId);
	}

	@GetMapping("/v1/admin/celebrities/{id}/audit")
	@Operation(operationId = "getProfileAuditLog", summary = "Get a profile's audit log", description = "The newest 200 admin actions on it.")
	ApiResponse<List<AuditLog.Entry>> audit(Caller caller, @PathVariable UUID id) {
		adminId(caller);
		return ApiResponse.ok(admin.audit(id));
	}

	private static UUID adminId(Caller caller) {
		return caller.requireRole(Caller.Role.ADMIN).userId();
	}
}

package com.starrymeet.celebrity.profile.web;

import java.util.List;
import java.util.UUID;

import com.starrymeet.celebrity.profile.AdminCelebrities;
import com.starrymeet.celebrity.profile.Profiles;
import com.starrymeet.celebrity.profile.Views.OwnMeetingType;
import com.starrymeet.celebrity.profile.Views.OwnProfile;
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

/** Admin moderation of profiles (role ADMIN), audit-logged. */
@RestController
class AdminController {

	private final AdminCelebrities admin;

	private final Profiles profiles;

	AdminController(AdminCelebrities admin, Profiles profiles) {
		this.admin = admin;
		this.profiles = profiles;
	}

	@PostMapping("/v1/admin/celebrities")
	@ResponseStatus(HttpStatus.CREATED)
	ApiResponse<OwnProfile> create(Authentication authentication, @RequestBody(required = false) @Nullable JsonNode body) {
		return ApiResponse.ok(admin.create(adminId(authentication), orNull(body)));
	}

	@GetMapping("/v1/admin/celebrities/{id}")
	ApiResponse<OwnProfile> one(Authentication authentication, @PathVariable UUID id) {
		adminId(authentication);
		return ApiResponse.ok(profiles.view(id));
	}

	@PatchMapping("/v1/admin/celebrities/{id}")
	ApiResponse<OwnProfile> edit(Authentication authentication, @PathVariable UUID id,
			@RequestBody(required = false) @Nullable JsonNode body) {
		return ApiResponse.ok(admin.edit(adminId(authentication), id, orNull(body)));
	}

	/** {@code verify, unverify, feature, unfeature, activate, deactivate}. */
	@PostMapping("/v1/admin/celebrities/{id}/{action:verify|unverify|feature|unfeature|activate|deactivate}")
	ApiResponse<OwnProfile> act(Authentication authentication, @PathVariable UUID id, @PathVariable String action) {
		return ApiResponse.ok(admin.apply(adminId(authentication), id, AdminCelebrities.Action.parse(action)));
	}

	@PostMapping("/v1/admin/celebrities/{id}/meeting-types")
	@ResponseStatus(HttpStatus.CREATED)
	ApiResponse<OwnMeetingType> addMeetingType(Authentication authentication, @PathVariable UUID id,
			@RequestBody(required = false) @Nullable JsonNode body) {
		return ApiResponse.ok(admin.addMeetingType(adminId(authentication), id, orNull(body)));
	}

	@PatchMapping("/v1/admin/celebrities/{id}/meeting-types/{meetingTypeId}")
	ApiResponse<OwnMeetingType> editMeetingType(Authentication authentication, @PathVariable UUID id,
			@PathVariable UUID meetingTypeId, @RequestBody(required = false) @Nullable JsonNode body) {
		return ApiResponse.ok(admin.updateMeetingType(adminId(authentication), id, meetingTypeId, orNull(body)));
	}

	@DeleteMapping("/v1/admin/celebrities/{id}/meeting-types/{meetingTypeId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deactivateMeetingType(Authentication authentication, @PathVariable UUID id, @PathVariable UUID meetingTypeId) {
		admin.deactivateMeetingType(adminId(authentication), id, meetingTypeId);
	}

	@GetMapping("/v1/admin/celebrities/{id}/audit")
	ApiResponse<List<AdminCelebrities.AuditEntry>> audit(Authentication authentication, @PathVariable UUID id) {
		adminId(authentication);
		return ApiResponse.ok(admin.audit(id));
	}

	private static UUID adminId(Authentication authentication) {
		return Caller.of(authentication).requireAdmin().userId();
	}

	private static JsonNode orNull(@Nullable JsonNode body) {
		return body == null ? tools.jackson.databind.node.NullNode.getInstance() : body;
	}
}

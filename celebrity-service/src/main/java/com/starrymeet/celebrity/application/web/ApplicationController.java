package com.starrymeet.celebrity.application.web;

import java.util.List;
import java.util.UUID;

import com.starrymeet.celebrity.application.Applications;
import com.starrymeet.celebrity.application.Applications.View;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.Pagination.PageQuery;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Applying to become a celebrity (any authenticated account) and the admins' queue (role ADMIN). The
 * {@code /v1/celebrities/applications/**} paths are never public (their own security chain).
 * <p>
 * The queue is its own collection, {@value #QUEUE}. It was first served under {@value #LEGACY_QUEUE}, where
 * {@code .../applications/{id}} reads like {@code /v1/admin/celebrities/{id}/meeting-types} (OpenAPI tools cannot
 * tell the literal from the id); those paths keep working for existing clients but are not in the API document
 * (the {@code legacy*} methods, hidden).
 */
@RestController
@Tag(name = "applications", description = "Applications to become a celebrity and the admins' decisions")
class ApplicationController {

	static final String QUEUE = "/v1/admin/celebrity-applications";

	static final String LEGACY_QUEUE = "/v1/admin/celebrities/applications";

	private final Applications applications;

	ApplicationController(Applications applications) {
		this.applications = applications;
	}

	@PostMapping("/v1/celebrities/applications")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "applyToBecomeCelebrity", summary = "Apply to become a celebrity",
			description = "One pending application per account: 409 `APPLICATION_PENDING`; 409 `ALREADY_CELEBRITY` when "
					+ "the account manages a profile, `USERNAME_TAKEN` when a profile has the username.")
	ApiResponse<View> apply(Caller caller, @Valid @RequestBody NewApplicationRequest body) {
		return ApiResponse.ok(applications.apply(caller.userId(), body.toCommand()));
	}

	@GetMapping("/v1/celebrities/applications/me")
	@Operation(operationId = "getOwnApplication", summary = "Get the caller's latest application", description = "404 `NO_APPLICATION` if it never applied.")
	ApiResponse<View> mine(Caller caller) {
		return ApiResponse.ok(applications.mine(caller.userId()));
	}

	@GetMapping(QUEUE)
	@Operation(operationId = "listApplications", summary = "List applications, oldest first")
	ApiResponse<List<View>> list(Caller caller,
			@Parameter(description = "only applications in this status (any case)",
					schema = @Schema(allowableValues = { "PENDING", "APPROVED", "REJECTED" }))
			@RequestParam(required = false) @Nullable String status,
			PageQuery page) {
		requireAdmin(caller);
		var result = applications.list(status, page);
		return ApiResponse.page(result.applications(), result.pagination());
	}

	@GetMapping(QUEUE + "/{id}")
	@Operation(operationId = "getApplication", summary = "Get one application")
	ApiResponse<View> one(Caller caller, @PathVariable UUID id) {
		requireAdmin(caller);
		return ApiResponse.ok(applications.get(id));
	}

	@PostMapping(QUEUE + "/{id}/approve")
	@Operation(operationId = "approveApplication", summary = "Approve an application",
			description = "Creates the applicant's profile, verified and active (public at once), and publishes "
					+ "CelebrityApplicationApproved. 409 `ALREADY_DECIDED`, `ALREADY_CELEBRITY` or `USERNAME_TAKEN`.")
	ApiResponse<View> approve(Caller caller, @PathVariable UUID id) {
		return ApiResponse.ok(applications.approve(requireAdmin(caller), id));
	}

	@PostMapping(QUEUE + "/{id}/reject")
	@Operation(operationId = "rejectApplication", summary = "Reject an application",
			description = "With a reason for the applicant; publishes CelebrityApplicationRejected. 409 `ALREADY_DECIDED`.")
	ApiResponse<View> reject(Caller caller, @PathVariable UUID id, @Valid @RequestBody RejectionRequest body) {
		return ApiResponse.ok(applications.reject(requireAdmin(caller), id, body.reason()));
	}

	@Hidden
	@GetMapping(LEGACY_QUEUE)
	ApiResponse<List<View>> legacyList(Caller caller, @RequestParam(required = false) @Nullable String status,
			PageQuery page) {
		return list(caller, status, page);
	}

	@Hidden
	@GetMapping(LEGACY_QUEUE + "/{id}")
	ApiResponse<View> legacyOne(Caller caller, @PathVariable UUID id) {
		return one(caller, id);
	}

	@Hidden
	@PostMapping(LEGACY_QUEUE + "/{id}/approve")
	ApiResponse<View> legacyApprove(Caller caller, @PathVariable UUID id) {
		return approve(caller, id);
	}

	@Hidden
	@PostMapping(LEGACY_QUEUE + "/{id}/reject")
	ApiResponse<View> legacyReject(Caller caller, @PathVariable UUID id, @Valid @RequestBody RejectionRequest body) {
		return reject(caller, id, body);
	}

	private static UUID requireAdmin(Caller caller) {
		return caller.requireRole(Caller.Role.ADMIN).userId();
	}
}

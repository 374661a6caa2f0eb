package com.starrymeet.celebrity.application.web;

import java.util.UUID;

import com.starrymeet.celebrity.application.Applications;
import com.starrymeet.celebrity.application.Applications.View;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ApiResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Applying to become a celebrity (any authenticated account) and the admins' queue (role ADMIN). The
 * {@code /v1/celebrities/applications/**} paths are never public (their own security chain).
 */
@RestController
class ApplicationController {

	private final Applications applications;

	ApplicationController(Applications applications) {
		this.applications = applications;
	}

	@PostMapping("/v1/celebrities/applications")
	@ResponseStatus(HttpStatus.CREATED)
	ApiResponse<View> apply(Authentication authentication, @RequestBody(required = false) @Nullable JsonNode body) {
		return ApiResponse.ok(applications.apply(userId(authentication), body == null ? NullNode.getInstance() : body));
	}

	@GetMapping("/v1/celebrities/applications/me")
	ApiResponse<View> mine(Authentication authentication) {
		return ApiResponse.ok(applications.mine(userId(authentication)));
	}

	@GetMapping("/v1/admin/celebrities/applications")
	ApiResponse<java.util.List<View>> list(Authentication authentication,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer limit) {
		requireAdmin(authentication);
		var result = applications.list(status, page, limit);
		return ApiResponse.page(result.applications(), result.pagination());
	}

	@GetMapping("/v1/admin/celebrities/applications/{id}")
	ApiResponse<View> one(Authentication authentication, @PathVariable UUID id) {
		requireAdmin(authentication);
		return ApiResponse.ok(applications.get(id));
	}

	@PostMapping("/v1/admin/celebrities/applications/{id}/approve")
	ApiResponse<View> approve(Authentication authentication, @PathVariable UUID id) {
		return ApiResponse.ok(applications.approve(requireAdmin(authentication), id));
	}

	@PostMapping("/v1/admin/celebrities/applications/{id}/reject")
	ApiResponse<View> reject(Authentication authentication, @PathVariable UUID id,
			@RequestBody(required = false) @Nullable JsonNode body) {
		var adminId = requireAdmin(authentication);
		return ApiResponse.ok(applications.reject(adminId, id, body == null ? NullNode.getInstance() : body));
	}

	private static UUID userId(Authentication authentication) {
		try {
			return UUID.fromString(authentication.getName());
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "The token's subject is not an account id");
		}
	}

	private static UUID requireAdmin(Authentication authentication) {
		if (authentication.getAuthorities().stream().noneMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()))) {
			throw new AccessDeniedException("ADMIN role required");
		}
		return userId(authentication);
	}
}

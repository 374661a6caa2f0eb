package com.starrymeet.user.admin.web;

import java.util.List;
import java.util.UUID;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.Pagination.PageQuery;
import com.starrymeet.user.admin.AdminUsers;
import com.starrymeet.user.admin.AuditLog;
import com.starrymeet.user.account.User;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/users/**}: ADMIN role required here (403 problem+json otherwise), again in the service
 * against the database, and at the gateway.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class AdminUsersController {

	private final AdminUsers admin;

	AdminUsersController(AdminUsers admin) {
		this.admin = admin;
	}

	record SuspendRequest(@NotBlank @Size(max = 500) String reason) {
	}

	record RoleRequest(@NotBlank @Size(max = 16) String role) {
	}

	@GetMapping("/v1/admin/users")
	ApiResponse<List<User>> list(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String role,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer limit) {
		var query = PageQuery.of(page, limit);
		var result = admin.search(subject(jwt), q, role, status, query);
		return ApiResponse.page(result.users(), Pagination.of(query, result.total()));
	}

	@GetMapping("/v1/admin/users/audit-log")
	ApiResponse<List<AuditLog.Entry>> auditLog(@AuthenticationPrincipal Jwt jwt,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer limit) {
		var query = PageQuery.of(page, limit);
		var result = admin.auditLog(subject(jwt), query);
		return ApiResponse.page(result.entries(), Pagination.of(query, result.total()));
	}

	@GetMapping("/v1/admin/users/{id}")
	ApiResponse<AdminUsers.AdminView> view(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
		return ApiResponse.ok(admin.view(subject(jwt), id));
	}

	@PostMapping("/v1/admin/users/{id}/suspend")
	ApiResponse<User> suspend(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
			@Valid @RequestBody SuspendRequest request) {
		return ApiResponse.ok(admin.suspend(subject(jwt), id, request.reason().trim()));
	}

	@PostMapping("/v1/admin/users/{id}/reactivate")
	ApiResponse<User> reactivate(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
		return ApiResponse.ok(admin.reactivate(subject(jwt), id));
	}

	@PatchMapping("/v1/admin/users/{id}/role")
	ApiResponse<User> changeRole(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
			@Valid @RequestBody RoleRequest request) {
		return ApiResponse.ok(admin.changeRole(subject(jwt), id, request.role()));
	}

	private static UUID subject(Jwt jwt) {
		try {
			return UUID.fromString(jwt.getSubject());
		}
		catch (RuntimeException ex) {
			throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "The token's subject is not a user");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableMethodSecurity
	static class MethodSecurity {
	}
}

package com.starrymeet.user.admin.web;

import java.util.List;
import java.util.UUID;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.security.Caller.Role;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.Pagination.PageQuery;
import com.starrymeet.user.account.User;
import com.starrymeet.user.admin.AdminUsers;
import com.starrymeet.user.admin.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/users/**}: the ADMIN role of the token is required here (403 otherwise), again in
 * {@link AdminUsers} against the database (the acting account must still be an active ADMIN), and at the gateway.
 */
@RestController
class AdminUsersController {

	private final AdminUsers admin;

	AdminUsersController(AdminUsers admin) {
		this.admin = admin;
	}

	record SuspendRequest(@NotBlank @Size(max = 500) String reason) {
	}

	record RoleRequest(@NotBlank @Size(max = 16) String role) {
	}

	@Operation(summary = "Search accounts",
			description = "q matches email, first, last or full name (case-insensitive substring); role and status "
					+ "filter exactly; newest first.")
	@GetMapping("/v1/admin/users")
	ApiResponse<List<User>> list(Caller caller,
			@Parameter(description = "substring of email, first, last or full name") @RequestParam(required = false) @Nullable String q,
			@Parameter(description = "USER, CELEBRITY or ADMIN") @RequestParam(required = false) @Nullable String role,
			@Parameter(description = "ACTIVE, SUSPENDED or DELETED") @RequestParam(required = false) @Nullable String status,
			PageQuery page) {
		var result = admin.search(admin(caller), q, role, status, page);
		return ApiResponse.page(result.users(), Pagination.of(page, result.total()));
	}

	@Operation(summary = "Read the admin audit log", description = "Every admin action, newest first.")
	@GetMapping("/v1/admin/users/audit-log")
	ApiResponse<List<AuditLog.Entry>> auditLog(Caller caller, PageQuery page) {
		var result = admin.auditLog(admin(caller), page);
		return ApiResponse.page(result.entries(), Pagination.of(page, result.total()));
	}

	@Operation(summary = "View an account", description = "The account, whether 2FA is on and its live sessions; audited.")
	@GetMapping("/v1/admin/users/{id}")
	ApiResponse<AdminUsers.AdminView> view(Caller caller, @PathVariable UUID id) {
		return ApiResponse.ok(admin.view(admin(caller), id));
	}

	@Operation(summary = "Suspend an account",
			description = "Ends its sessions and cuts off its live tokens; publishes UserSuspended. 409 NOT_ACTIVE, "
					+ "SELF_MODIFICATION.")
	@PostMapping("/v1/admin/users/{id}/suspend")
	ApiResponse<User> suspend(Caller caller, @PathVariable UUID id, @Valid @RequestBody SuspendRequest request) {
		return ApiResponse.ok(admin.suspend(admin(caller), id, request.reason().trim()));
	}

	@Operation(summary = "Reactivate an account", description = "A suspended account becomes active again. 409 NOT_SUSPENDED.")
	@PostMapping("/v1/admin/users/{id}/reactivate")
	ApiResponse<User> reactivate(Caller caller, @PathVariable UUID id) {
		return ApiResponse.ok(admin.reactivate(admin(caller), id));
	}

	@Operation(summary = "Change an account's role",
			description = "USER, CELEBRITY or ADMIN; the next token (after a refresh) carries it. 409 SELF_MODIFICATION.")
	@PatchMapping("/v1/admin/users/{id}/role")
	ApiResponse<User> changeRole(Caller caller, @PathVariable UUID id, @Valid @RequestBody RoleRequest request) {
		return ApiResponse.ok(admin.changeRole(admin(caller), id, request.role()));
	}

	/** The acting admin's id; 403 when the token's role is not ADMIN. */
	private static UUID admin(Caller caller) {
		return caller.requireRole(Role.ADMIN).userId();
	}
}

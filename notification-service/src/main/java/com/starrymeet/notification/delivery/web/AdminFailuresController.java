package com.starrymeet.notification.delivery.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.Pagination.PageQuery;
import com.starrymeet.notification.delivery.Failures;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Notification failures", description = "Deliveries that failed every attempt (admin).")
class AdminFailuresController {

	private final Failures failures;

	AdminFailuresController(Failures failures) {
		this.failures = failures;
	}

	@GetMapping("/v1/admin/notifications/failures")
	@Operation(operationId = "listNotificationFailures", summary = "Dead-lettered deliveries (admin)",
			description = "Newest first, without their content; each can be retried.")
	ApiResponse<List<Failures.Failure>> list(Caller caller, @RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer limit) {
		caller.requireRole(Caller.Role.ADMIN);
		var query = PageQuery.of(page, limit);
		return ApiResponse.page(failures.list(query), Pagination.of(query, failures.count()));
	}

	@PostMapping("/v1/admin/notifications/failures/{id}/retry")
	@Operation(operationId = "retryNotificationFailure", summary = "Send a dead delivery again (admin)",
			description = "The delivery is due again at once with a fresh count of attempts; 409 NOT_DEAD otherwise.")
	@Transactional
	ApiResponse<Map<String, Object>> retry(Caller caller, @PathVariable UUID id) {
		caller.requireRole(Caller.Role.ADMIN);
		failures.retry(id);
		return ApiResponse.ok(Map.of("id", id, "status", "pending"));
	}
}

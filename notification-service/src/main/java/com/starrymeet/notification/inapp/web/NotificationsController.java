package com.starrymeet.notification.inapp.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.Pagination.PageQuery;
import com.starrymeet.notification.inapp.InAppNotifications;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The bell: the caller's own notifications only; anyone else's id is 404, as if it did not exist. */
@RestController
@Tag(name = "Notifications", description = "In-app notifications of the signed-in user.")
class NotificationsController {

	private final InAppNotifications notifications;

	NotificationsController(InAppNotifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/v1/notifications")
	@Operation(operationId = "listNotifications", summary = "My notifications",
			description = "Newest first; `unread=true` lists only the unread ones.")
	ApiResponse<List<InAppNotifications.Notification>> list(Caller caller,
			@RequestParam(required = false) @Nullable Boolean unread,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer limit) {
		var query = PageQuery.of(page, limit);
		var unreadOnly = Boolean.TRUE.equals(unread);
		return ApiResponse.page(notifications.list(caller.userId(), unreadOnly, query),
				Pagination.of(query, notifications.count(caller.userId(), unreadOnly)));
	}

	@GetMapping("/v1/notifications/unread-count")
	@Operation(operationId = "countUnreadNotifications", summary = "How many of my notifications are unread")
	ApiResponse<Map<String, Long>> unreadCount(Caller caller) {
		return ApiResponse.ok(Map.of("count", notifications.count(caller.userId(), true)));
	}

	@PostMapping("/v1/notifications/{id}/read")
	@Operation(operationId = "readNotification", summary = "Mark one of my notifications read",
			description = "Idempotent: `readAt` keeps the first read. 404 for an id that is not the caller's.")
	ApiResponse<InAppNotifications.Notification> read(Caller caller, @PathVariable UUID id) {
		return ApiResponse.ok(notifications.markRead(caller.userId(), id)
			.orElseThrow(() -> ApiException.notFound("Notification")));
	}

	@PostMapping("/v1/notifications/read-all")
	@Operation(operationId = "readAllNotifications", summary = "Mark all my notifications read")
	ApiResponse<Map<String, Integer>> readAll(Caller caller) {
		return ApiResponse.ok(Map.of("marked", notifications.markAllRead(caller.userId())));
	}
}

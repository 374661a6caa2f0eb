package com.starrymeet.booking.availability.web;

import java.util.List;
import java.util.UUID;

import com.starrymeet.booking.availability.CalendarSnapshots;
import com.starrymeet.booking.availability.Views.CalendarSnapshot;
import com.starrymeet.booking.availability.Views.CalendarVersion;
import com.starrymeet.common.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service (search-service's reconciliation of availability): {@code /internal/**} is never routed by
 * the gateway and needs no user token here ({@code starrymeet.security.public-paths}); in a cluster,
 * NetworkPolicies decide which services reach it. Not in the public OpenAPI document (clients cannot call it).
 */
@RestController
@RequestMapping("/internal/availability")
class CalendarReconciliationController {

	private final CalendarSnapshots snapshots;

	CalendarReconciliationController(CalendarSnapshots snapshots) {
		this.snapshots = snapshots;
	}

	@GetMapping("/versions")
	@Operation(hidden = true, operationId = "listCalendarVersions", summary = "Every calendar's version",
			description = "The aggregateVersion of each celebrity's newest AvailabilityChanged, by celebrity id.")
	ApiResponse<List<CalendarVersion>> versions() {
		return ApiResponse.ok(snapshots.versions());
	}

	@GetMapping("/snapshots")
	@Operation(hidden = true, operationId = "listCalendarSnapshots", summary = "Calendars as AvailabilityChanged payloads",
			description = "For up to 100 celebrity ids (comma-separated), the current AvailabilityChanged payload "
					+ "with the version it has; ids without a calendar are left out.")
	ApiResponse<List<CalendarSnapshot>> snapshots(
			@RequestParam @NotEmpty @Size(max = CalendarSnapshots.MAX_IDS) List<UUID> ids) {
		return ApiResponse.ok(snapshots.snapshots(ids));
	}
}

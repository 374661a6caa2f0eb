package com.starrymeet.booking.availability.web;

import java.util.UUID;

import com.starrymeet.booking.availability.AvailabilityQuery;
import com.starrymeet.booking.availability.Views.PublicAvailability;
import com.starrymeet.booking.celebrity.CelebrityReplica;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public calendar of a celebrity: no token. */
@RestController
@Tag(name = "Availability", description = "Where and when a celebrity can be met: the public calendar.")
class PublicCalendarController {

	private final CelebrityReplica celebrities;

	private final AvailabilityQuery query;

	PublicCalendarController(CelebrityReplica celebrities, AvailabilityQuery query) {
		this.celebrities = celebrities;
		this.query = query;
	}

	/** A celebrity that is not public in the catalog (inactive or unverified) is 404, as there. */
	@GetMapping("/v1/celebrities/{celebrityId}/availability")
	@Operation(operationId = "getPublicCalendar", summary = "Get a celebrity's public calendar",
			description = "Upcoming dates per location with their windows and what is left of them; `month` adds a "
					+ "view of every day of that month. Bookings, capacity and blocked reasons are never shown. 404 when "
					+ "the celebrity is unknown or not public in the catalog.")
	ApiResponse<PublicAvailability> view(@PathVariable UUID celebrityId,
			@Parameter(description = "a month (YYYY-MM) for the month view", example = "2026-12")
			@RequestParam(required = false) @Nullable String month) {
		var parsed = month == null ? null : AvailabilityQuery.month(month);
		var celebrity = celebrities.require(celebrityId);
		if (!celebrity.isPublic()) {
			throw ApiException.notFound("Celebrity " + celebrityId);
		}
		return ApiResponse.ok(query.view(celebrityId, parsed));
	}
}

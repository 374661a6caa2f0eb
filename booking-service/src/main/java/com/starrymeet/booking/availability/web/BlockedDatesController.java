package com.starrymeet.booking.availability.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.starrymeet.booking.availability.BlockedDates;
import com.starrymeet.booking.availability.Views.BlockedDateView;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Dates a celebrity is unavailable, managed by its CELEBRITY account or an ADMIN ({@link CalendarAccess}). */
@RestController
@RequestMapping("/v1/celebrities/{celebrityId}/availability/blocked-dates")
@Tag(name = "Availability blocked dates",
		description = "Dates a celebrity is unavailable, whatever the location: their windows stop being offered. "
				+ "Managed by the celebrity's own account or an admin.")
class BlockedDatesController {

	@Schema(description = "A date to block; blocking a blocked date replaces its reason.")
	record BlockDateRequest(
			@Schema(description = "not past everywhere on Earth", example = "2026-12-24") @NotNull @Nullable LocalDate date,
			@Schema(description = "seen by the owner only, never public", example = "Filming")
			@Size(max = 200) @Nullable String reason) {

		BlockDateRequest {
			reason = RequestFields.stripToNull(reason);
		}

		BlockedDates.BlockDate command() {
			return new BlockedDates.BlockDate(date, reason);
		}
	}

	private final CalendarAccess access;

	private final BlockedDates blockedDates;

	BlockedDatesController(CalendarAccess access, BlockedDates blockedDates) {
		this.access = access;
		this.blockedDates = blockedDates;
	}

	@GetMapping
	@Operation(operationId = "listBlockedDates", summary = "List a celebrity's blocked dates",
			description = "In date order, with their reasons.")
	ApiResponse<List<BlockedDateView>> list(Caller caller, @PathVariable UUID celebrityId) {
		return ApiResponse.ok(blockedDates.list(access.manageable(caller, celebrityId)));
	}

	@PostMapping
	@Operation(operationId = "blockDate", summary = "Block a date",
			description = "201 when the date was not blocked yet, 200 when it was (its reason is replaced). 400 for a "
					+ "date past everywhere on Earth.")
	@Conflict(description = "`DATE_HAS_BOOKINGS`: a window that day is booked")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Blocked")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
			description = "Already blocked; its reason replaced")
	ResponseEntity<ApiResponse<BlockedDateView>> block(Caller caller, @PathVariable UUID celebrityId,
			@Valid @RequestBody BlockDateRequest body) {
		var blocked = blockedDates.block(access.manageable(caller, celebrityId), body.command());
		return ResponseEntity.status(blocked.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(ApiResponse.ok(blocked.date()));
	}

	@DeleteMapping("/{date}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "unblockDate", summary = "Unblock a date",
			description = "404 when the date is not blocked.")
	void unblock(Caller caller, @PathVariable UUID celebrityId,
			@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
		blockedDates.unblock(access.manageable(caller, celebrityId), date);
	}
}

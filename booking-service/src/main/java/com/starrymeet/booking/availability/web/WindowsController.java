package com.starrymeet.booking.availability.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.starrymeet.booking.availability.Views.WindowView;
import com.starrymeet.booking.availability.Windows;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.Pagination;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import static com.starrymeet.booking.availability.web.RequestFields.TIME_OF_DAY;
import static com.starrymeet.booking.availability.web.RequestFields.TIME_OF_DAY_MESSAGE;
import static com.starrymeet.booking.availability.web.RequestFields.time;

/** Time windows with a slot capacity, managed by the celebrity's own account or an ADMIN ({@link CalendarAccess}). */
@RestController
@RequestMapping("/v1/celebrities/{celebrityId}/availability/windows")
@Tag(name = "Availability windows",
		description = "Time windows on a local date at a location, with a slot capacity. Windows of one celebrity "
				+ "never overlap, whatever their locations and time zones. Managed by the celebrity's own account or "
				+ "an admin.")
class WindowsController {

	private static final String CAPACITY_MESSAGE = "must be between 1 and " + Windows.MAX_CAPACITY;

	@RequestFields.EndsAfterStart
	@Schema(description = "A new window. Times are local at the location, to the minute; the window ends on its date.")
	record AddWindowRequest(
			@Schema(description = "one of this celebrity's locations") @NotNull @Nullable UUID locationId,
			@Schema(description = "local date at the location, today or later (at most "
					+ Windows.HORIZON_DAYS + " days ahead)", example = "2026-12-24") @NotNull @Nullable LocalDate date,
			@Schema(example = "10:00") @NotNull @Pattern(regexp = TIME_OF_DAY, message = TIME_OF_DAY_MESSAGE)
			@Nullable String startTime,
			@Schema(example = "12:00") @NotNull @Pattern(regexp = TIME_OF_DAY, message = TIME_OF_DAY_MESSAGE)
			@Nullable String endTime,
			@Schema(description = "how many bookings fit", example = "4")
			@NotNull @Min(value = 1, message = CAPACITY_MESSAGE) @Max(value = Windows.MAX_CAPACITY,
					message = CAPACITY_MESSAGE) @Nullable Integer capacity) implements RequestFields.TimeRange {

		Windows.AddWindow command() {
			return new Windows.AddWindow(locationId, date, time(startTime), time(endTime), capacity);
		}
	}

	@Schema(description = "Changes to a window: only the fields given change (at least one); null is refused. "
			+ "Its date and location do not change.")
	record ChangeWindowRequest(
			@Schema(description = "not below what is booked", example = "4", minimum = "1",
					maximum = "" + Windows.MAX_CAPACITY)
			@Nullable Optional<@NotNull @Min(value = 1, message = CAPACITY_MESSAGE) @Max(value = Windows.MAX_CAPACITY,
					message = CAPACITY_MESSAGE) Integer> capacity,
			@Schema(description = "only while nothing is booked", example = "10:00", pattern = TIME_OF_DAY)
			@Nullable Optional<@NotNull @Pattern(regexp = TIME_OF_DAY, message = TIME_OF_DAY_MESSAGE) String> startTime,
			@Schema(description = "only while nothing is booked", example = "12:00", pattern = TIME_OF_DAY)
			@Nullable Optional<@NotNull @Pattern(regexp = TIME_OF_DAY, message = TIME_OF_DAY_MESSAGE) String> endTime) {

		Windows.ChangeWindow command() {
			return new Windows.ChangeWindow(capacity == null ? null : capacity.orElseThrow(),
					startTime == null ? null : time(startTime.orElseThrow()),
					endTime == null ? null : time(endTime.orElseThrow()));
		}
	}

	private final CalendarAccess access;

	private final Windows windows;

	WindowsController(CalendarAccess access, Windows windows) {
		this.access = access;
		this.windows = windows;
	}

	@GetMapping
	@Operation(operationId = "listWindows", summary = "List a celebrity's windows",
			description = "A page at a time in start order: without `from`/`to` the windows not yet ended, "
					+ "otherwise those dated in the range.")
	ApiResponse<List<WindowView>> list(Caller caller, @PathVariable UUID celebrityId,
			@Parameter(description = "first date (YYYY-MM-DD)") @RequestParam(required = false)
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@Parameter(description = "last date (YYYY-MM-DD)") @RequestParam(required = false)
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to, Pagination.PageQuery page) {
		var result = windows.page(access.manageable(caller, celebrityId), from, to, page);
		return ApiResponse.page(result.items(), result.pagination());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "addWindow", summary = "Add a window",
			description = "400 when the date is past in the location's zone (or the start already passed), beyond "
					+ "the horizon, or the location is not the celebrity's; 400 `OVERLAPPING_WINDOW` when it overlaps "
					+ "another window of the celebrity, whatever the location and time zone.")
	@Conflict(description = "`DATE_BLOCKED`: the date is blocked")
	ApiResponse<WindowView> add(Caller caller, @PathVariable UUID celebrityId,
			@Valid @RequestBody AddWindowRequest body) {
		return ApiResponse.ok(windows.add(access.manageable(caller, celebrityId), body.command()));
	}

	@PatchMapping("/{windowId}")
	@ResponseStatus(HttpStatus.OK) // also documents the 200 next to the 409
	@Operation(operationId = "changeWindow", summary = "Change a window's capacity or times",
			description = "Only the fields given change; 400 `OVERLAPPING_WINDOW` when new times overlap another "
					+ "window of the celebrity.")
	@Conflict(description = "`CAPACITY_BELOW_BOOKED` (capacity below what is booked) or `WINDOW_HAS_BOOKINGS` "
			+ "(new times for a booked window)")
	ApiResponse<WindowView> change(Caller caller, @PathVariable UUID celebrityId, @PathVariable UUID windowId,
			@Valid @RequestBody ChangeWindowRequest body) {
		return ApiResponse.ok(windows.change(access.manageable(caller, celebrityId), windowId, body.command()));
	}

	@DeleteMapping("/{windowId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "deleteWindow", summary = "Delete a window")
	@Conflict(description = "`WINDOW_HAS_BOOKINGS`: something is booked in it")
	void delete(Caller caller, @PathVariable UUID celebrityId, @PathVariable UUID windowId) {
		windows.delete(access.manageable(caller, celebrityId), windowId);
	}
}

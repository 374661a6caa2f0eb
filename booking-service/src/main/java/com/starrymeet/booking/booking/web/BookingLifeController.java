package com.starrymeet.booking.booking.web;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import com.starrymeet.booking.booking.BookingView;
import com.starrymeet.booking.booking.Cancellations;
import com.starrymeet.booking.booking.Completions;
import com.starrymeet.booking.booking.Disputes;
import com.starrymeet.booking.booking.Reschedules;
import com.starrymeet.booking.booking.Reviews;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A booking's life after payment: the cancellation preview and the cancellation (fan or celebrity), the move to
 * another window, the check-in code and its scan, the celebrity's "done", the review and the dispute. Each route
 * checks the role first (403), then who the caller is to the booking (404 for anyone else).
 */
@RestController
@Tag(name = "Booking life", description = "Cancel (refund by the policy frozen in the booking), reschedule, "
		+ "check in, complete, review, dispute.")
class BookingLifeController {

	@Schema(description = "Where to move the meeting: a window of the same celebrity, its date, a start time and its place.")
	record RescheduleRequest(@Schema(description = "the availability window's id") @NotNull @Nullable UUID availableDateId,
			@Schema(example = "2026-12-28") @NotNull @Nullable LocalDate date,
			@Schema(example = "15:00") @NotNull @Pattern(regexp = "^([01][0-9]|2[0-3]):[0-5][0-9]$",
					message = "must be a time to the minute, like 14:30") @Nullable String time,
			@NotNull @Valid BookingsController.@Nullable LocationRequest location) {

		@SuppressWarnings("NullAway")
		Reschedules.Move move() {
			return new Reschedules.Move(availableDateId, date, LocalTime.parse(time), location.city().strip(),
					location.country().strip());
		}
	}

	@Schema(description = "The fan's check-in code, as scanned from the QR.")
	record CheckInRequest(@NotBlank @Size(max = 512) @Nullable String code) {
	}

	@Schema(description = "A review of a completed meeting.")
	record ReviewRequest(@NotNull @Min(1) @Max(5) @Nullable Integer rating, @Size(max = 200) @Nullable String title,
			@Size(max = 2000) @Nullable String comment) {
	}

	@Schema(description = "Why the fan disputes the meeting.")
	record DisputeRequest(@Schema(allowableValues = { "CELEBRITY_NO_SHOW", "NOT_AS_DESCRIBED", "OTHER" }) @NotNull
			@Pattern(regexp = "^(CELEBRITY_NO_SHOW|NOT_AS_DESCRIBED|OTHER)$",
					message = "must be CELEBRITY_NO_SHOW, NOT_AS_DESCRIBED or OTHER") @Nullable String reason,
			@Size(max = 2000) @Nullable String text) {
	}

	private final Cancellations cancellations;

	private final Reschedules reschedules;

	private final Completions completions;

	private final Reviews reviews;

	private final Disputes disputes;

	BookingLifeController(Cancellations cancellations, Reschedules reschedules, Completions completions,
			Reviews reviews, Disputes disputes) {
		this.cancellations = cancellations;
		this.reschedules = reschedules;
		this.completions = completions;
		this.reviews = reviews;
		this.disputes = disputes;
	}

	@GetMapping("/v1/bookings/{bookingId}/cancellation")
	@Operation(operationId = "previewCancellation", summary = "What canceling now would refund",
			description = "For the fan: the tier of the policy frozen in the booking on the meeting's instant (more "
					+ "than 168 h before: FULL 100 %; 72 h to 168 h inclusive: HALF 50 %; under 72 h: NONE), with "
					+ "`nextTierAt`, when the refund next drops. For the celebrity's account: 100 % plus the credit.")
	ApiResponse<Cancellations.Preview> preview(Caller caller, @PathVariable UUID bookingId) {
		return ApiResponse.ok(cancellations.preview(bookingId, caller));
	}

	@DeleteMapping("/v1/bookings/{bookingId}")
	@Operation(operationId = "cancelBooking", summary = "Cancel a booking",
			description = "By its fan: the refund of the preview; a pending booking is just canceled. By the "
					+ "celebrity's account: 100 % + credit. The slot is released. 409 `NOT_CANCELABLE`.")
	ApiResponse<BookingView> cancel(Caller caller, @PathVariable UUID bookingId) {
		caller.requireRole(Caller.Role.USER, Caller.Role.CELEBRITY);
		return ApiResponse.ok(cancellations.cancel(bookingId, caller));
	}

	@PatchMapping("/v1/bookings/{bookingId}")
	@Operation(operationId = "rescheduleBooking", summary = "Move a confirmed meeting to another window",
			description = "Same celebrity, meeting type and price; only while the meeting is more than 72 h away, at "
					+ "most twice. 409 `RESCHEDULE_TOO_LATE`, `RESCHEDULE_LIMIT_REACHED`, `NOT_RESCHEDULABLE`, "
					+ "`WINDOW_FULL`, `DATE_BLOCKED`, `TOO_LATE_TO_BOOK`.")
	ApiResponse<BookingView> reschedule(Caller caller, @PathVariable UUID bookingId,
			@Valid @RequestBody RescheduleRequest body) {
		caller.requireRole(Caller.Role.USER);
		return ApiResponse.ok(reschedules.reschedule(bookingId, caller, body.move()));
	}

	@GetMapping("/v1/bookings/{bookingId}/check-in-code")
	@Operation(operationId = "getCheckInCode", summary = "The fan's signed check-in code (QR payload)",
			description = "Valid from 1 h before the start to 1 h after the end. 409 `NOT_CONFIRMED`.")
	ApiResponse<Completions.CheckInCode> checkInCode(Caller caller, @PathVariable UUID bookingId) {
		caller.requireRole(Caller.Role.USER);
		return ApiResponse.ok(completions.code(bookingId, caller));
	}

	@PostMapping("/v1/bookings/{bookingId}/check-in")
	@Operation(operationId = "checkIn", summary = "Scan the fan's code: the meeting took place (completes it)",
			description = "The celebrity's account or an admin. 400 `INVALID_CHECK_IN_CODE`; 409 `CHECK_IN_NOT_OPEN`, "
					+ "`NOT_COMPLETABLE`.")
	@SuppressWarnings("NullAway")
	ApiResponse<BookingView> checkIn(Caller caller, @PathVariable UUID bookingId,
			@Valid @RequestBody CheckInRequest body) {
		caller.requireRole(Caller.Role.CELEBRITY, Caller.Role.ADMIN);
		return ApiResponse.ok(completions.checkIn(bookingId, caller, body.code().strip()));
	}

	@PostMapping("/v1/bookings/{bookingId}/complete")
	@Operation(operationId = "completeBooking", summary = "The celebrity marks the meeting done (after its start)",
			description = "409 `MEETING_NOT_STARTED`, `NOT_COMPLETABLE`.")
	ApiResponse<BookingView> complete(Caller caller, @PathVariable UUID bookingId) {
		caller.requireRole(Caller.Role.CELEBRITY);
		return ApiResponse.ok(completions.completeByCelebrity(bookingId, caller));
	}

	@PostMapping("/v1/bookings/{bookingId}/review")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "reviewBooking", summary = "Review a completed meeting (once)",
			description = "409 `NOT_REVIEWABLE`, `ALREADY_REVIEWED`.")
	@SuppressWarnings("NullAway")
	ApiResponse<Reviews.Review> review(Caller caller, @PathVariable UUID bookingId,
			@Valid @RequestBody ReviewRequest body) {
		caller.requireRole(Caller.Role.USER);
		return ApiResponse.ok(reviews.submit(bookingId, caller, body.rating(), blankToNull(body.title()),
				blankToNull(body.comment())));
	}

	@PostMapping("/v1/bookings/{bookingId}/dispute")
	@Operation(operationId = "disputeBooking", summary = "Dispute a meeting (from its start until 48 h after its end)",
			description = "`CELEBRITY_NO_SHOW` without a check-in is a celebrity cancellation (100 % + credit). 409 "
					+ "`NOT_DISPUTABLE`, `DISPUTE_NOT_OPEN`, `DISPUTE_WINDOW_CLOSED`.")
	@SuppressWarnings("NullAway")
	ApiResponse<BookingView> dispute(Caller caller, @PathVariable UUID bookingId,
			@Valid @RequestBody DisputeRequest body) {
		caller.requireRole(Caller.Role.USER);
		return ApiResponse.ok(disputes.open(bookingId, caller, body.reason(), blankToNull(body.text())));
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}
}

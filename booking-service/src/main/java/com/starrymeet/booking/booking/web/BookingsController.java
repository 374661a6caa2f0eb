package com.starrymeet.booking.booking.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import com.starrymeet.booking.booking.BookingQueries;
import com.starrymeet.booking.booking.BookingRequests;
import com.starrymeet.booking.booking.BookingView;
import com.starrymeet.booking.booking.Bookings;
import com.starrymeet.common.observability.TraceIds;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.Problems;
import com.starrymeet.common.web.ValidationFailed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Booking a meeting ({@code POST /v1/bookings}, a fan with role USER) and reading one booking (its fan, the
 * celebrity's account, admins; anyone else 404).
 */
@RestController
@Tag(name = "Bookings", description = "A fan books a meeting: the slot is held 15 minutes while the fan pays "
		+ "(status `pending`), then `confirmed` by the payment, or `expired` and released.")
class BookingsController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** 1–255 printable ASCII characters, not starting or ending with a space. */
	private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]([\\x20-\\x7E]{0,253}[\\x21-\\x7E])?");

	private static final String TIME_OF_DAY = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

	@Schema(description = "Where the meeting takes place: the chosen window's city and country (case-insensitive).")
	record LocationRequest(@Schema(example = "Los Angeles") @NotBlank @Size(max = 100) @Nullable String city,
			@Schema(example = "USA") @NotBlank @Size(max = 100) @Nullable String country) {
	}

	@Schema(description = "A booking request, as in the vision's `POST /bookings`. `availableDateId` is the id of "
			+ "one of the celebrity's availability windows; `date`, `time` and `location` must be within it.")
	record CreateBookingRequest(@NotNull @Nullable UUID celebrityId, @NotNull @Nullable UUID meetingTypeId,
			@Schema(description = "the availability window's id") @NotNull @Nullable UUID availableDateId,
			@Schema(description = "local date of the window", example = "2026-12-24") @NotNull @Nullable LocalDate date,
			@Schema(description = "local start time at the venue, to the minute", example = "14:00") @NotNull
			@jakarta.validation.constraints.Pattern(regexp = TIME_OF_DAY, message = "must be a time to the minute, like 14:30")
			@Nullable String time,
			@NotNull @Valid @Nullable LocationRequest location,
			@Schema(example = "Please sign my book") @Size(max = 1000) @Nullable String specialRequests,
			@Schema(example = "Huge fan since Harry Potter!") @Size(max = 1000) @Nullable String fanNotes,
			@Schema(example = "birthday") @Size(max = 100) @Nullable String occasion) {

		@SuppressWarnings("NullAway") // checked by Bean Validation before use
		Bookings.NewBooking command() {
			return new Bookings.NewBooking(celebrityId, meetingTypeId, availableDateId, date,
					java.time.LocalTime.parse(time), location.city().strip(), location.country().strip(),
					blankToNull(specialRequests), blankToNull(fanNotes), blankToNull(occasion));
		}

		private static @Nullable String blankToNull(@Nullable String text) {
			return text == null || text.isBlank() ? null : text.strip();
		}
	}

	/** The 201 body, as the vision shows it. */
	record Created(BookingView booking) {
	}

	/** Documents the 201 answer (the body is written as stored, so a replay is byte for byte the first answer). */
	record CreatedResponse(boolean success, Created data) {
	}

	private final Bookings bookings;

	private final BookingRequests requests;

	private final BookingQueries queries;

	private final JsonMapper json;

	private final TraceIds traceIds;

	BookingsController(Bookings bookings, BookingRequests requests, BookingQueries queries, JsonMapper json,
			TraceIds traceIds) {
		this.bookings = bookings;
		this.requests = requests;
		this.queries = queries;
		this.json = json;
		this.traceIds = traceIds;
	}

	@PostMapping("/v1/bookings")
	@Operation(operationId = "createBooking", summary = "Book a meeting (holds the slot 15 minutes)",
			description = "Takes one slot of the window and creates the booking `pending` with `holdExpiresAt`; "
					+ "`paymentIntent` holds what Stripe.js needs to pay, or is null when payment-service could not "
					+ "open one (then `POST /v1/payments/create-intent`). Requires an `Idempotency-Key` (scoped to the "
					+ "caller): the same key with the same body answers the first answer again (status and body); with "
					+ "another body 409 `IDEMPOTENCY_KEY_REUSED`; while the first is still running 409 "
					+ "`IDEMPOTENCY_KEY_IN_USE`. 400 when date, time or location are not the window's; 404 for another "
					+ "celebrity's window or an unknown meeting type.",
			parameters = @Parameter(in = ParameterIn.HEADER, name = IDEMPOTENCY_KEY, required = true,
					description = "1–255 printable characters, unique per booking attempt",
					schema = @Schema(type = "string", minLength = 1, maxLength = 255)))
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "The booking, pending",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreatedResponse.class)))
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "409",
			description = "`SLOT_UNAVAILABLE`, `WINDOW_FULL`, `DATE_BLOCKED`, `TOO_LATE_TO_BOOK`, "
					+ "`TOO_MANY_UNPAID_HOLDS`, `CELEBRITY_NOT_BOOKABLE`, `MEETING_TYPE_NOT_BOOKABLE`, "
					+ "`IDEMPOTENCY_KEY_REUSED`, `IDEMPOTENCY_KEY_IN_USE`",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "503",
			description = "`CATALOG_UNAVAILABLE`: the price cannot be read now; nothing was taken (see `Retry-After`)",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
	ResponseEntity<String> create(Caller caller,
			@Parameter(hidden = true) @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String key,
			@Valid @RequestBody CreateBookingRequest body, HttpServletRequest http) {
		caller.requireRole(Caller.Role.USER);
		if (key == null || !KEY.matcher(key).matches()) {
			throw ValidationFailed.of(IDEMPOTENCY_KEY,
					key == null ? "header is required" : "must be 1 to 255 printable characters");
		}
		var command = body.command();
		var answer = requests.answer(caller.userId(), key, hash(body), () -> {
			try {
				var view = bookings.create(caller.userId(), key, command);
				return new BookingRequests.Answer(HttpStatus.CREATED.value(), MediaType.APPLICATION_JSON_VALUE,
						json.writeValueAsString(ApiResponse.ok(new Created(view))), view.id());
			}
			catch (ValidationFailed ex) {
				return problem(http, HttpStatus.BAD_REQUEST, ex.code(), ex.getMessage(), ex.errors());
			}
			catch (ApiException ex) {
				if (ex.status().is5xxServerError()) {
					throw ex; // not an answer: the key is released
				}
				return problem(http, ex.status(), ex.code(), ex.getMessage(), null);
			}
		});
		return ResponseEntity.status(answer.status())
			.contentType(MediaType.parseMediaType(answer.contentType()))
			.body(answer.body());
	}

	@GetMapping("/v1/bookings/{bookingId}")
	@Operation(operationId = "getBooking", summary = "A booking",
			description = "For the fan who booked, the celebrity's account and admins; 404 for anyone else.")
	ApiResponse<BookingView> get(Caller caller, @PathVariable UUID bookingId) {
		return ApiResponse.ok(queries.get(bookingId, caller.userId(), caller.isAdmin()));
	}

	private BookingRequests.Answer problem(HttpServletRequest http, HttpStatus status, String code, String detail,
			java.util.@Nullable List<Problems.FieldError> errors) {
		var body = Problems.body(status, code, detail, http.getRequestURI(), traceIds.current(http), errors);
		return new BookingRequests.Answer(status.value(), Problems.PROBLEM_JSON.toString(), json.writeValueAsString(body),
				null);
	}

	/** SHA-256 of the canonical request: the parsed body written again (field order and spacing do not matter). */
	private String hash(CreateBookingRequest body) {
		try {
			var digest = MessageDigest.getInstance("SHA-256")
				.digest(json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}

package com.starrymeet.booking.booking.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.starrymeet.booking.booking.AdminDesk;
import com.starrymeet.booking.booking.BookingView;
import com.starrymeet.booking.booking.Cancellations;
import com.starrymeet.booking.booking.Disputes;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.Pagination;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The admin's booking desk (ADMIN only; every action audit-logged). */
@RestController
@Tag(name = "Admin bookings", description = "Search, inspect, export, cancel and settle bookings (ADMIN).")
class AdminBookingsController {

	@Schema(description = "An admin cancels for the fan (the fan's tier) or for the celebrity (100 % + credit).")
	record AdminCancelRequest(@NotNull @Pattern(regexp = "^(CELEBRITY|FAN)$", message = "must be CELEBRITY or FAN")
	@Nullable String as, @NotBlank @Size(max = 2000) @Nullable String reason) {
	}

	@Schema(description = "How a dispute ends: a refund (0 to the price, cents) and whether the payout is released.")
	record SettleRequest(@NotNull @Min(0) @Nullable Long refundCents, @NotNull @Nullable Boolean releasePayout,
			@Size(max = 2000) @Nullable String note) {
	}

	private final AdminDesk desk;

	private final Cancellations cancellations;

	private final Disputes disputes;

	AdminBookingsController(AdminDesk desk, Cancellations cancellations, Disputes disputes) {
		this.desk = desk;
		this.cancellations = cancellations;
		this.disputes = disputes;
	}

	@GetMapping("/v1/admin/bookings")
	@Operation(operationId = "adminSearchBookings", summary = "Search bookings",
			description = "Filters: status, local meeting dates from/to, celebrityId, fanId, bookingNumber; latest first.")
	ApiResponse<List<AdminDesk.Row>> search(Caller caller, @RequestParam(required = false) @Nullable String status,
			@Parameter(description = "first meeting date (YYYY-MM-DD)") @RequestParam(required = false)
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@Parameter(description = "last meeting date (YYYY-MM-DD)") @RequestParam(required = false)
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable UUID celebrityId, @RequestParam(required = false) @Nullable UUID fanId,
			@RequestParam(required = false) @Nullable String bookingNumber, Pagination.PageQuery page) {
		caller.requireRole(Caller.Role.ADMIN);
		var result = desk.search(caller, new AdminDesk.Filter(status, from, to, celebrityId, fanId, bookingNumber), page);
		return ApiResponse.page(result.items(), result.pagination());
	}

	@GetMapping(value = "/v1/admin/bookings/export.csv", produces = "text/csv")
	@Operation(operationId = "adminExportBookings", summary = "Export bookings as CSV (streamed, any size)",
			description = "The same filters as the search; UTF-8, RFC 4180 quoting, CRLF line ends. Audit-logged.")
	ResponseEntity<StreamingResponseBody> export(Caller caller, @RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable UUID celebrityId, @RequestParam(required = false) @Nullable UUID fanId,
			@RequestParam(required = false) @Nullable String bookingNumber) {
		caller.requireRole(Caller.Role.ADMIN);
		var filter = new AdminDesk.Filter(status, from, to, celebrityId, fanId, bookingNumber);
		desk.startExport(caller, filter);
		StreamingResponseBody body = out -> desk.writeCsv(filter, out);
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"bookings.csv\"")
			.body(body);
	}

	@GetMapping("/v1/admin/bookings/{bookingId}")
	@Operation(operationId = "adminGetBooking", summary = "One booking with its events, disputes, review, admin "
			+ "actions and money", description = "`money` is payment-service's view (payment, refunds, payout, "
					+ "credits); `null` with `moneyAvailable: false` when payment-service cannot answer now.")
	ApiResponse<AdminDesk.Detail> detail(Caller caller, @PathVariable UUID bookingId) {
		caller.requireRole(Caller.Role.ADMIN);
		return ApiResponse.ok(desk.detail(caller, bookingId));
	}

	@PostMapping("/v1/admin/bookings/{bookingId}/cancel")
	@Operation(operationId = "adminCancelBooking", summary = "Cancel a booking for the fan or the celebrity",
			description = "Audit-logged with the reason. 409 `NOT_CANCELABLE`.")
	@SuppressWarnings("NullAway")
	ApiResponse<BookingView> cancel(Caller caller, @PathVariable UUID bookingId,
			@Valid @RequestBody AdminCancelRequest body) {
		caller.requireRole(Caller.Role.ADMIN);
		return ApiResponse.ok(cancellations.cancelByAdmin(bookingId, caller, Cancellations.As.valueOf(body.as()),
				body.reason().strip()));
	}

	@PostMapping("/v1/admin/bookings/{bookingId}/dispute/settle")
	@Operation(operationId = "adminSettleDispute", summary = "Settle a booking's dispute",
			description = "Refund any part (≤ the price), release the payout or not. A full refund without payout "
					+ "cancels the booking; anything else completes it. Audit-logged. 409 `NOT_DISPUTED`.")
	@SuppressWarnings("NullAway")
	ApiResponse<BookingView> settle(Caller caller, @PathVariable UUID bookingId, @Valid @RequestBody SettleRequest body) {
		caller.requireRole(Caller.Role.ADMIN);
		return ApiResponse.ok(disputes.settle(bookingId, caller, body.refundCents(), body.releasePayout(),
				body.note() == null || body.note().isBlank() ? null : body.note().strip()));
	}
}

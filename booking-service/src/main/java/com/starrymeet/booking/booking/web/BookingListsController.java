package com.starrymeet.booking.booking.web;

import java.time.LocalDate;
import java.util.List;

import com.starrymeet.booking.booking.BookingQueries;
import com.starrymeet.booking.booking.BookingView;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.Pagination;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The fan's own bookings and the celebrity's incoming bookings, a page at a time. */
@RestController
@Tag(name = "Booking lists", description = "A fan's bookings (upcoming, past, canceled) and a celebrity's "
		+ "incoming bookings.")
class BookingListsController {

	private final BookingQueries queries;

	BookingListsController(BookingQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/v1/users/me/bookings")
	@Operation(operationId = "listMyBookings", summary = "The caller's bookings",
			description = "`upcoming`: pending or confirmed and not ended (soonest first); `past`: completed, disputed, "
					+ "or confirmed and ended (latest first); `canceled`: canceled or expired unpaid. Without `status`: all.")
	ApiResponse<List<BookingView>> mine(Caller caller,
			@Parameter(description = "upcoming, past or canceled") @RequestParam(required = false) @Nullable String status,
			Pagination.PageQuery page) {
		var result = queries.fanBookings(caller.userId(), BookingQueries.FanFilter.of(status), page);
		return ApiResponse.page(result.items(), result.pagination());
	}

	@GetMapping("/v1/celebrities/me/bookings")
	@Operation(operationId = "listCelebrityBookings", summary = "The calling celebrity's incoming bookings",
			description = "Bookings of the celebrity profiles the caller's CELEBRITY account manages, soonest first; "
					+ "optionally of one state and with meeting dates (local) from `from` to `to`.")
	ApiResponse<List<BookingView>> celebrity(Caller caller,
			@Parameter(description = "first meeting date (YYYY-MM-DD)") @RequestParam(required = false)
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@Parameter(description = "last meeting date (YYYY-MM-DD)") @RequestParam(required = false)
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@Parameter(description = "pending, confirmed, expired, canceled, completed or disputed")
			@RequestParam(required = false) @Nullable String status, Pagination.PageQuery page) {
		caller.requireRole(Caller.Role.CELEBRITY);
		var result = queries.celebrityBookings(caller.userId(), from, to, status, page);
		return ApiResponse.page(result.items(), result.pagination());
	}
}

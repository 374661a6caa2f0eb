package com.starrymeet.booking.booking.web;

import java.time.Instant;
import java.util.UUID;

import com.starrymeet.booking.booking.BookingQueries;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service to service (saga contract 3: payment-service checks a booking before opening an intent):
 * {@code /internal/**} is never routed by the gateway and needs no user token here
 * ({@code starrymeet.security.public-paths}). Not in the public OpenAPI document.
 */
@RestController
class InternalBookingsController {

	/** What payment-service needs of a booking; {@code status} lower case as in ARCHITECTURE.md. */
	record InternalBooking(UUID bookingId, String bookingNumber, UUID fanId, UUID celebrityId, String status,
			long amountCents, String currency, Instant holdExpiresAt) {
	}

	private final BookingQueries queries;

	InternalBookingsController(BookingQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/internal/bookings/{bookingId}")
	@Operation(hidden = true, operationId = "getInternalBooking", summary = "A booking, for payment-service")
	ApiResponse<InternalBooking> get(@PathVariable UUID bookingId) {
		return queries.find(bookingId)
			.map(b -> ApiResponse.ok(new InternalBooking(b.id(), b.bookingNumber(), b.fanId(), b.celebrityId(),
					b.status(), b.priceCents(), b.currency(), b.holdExpiresAt())))
			.orElseThrow(() -> ApiException.notFound("Booking " + bookingId));
	}
}

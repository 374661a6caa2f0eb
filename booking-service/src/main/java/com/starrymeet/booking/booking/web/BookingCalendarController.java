package com.starrymeet.booking.booking.web;

import java.util.UUID;

import com.starrymeet.booking.booking.CalendarDocuments;
import com.starrymeet.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Add to calendar": the booking as an iCalendar event ({@code text/calendar}). The internal twin serves
 * notification-service, which attaches it to the confirmation e-mail ({@code /internal/**}: no token, never
 * routed by the gateway, not in the public OpenAPI document).
 */
@RestController
class BookingCalendarController {

	static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

	private final CalendarDocuments documents;

	BookingCalendarController(CalendarDocuments documents) {
		this.documents = documents;
	}

	@GetMapping(path = "/v1/bookings/{bookingId}/calendar.ics")
	@Operation(operationId = "getBookingCalendar", summary = "The booking as an iCalendar event",
			description = "The fan or the celebrity's account (admins too). Same `UID` for the booking's life, "
					+ "`SEQUENCE` = reschedules (+1 when canceled), `STATUS:CANCELLED` once canceled. 409 `NOT_CONFIRMED`.")
	ResponseEntity<String> get(Caller caller, @PathVariable UUID bookingId) {
		return ics(bookingId, documents.forCaller(bookingId, caller));
	}

	@GetMapping(path = "/internal/bookings/{bookingId}/calendar.ics")
	@Operation(hidden = true, operationId = "getInternalBookingCalendar", summary = "The booking's iCalendar event")
	ResponseEntity<String> internal(@PathVariable UUID bookingId) {
		return ics(bookingId, documents.forService(bookingId));
	}

	private static ResponseEntity<String> ics(UUID bookingId, String body) {
		return ResponseEntity.ok()
			.contentType(TEXT_CALENDAR)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"booking-" + bookingId + ".ics\"")
			.body(body);
	}
}

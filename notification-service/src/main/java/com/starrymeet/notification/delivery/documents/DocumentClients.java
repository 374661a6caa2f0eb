package com.starrymeet.notification.delivery.documents;

import java.util.UUID;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The internal document reads (service to service, never routed by the gateway). */
final class DocumentClients {

	private DocumentClients() {
	}

	/** booking-service's iCalendar of a booking (text/calendar). */
	@FeignClient(name = Documents.CALENDAR, url = "${starrymeet.notification.booking-url:http://localhost:8083}",
			configuration = DocumentClientConfiguration.class)
	interface CalendarClient {

		@GetMapping("/internal/bookings/{bookingId}/calendar.ics")
		ResponseEntity<byte[]> calendar(@PathVariable("bookingId") UUID bookingId);
	}

	/** payment-service's receipt of a payment (application/pdf). */
	@FeignClient(name = Documents.RECEIPT, url = "${starrymeet.notification.payment-url:http://localhost:8084}",
			configuration = DocumentClientConfiguration.class)
	interface ReceiptClient {

		@GetMapping("/internal/payments/{paymentId}/receipt.pdf")
		ResponseEntity<byte[]> receipt(@PathVariable("paymentId") UUID paymentId);
	}
}

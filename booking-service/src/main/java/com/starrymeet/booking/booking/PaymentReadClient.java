package com.starrymeet.booking.booking;

import java.util.UUID;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.JsonNode;

/** payment-service's money of one booking for the admin desk (issue 10, internal 2; service to service). */
@FeignClient(name = PaymentReads.NAME, url = "${starrymeet.booking.payment-url:http://localhost:8084}",
		configuration = PaymentClientConfiguration.class)
interface PaymentReadClient {

	/** {@code {"success":true,"data":{"payment":{...}|null,"refunds":[...],"payout":{...}|null,"credits":[...]}}}. */
	@GetMapping("/internal/payments/by-booking/{bookingId}")
	JsonNode byBooking(@PathVariable("bookingId") UUID bookingId);
}

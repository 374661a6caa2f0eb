package com.starrymeet.payment.payment.booking;

import java.util.UUID;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.JsonNode;

/**
 * booking-service's internal booking read (service to service, never routed by the gateway):
 * {@code {"success":true,"data":{"bookingId","bookingNumber","fanId","celebrityId","status","amountCents",
 * "currency","holdExpiresAt"}}}, 404 when unknown. Read as a JSON tree and mapped leniently by {@link Bookings}.
 */
@FeignClient(name = Bookings.NAME, url = "${starrymeet.payment.booking-url:http://localhost:8083}",
		configuration = BookingClientConfiguration.class)
interface BookingClient {

	@GetMapping("/internal/bookings/{bookingId}")
	JsonNode booking(@PathVariable("bookingId") UUID bookingId);
}

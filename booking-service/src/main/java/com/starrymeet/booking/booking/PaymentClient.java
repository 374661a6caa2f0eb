package com.starrymeet.booking.booking;

import java.util.UUID;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import tools.jackson.databind.JsonNode;

/**
 * payment-service's PaymentIntent for a booking (saga contract 2; service to service). Idempotent per booking:
 * asking again answers the same payment and intent.
 */
@FeignClient(name = Payments.NAME, url = "${starrymeet.booking.payment-url:http://localhost:8084}",
		configuration = PaymentClientConfiguration.class)
interface PaymentClient {

	/** The body of {@code POST /internal/payments/intents}; {@code holdExpiresAt} an ISO-8601 UTC instant. */
	record IntentRequest(UUID bookingId, String bookingNumber, UUID fanId, UUID celebrityId, long amountCents,
			String currency, String holdExpiresAt) {
	}

	/** {@code {"success":true,"data":{"paymentId","bookingId","paymentIntentId","clientSecret","publishableKey",...}}}. */
	@PostMapping(value = "/internal/payments/intents", consumes = "application/json")
	JsonNode openIntent(@RequestHeader("Idempotency-Key") String idempotencyKey, @RequestBody IntentRequest request);
}

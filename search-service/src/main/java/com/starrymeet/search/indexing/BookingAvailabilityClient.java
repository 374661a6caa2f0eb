package com.starrymeet.search.indexing;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * booking-service's internal calendar endpoints (service to service, never routed by the gateway), with the same
 * Feign settings as the catalog's ({@link CatalogClientConfiguration}: timeouts, retries). Answers are read as JSON
 * trees and mapped leniently by {@link FeignAvailabilitySource}.
 */
@FeignClient(name = FeignAvailabilitySource.NAME, url = "${starrymeet.search.availability-url:http://localhost:8083}",
		configuration = CatalogClientConfiguration.class)
interface BookingAvailabilityClient {

	/** {@code {"success":true,"data":[{"celebrityId":"<uuid>","version":<long>}, ...]}}: every calendar. */
	@GetMapping("/internal/availability/versions")
	JsonNode versions();

	/**
	 * {@code {"success":true,"data":[{"version":<long>,"availability":<AvailabilityChanged payload>}, ...]}} for up
	 * to 100 ids.
	 */
	@GetMapping("/internal/availability/snapshots")
	JsonNode snapshots(@RequestParam("ids") String ids);
}

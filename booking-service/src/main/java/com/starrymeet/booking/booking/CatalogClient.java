package com.starrymeet.booking.booking;

import java.util.UUID;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.JsonNode;

/**
 * celebrity-service's price in force (saga contract 1; service to service, never routed by the gateway). The
 * answer is read as a JSON tree and mapped leniently by {@link Catalog}, so fields added later do not break it.
 */
@FeignClient(name = Catalog.NAME, url = "${starrymeet.booking.catalog-url:http://localhost:8082}",
		configuration = CatalogClientConfiguration.class)
interface CatalogClient {

	/** {@code {"success":true,"data":{"celebrityId", "celebrityName", "celebrityUserId", "bookable", ...}}}; 404. */
	@GetMapping("/internal/celebrities/{celebrityId}/meeting-types/{meetingTypeId}")
	JsonNode meetingType(@PathVariable("celebrityId") UUID celebrityId,
			@PathVariable("meetingTypeId") UUID meetingTypeId);
}

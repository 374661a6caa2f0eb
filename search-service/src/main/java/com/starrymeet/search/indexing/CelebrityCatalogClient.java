package com.starrymeet.search.indexing;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * celebrity-service's internal catalog endpoints (service to service, never routed by the gateway). Answers are
 * read as JSON trees and mapped leniently by {@link FeignCatalogSource}, so fields the other side adds later do
 * not break reconciliation.
 */
@FeignClient(name = FeignCatalogSource.NAME, url = "${starrymeet.search.catalog-url:http://localhost:8082}",
		configuration = CatalogClientConfiguration.class)
interface CelebrityCatalogClient {

	/** {@code {"success":true,"data":[{"id":"<uuid>","version":<long>}, ...]}}: every public celebrity. */
	@GetMapping("/internal/catalog/versions")
	JsonNode versions();

	/** {@code {"success":true,"data":[<CelebrityUpserted payload with "version">, ...]}} for up to 100 ids. */
	@GetMapping("/internal/catalog/snapshots")
	JsonNode snapshots(@RequestParam("ids") String ids);
}

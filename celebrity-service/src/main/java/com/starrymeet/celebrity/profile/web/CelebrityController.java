package com.starrymeet.celebrity.profile.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.starrymeet.celebrity.profile.CatalogCache;
import com.starrymeet.celebrity.profile.CelebrityCatalog;
import com.starrymeet.celebrity.profile.Views.CelebrityCard;
import com.starrymeet.celebrity.profile.Views.CelebrityProfile;
import com.starrymeet.common.catalog.CatalogFilter;
import com.starrymeet.common.catalog.CatalogFilterDocumentation;
import com.starrymeet.common.catalog.CatalogFilterParameters;
import com.starrymeet.common.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** The public catalog (no token needed). */
@RestController
@Tag(name = "catalog", description = "The public catalog: list with filters, featured celebrities, profiles")
class CelebrityController {

	private final CelebrityCatalog catalog;

	private final CatalogCache cache;

	CelebrityController(CelebrityCatalog catalog, CatalogCache cache) {
		this.catalog = catalog;
		this.cache = cache;
	}

	/**
	 * Active, verified celebrities with the fleet's catalog filters ({@link CatalogFilter}, read from the query
	 * string, without text search; every bad parameter is a field error of one 400).
	 */
	@GetMapping("/v1/celebrities")
	@Operation(operationId = "listCelebrities", summary = "List public celebrities",
			description = "Active and verified celebrities with the fleet's catalog filters (the same parameters as "
					+ "search-service, without text search: `q` is refused, full-text search is "
					+ "GET /v1/search/celebrities). Places ignore case and accents (`city=Zurich` finds Zürich). "
					+ "Prices are dollars compared with the lowest active meeting-type price. Every invalid parameter "
					+ "is a field error of one 400 `VALIDATION_FAILED`. ETag / If-None-Match.")
	@CatalogFilterParameters
	ResponseEntity<ApiResponse<Map<String, Object>>> list(WebRequest request, HttpServletRequest servletRequest) {
		var filter = CatalogFilter.fromParameters(servletRequest.getParameterMap(), false);
		return cache.json("list", filter, () -> {
			var result = catalog.list(filter);
			var filters = new LinkedHashMap<String, Object>();
			filters.put("appliedFilters", filter.appliedFilters());
			filters.put("sort", filter.sort().apiName());
			var data = new LinkedHashMap<String, Object>();
			data.put("celebrities", result.celebrities());
			data.put("pagination", result.pagination());
			data.put("filters", filters);
			return ApiResponse.ok(java.util.Collections.unmodifiableMap(data));
		}).response(request);
	}

	@GetMapping("/v1/celebrities/featured")
	@Operation(operationId = "listFeaturedCelebrities", summary = "List featured celebrities", description = "Public featured celebrities, up to 20, by popularity.")
	ResponseEntity<ApiResponse<Map<String, List<CelebrityCard>>>> featured(WebRequest request) {
		return cache.json("featured", "", () -> ApiResponse.ok(Map.of("celebrities", catalog.featured()))).response(request);
	}

	@GetMapping("/v1/celebrities/{idOrUsername}")
	@Operation(operationId = "getCelebrity", summary = "Get a public profile",
			description = "By id or username (any case); 404 for unknown and non-public alike.")
	ResponseEntity<ApiResponse<CelebrityProfile>> one(WebRequest request,
			@Parameter(description = "the celebrity's id or username") @PathVariable String idOrUsername) {
		var key = idOrUsername.toLowerCase(Locale.ROOT);
		return cache.json("profile", key, () -> ApiResponse.ok(catalog.profile(key))).response(request);
	}

	/** Documents the filter parameters of the handlers marked {@link CatalogFilterParameters}. */
	@Bean
	static CatalogFilterDocumentation catalogFilterDocumentation() {
		return new CatalogFilterDocumentation();
	}
}

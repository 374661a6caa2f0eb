package com.starrymeet.celebrity.profile.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.starrymeet.celebrity.profile.CatalogCache;
import com.starrymeet.celebrity.profile.CatalogQuery;
import com.starrymeet.celebrity.profile.CelebrityCatalog;
import com.starrymeet.celebrity.profile.Views.CelebrityCard;
import com.starrymeet.celebrity.profile.Views.CelebrityProfile;
import com.starrymeet.common.web.ApiResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public catalog (no token needed). */
@RestController
class CelebrityController {

	private final CelebrityCatalog catalog;

	private final CatalogCache cache;

	CelebrityController(CelebrityCatalog catalog, CatalogCache cache) {
		this.catalog = catalog;
		this.cache = cache;
	}

	/**
	 * Active, verified celebrities with the vision's filters; prices in dollars; {@code date} (alias
	 * {@code availableDate}) keeps those available that day.
	 */
	@GetMapping("/v1/celebrities")
	ResponseEntity<ApiResponse<Map<String, Object>>> list(WebRequest request, @RequestParam(required = false) @Nullable String category,
			@RequestParam(required = false) @Nullable String city,
			@RequestParam(required = false) @Nullable String country,
			@RequestParam(required = false) @Nullable BigDecimal minPrice,
			@RequestParam(required = false) @Nullable BigDecimal maxPrice,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate availableDate,
			@RequestParam(required = false) @Nullable BigDecimal minRating,
			@RequestParam(required = false) @Nullable Boolean verified,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer limit) {
		var query = CatalogQuery.of(category, city, country, minPrice, maxPrice, date != null ? date : availableDate,
				minRating, verified, sort, page, limit);
		return respond(request, cache.get("list", query, () -> {
			var result = catalog.list(query);
			var filters = new LinkedHashMap<String, Object>();
			filters.put("appliedFilters", query.appliedFilters());
			filters.put("sort", query.sort().apiName());
			var data = new LinkedHashMap<String, Object>();
			data.put("celebrities", result.celebrities());
			data.put("pagination", result.pagination());
			data.put("filters", filters);
			return ApiResponse.ok(java.util.Collections.unmodifiableMap(data));
		}));
	}

	@GetMapping("/v1/celebrities/featured")
	ResponseEntity<ApiResponse<Map<String, List<CelebrityCard>>>> featured(WebRequest request) {
		return respond(request, cache.get("featured", "", () -> ApiResponse.ok(Map.of("celebrities", catalog.featured()))));
	}

	@GetMapping("/v1/celebrities/{idOrUsername}")
	ResponseEntity<ApiResponse<CelebrityProfile>> one(WebRequest request, @PathVariable String idOrUsername) {
		var key = idOrUsername.toLowerCase(Locale.ROOT);
		return respond(request, cache.get("profile", key, () -> ApiResponse.ok(catalog.profile(key))));
	}

	/** 304 when the client has this generation's ETag; otherwise 200 with it. Clients must revalidate. */
	static <T> ResponseEntity<T> respond(WebRequest request, CatalogCache.Cached<T> cached) {
		if (request.checkNotModified(cached.etag())) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(cached.etag()).cacheControl(CacheControl.noCache()).build();
		}
		return ResponseEntity.ok().eTag(cached.etag()).cacheControl(CacheControl.noCache()).body(cached.value());
	}
}

package com.starrymeet.search.query.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.search.query.CelebritySearch;
import com.starrymeet.search.query.SearchCriteria;
import com.starrymeet.search.query.SearchEvents;
import com.starrymeet.search.query.SearchPerformed;
import com.starrymeet.search.query.SearchResults;
import com.starrymeet.search.query.Suggestion;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Public search endpoints. */
@RestController
class SearchController {

	/** The only fields {@code POST /v1/search/filters} accepts. */
	static final Set<String> FILTER_FIELDS = Set.of("q", "category", "city", "country", "minPrice", "maxPrice",
			"availableDate", "minRating", "verified", "sort", "page", "limit");

	private final CelebritySearch search;

	private final SearchEvents events;

	private final JsonMapper json;

	SearchController(CelebritySearch search, SearchEvents events, JsonMapper json) {
		this.search = search;
		this.events = events;
		this.json = json;
	}

	@GetMapping({ "/v1/search/celebrities", "/v1/celebrities/search" })
	ApiResponse<Map<String, Object>> celebrities(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String category,
			@RequestParam(required = false) @Nullable String city,
			@RequestParam(required = false) @Nullable String country,
			@RequestParam(required = false) @Nullable BigDecimal minPrice,
			@RequestParam(required = false) @Nullable BigDecimal maxPrice,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate availableDate,
			@RequestParam(required = false) @Nullable Double minRating,
			@RequestParam(required = false) @Nullable Boolean verified,
			@RequestParam(required = false) @Nullable String sort, @RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer limit) {
		var criteria = new SearchCriteria(q, category, city, country, minPrice, maxPrice, availableDate, minRating,
				verified, sort, page, limit);
		var results = search.search(criteria, false);
		published("celebrities", criteria, results);
		return ApiResponse.ok(body(results));
	}

	@PostMapping("/v1/search/filters")
	ApiResponse<Map<String, Object>> filters(@RequestBody JsonNode body) {
		if (!body.isObject()) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The body must be a JSON object");
		}
		var unknown = new TreeSet<String>();
		body.propertyNames().forEach(name -> {
			if (!FILTER_FIELDS.contains(name)) {
				unknown.add(name);
			}
		});
		if (!unknown.isEmpty()) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "UNKNOWN_FIELDS",
					"Fields not accepted: " + String.join(", ", unknown) + "; accepted: " + String.join(", ", new TreeSet<>(FILTER_FIELDS)));
		}
		SearchCriteria criteria;
		try {
			criteria = json.treeToValue(body, SearchCriteria.class);
		}
		catch (JacksonException ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "A field has a value of the wrong type");
		}
		var results = search.search(criteria, true);
		published("filters", criteria, results);
		var data = body(results);
		data.put("facets", results.facets());
		return ApiResponse.ok(data);
	}

	@GetMapping("/v1/search/suggestions")
	ApiResponse<Map<String, List<Suggestion>>> suggestions(@RequestParam(required = false) @Nullable String q) {
		return ApiResponse.ok(Map.of("suggestions", search.suggest(q)));
	}

	private static Map<String, Object> body(SearchResults results) {
		var data = new LinkedHashMap<String, Object>();
		data.put("celebrities", results.celebrities());
		data.put("pagination", results.pagination());
		data.put("filters", Map.of("appliedFilters", results.appliedFilters()));
		return data;
	}

	private void published(String endpoint, SearchCriteria criteria, SearchResults results) {
		events.performed(new SearchPerformed(endpoint, criteria.q(), criteria.appliedFilters(), criteria.sort(),
				results.pagination().page(), results.pagination().total(), Instant.now()));
	}
}

package com.starrymeet.search.query.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.starrymeet.common.catalog.CatalogFilter;
import com.starrymeet.common.catalog.CatalogFilterParameters;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.ReadyJson;
import com.starrymeet.search.query.CelebritySearch;
import com.starrymeet.search.query.SearchEvents;
import com.starrymeet.search.query.SearchPerformed;
import com.starrymeet.search.query.SearchResults;
import com.starrymeet.search.query.Suggestion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Public search endpoints. The filters are the catalog's one contract ({@link CatalogFilter}): the same names,
 * limits and field errors as celebrity-service's list.
 */
@RestController
class SearchController {

	private final CelebritySearch search;

	private final SearchEvents events;

	private final JsonMapper json;

	/**
	 * The answer's JSON per result: the result cache hands out the same {@link SearchResults} instance for the same
	 * search in the same index version, so a repeated search is answered with ready bytes (identity keys; entries
	 * go with their results).
	 */
	private final Cache<SearchResults, byte[]> answers = Caffeine.newBuilder().weakKeys().maximumSize(10_000).build();

	SearchController(CelebritySearch search, SearchEvents events, JsonMapper json) {
		this.search = search;
		this.events = events;
		this.json = json;
	}

	/** {@code q} plus the catalog filters as query parameters ({@link CatalogFilter}). */
	@GetMapping({ "/v1/search/celebrities", "/v1/celebrities/search" })
	@CatalogFilterParameters(text = true)
	@Operation(summary = "Search celebrities: typo-tolerant text and the catalog filters")
	ResponseEntity<ApiResponse<Map<String, Object>>> celebrities(@Parameter(hidden = true) HttpServletRequest request) {
		var filter = CatalogFilter.fromParameters(request.getParameterMap());
		var results = search.search(filter, false);
		published("celebrities", filter, results);
		return ReadyJson.body(ResponseEntity.ok(),
				answers.get(results, (r) -> json.writeValueAsBytes(ApiResponse.ok(body(filter, r)))));
	}

	/** The same fields as a JSON body (only those), plus facet counts. */
	@PostMapping("/v1/search/filters")
	@Operation(summary = "Search with the catalog filters in a JSON body, with facet counts")
	ResponseEntity<ApiResponse<Map<String, Object>>> filters(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
			mediaType = "application/json", schema = @Schema(implementation = FiltersBody.class))) @RequestBody(
					required = false) @Nullable JsonNode body) {
		var filter = CatalogFilter.fromJson(body);
		var results = search.search(filter, true);
		published("filters", filter, results);
		return ReadyJson.body(ResponseEntity.ok(), answers.get(results, (r) -> {
			var data = body(filter, r);
			data.put("facets", r.facets());
			return json.writeValueAsBytes(ApiResponse.ok(data));
		}));
	}

	@GetMapping("/v1/search/suggestions")
	@Operation(summary = "Autocomplete celebrity names")
	ApiResponse<Map<String, List<Suggestion>>> suggestions(@RequestParam(required = false) @Nullable String q) {
		return ApiResponse.ok(Map.of("suggestions", search.suggest(q)));
	}

	private static Map<String, Object> body(CatalogFilter filter, SearchResults results) {
		var filters = new LinkedHashMap<String, Object>();
		filters.put("appliedFilters", results.appliedFilters());
		filters.put("sort", filter.sort().apiName());
		var data = new LinkedHashMap<String, Object>();
		data.put("celebrities", results.celebrities());
		data.put("pagination", results.pagination());
		data.put("filters", filters);
		return data;
	}

	private void published(String endpoint, CatalogFilter filter, SearchResults results) {
		events.performed(new SearchPerformed(endpoint, filter.q(), filter.appliedFilters(), filter.sort().apiName(),
				results.pagination().page(), results.pagination().total(), Instant.now()));
	}
}

package com.starrymeet.search.query;

import java.util.List;
import java.util.Map;

import com.starrymeet.common.web.Pagination;
import org.jspecify.annotations.Nullable;

/**
 * One page of results, with facet counts when asked for.
 */
public record SearchResults(List<CelebritySummary> celebrities, Pagination pagination,
		Map<String, Object> appliedFilters, @Nullable Facets facets) {

	/** Counts over every match (not only the page). */
	public record Facets(List<CategoryCount> categories, List<CityCount> cities, List<Bucket> prices,
			List<Bucket> ratings) {
	}

	public record CategoryCount(String slug, String name, long count) {
	}

	public record CityCount(String city, String country, long count) {
	}

	/** A range bucket; {@code from} inclusive, {@code to} exclusive, null when open. */
	public record Bucket(String key, @Nullable Number from, @Nullable Number to, long count) {
	}
}

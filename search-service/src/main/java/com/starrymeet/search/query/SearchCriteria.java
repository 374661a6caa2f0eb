package com.starrymeet.search.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a client asks for: free text, the catalog's filters (prices in DOLLARS), a sort and a page.
 *
 * @param category slug or id
 * @param sort relevance (default with {@code q}), price, price_desc, rating, popularity (default without
 *     {@code q}), newest
 */
public record SearchCriteria(@Nullable String q, @Nullable String category, @Nullable String city,
		@Nullable String country, @Nullable BigDecimal minPrice, @Nullable BigDecimal maxPrice,
		@Nullable LocalDate availableDate, @Nullable Double minRating, @Nullable Boolean verified,
		@Nullable String sort, @Nullable Integer page, @Nullable Integer limit) {

	public static SearchCriteria text(@Nullable String q) {
		return new SearchCriteria(q, null, null, null, null, null, null, null, null, null, null, null);
	}

	/** The filters that were given, as the client wrote them (for {@code filters.appliedFilters}). */
	public Map<String, Object> appliedFilters() {
		var applied = new LinkedHashMap<String, Object>();
		put(applied, "category", category);
		put(applied, "city", city);
		put(applied, "country", country);
		put(applied, "minPrice", minPrice);
		put(applied, "maxPrice", maxPrice);
		put(applied, "availableDate", availableDate == null ? null : availableDate.toString());
		put(applied, "minRating", minRating);
		put(applied, "verified", verified);
		return applied;
	}

	private static void put(Map<String, Object> map, String key, @Nullable Object value) {
		if (value instanceof String s && s.isBlank()) {
			return;
		}
		if (value != null) {
			map.put(key, value);
		}
	}
}

package com.starrymeet.search.query.web;

import java.math.BigDecimal;
import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/search/filters}, as documented: the catalog filter contract's names with JSON types.
 * It is read by {@link com.starrymeet.common.catalog.CatalogFilter#fromJson} (every field error at once; any other
 * field is one).
 */
@Schema(name = "SearchFilters", description = "the catalog filters (com.starrymeet.common.catalog.CatalogFilter) as JSON")
record FiltersBody(@Schema(description = "free text", maxLength = 200) @Nullable String q,
		@Schema(description = "category slug or id", maxLength = 100) @Nullable String category,
		@Schema(description = "place; case and accents ignored", maxLength = 100) @Nullable String city,
		@Schema(description = "country; case and accents ignored", maxLength = 100) @Nullable String country,
		@Schema(description = "DOLLARS", minimum = "0", maximum = "10000000") @Nullable BigDecimal minPrice,
		@Schema(description = "DOLLARS", minimum = "0", maximum = "10000000") @Nullable BigDecimal maxPrice,
		@Schema(description = "has this date available") @Nullable LocalDate date,
		@Schema(description = "older name of date", deprecated = true) @Nullable LocalDate availableDate,
		@Schema(minimum = "0", maximum = "5") @Nullable BigDecimal minRating, @Nullable Boolean verified,
		@Schema(allowableValues = { "relevance", "price", "price_asc", "price_desc", "rating", "popularity",
				"newest" }) @Nullable String sort,
		@Schema(minimum = "1", defaultValue = "1") @Nullable Integer page,
		@Schema(minimum = "1", maximum = "100", defaultValue = "20") @Nullable Integer limit) {
}

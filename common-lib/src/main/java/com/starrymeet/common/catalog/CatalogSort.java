package com.starrymeet.common.catalog;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The orders a catalog list can have. Without a sort, a list with text ({@code q}) is by relevance and one
 * without by popularity; {@code relevance} without text has nothing to be relevant to and is popularity.
 */
public enum CatalogSort {

	/** Best text match first (then popularity); only with {@code q}. */
	RELEVANCE,
	/** Lowest active price ascending; celebrities without a price last. */
	PRICE,
	/** Lowest active price descending; celebrities without a price last. */
	PRICE_DESC,
	/** Average rating descending. */
	RATING,
	/** Total bookings descending, then rating. */
	POPULARITY,
	/** Newest profile first. */
	NEWEST;

	/** What {@code sort} must be, as a field error says it. */
	static final String ALLOWED = "must be one of relevance, price, price_desc, rating, popularity, newest";

	/**
	 * The sort a client asked for: case-insensitive, {@code -} or {@code _} ({@code price-desc}), and
	 * {@code price_asc} for {@code price}.
	 * @return null when {@code value} names no sort
	 */
	static @Nullable CatalogSort parse(@Nullable String value, boolean hasText) {
		if (value == null || value.isBlank()) {
			return hasText ? RELEVANCE : POPULARITY;
		}
		return switch (value.strip().toUpperCase(Locale.ROOT).replace('-', '_')) {
			case "RELEVANCE" -> hasText ? RELEVANCE : POPULARITY;
			case "PRICE", "PRICE_ASC" -> PRICE;
			case "PRICE_DESC" -> PRICE_DESC;
			case "RATING" -> RATING;
			case "POPULARITY" -> POPULARITY;
			case "NEWEST" -> NEWEST;
			default -> null;
		};
	}

	/** The name in the API ({@code price_desc}). */
	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}
}

package com.starrymeet.celebrity.profile;

import com.starrymeet.common.web.ValidationFailed;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The orders of the public list, the same names as search-service's sorts. Each maps to a fixed ORDER BY
 * (a whitelist: nothing from the request reaches the SQL text).
 */
public enum CelebritySort {

	PRICE("c.lowest_price_cents ASC NULLS LAST, c.id"),
	PRICE_DESC("c.lowest_price_cents DESC NULLS LAST, c.id"),
	RATING("c.average_rating DESC, c.total_reviews DESC, c.id"),
	POPULARITY("c.total_bookings DESC, c.average_rating DESC, c.id"),
	NEWEST("c.created_at DESC, c.id");

	final String orderBy;

	CelebritySort(String orderBy) {
		this.orderBy = orderBy;
	}

	/** {@code null} or blank is popularity; {@code relevance} (no text to be relevant to) is popularity too. */
	public static CelebritySort parse(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return POPULARITY;
		}
		var normalized = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
		return switch (normalized) {
			case "PRICE", "PRICE_ASC" -> PRICE;
			case "PRICE_DESC" -> PRICE_DESC;
			case "RATING" -> RATING;
			case "POPULARITY", "RELEVANCE" -> POPULARITY;
			case "NEWEST" -> NEWEST;
			default -> throw ValidationFailed.of("sort",
					"must be one of price, price_desc, rating, popularity, newest");
		};
	}

	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}
}

package com.starrymeet.search.query;

import java.util.Locale;

import com.starrymeet.common.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** The orders a result list can have. */
public enum SearchSort {

	RELEVANCE, PRICE, PRICE_DESC, RATING, POPULARITY, NEWEST;

	static SearchSort parse(@Nullable String value, boolean hasText) {
		if (value == null || value.isBlank()) {
			return hasText ? RELEVANCE : POPULARITY;
		}
		var normalized = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
		if (normalized.equals("PRICE_ASC")) {
			return PRICE;
		}
		try {
			return valueOf(normalized);
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_SORT",
					"sort must be one of relevance, price, price_desc, rating, popularity, newest");
		}
	}
}

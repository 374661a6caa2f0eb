package com.starrymeet.celebrity.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.Problems;
import com.starrymeet.common.web.ValidationFailed;
import org.jspecify.annotations.Nullable;

/**
 * The public list's filters, validated. Prices are in DOLLARS as the client writes them and are compared with
 * the lowest active meeting-type price in cents ({@code minPrice} rounded up, {@code maxPrice} rounded down to
 * the cent).
 *
 * @param category a category slug or id
 * @param date a day the celebrity has an available date (at {@code city}/{@code country} when those are given)
 * @param verified public celebrities are all verified, so {@code false} finds none
 */
public record CatalogQuery(@Nullable String category, @Nullable String city, @Nullable String country,
		@Nullable BigDecimal minPrice, @Nullable BigDecimal maxPrice, @Nullable LocalDate date,
		@Nullable BigDecimal minRating, @Nullable Boolean verified, CelebritySort sort, int page, int limit) {

	static final BigDecimal MAX_DOLLARS = new BigDecimal("10000000");

	/** Validates the raw parameters; every problem becomes a field error of one 400. */
	public static CatalogQuery of(@Nullable String category, @Nullable String city, @Nullable String country,
			@Nullable BigDecimal minPrice, @Nullable BigDecimal maxPrice, @Nullable LocalDate date,
			@Nullable BigDecimal minRating, @Nullable Boolean verified, @Nullable String sort, @Nullable Integer page,
			@Nullable Integer limit) {
		var errors = new ArrayList<Problems.FieldError>();
		CelebritySort parsedSort = CelebritySort.POPULARITY;
		try {
			parsedSort = CelebritySort.parse(sort);
		}
		catch (ValidationFailed ex) {
			errors.addAll(ex.errors());
		}
		int p = page == null ? 1 : page;
		int l = limit == null ? Pagination.DEFAULT_LIMIT : limit;
		if (p < 1) {
			errors.add(new Problems.FieldError("page", "must be at least 1"));
		}
		if (l < 1 || l > Pagination.MAX_LIMIT) {
			errors.add(new Problems.FieldError("limit", "must be between 1 and " + Pagination.MAX_LIMIT));
		}
		price("minPrice", minPrice, errors);
		price("maxPrice", maxPrice, errors);
		if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
			errors.add(new Problems.FieldError("minPrice", "must not be greater than maxPrice"));
		}
		if (minRating != null && (minRating.signum() < 0 || minRating.compareTo(BigDecimal.valueOf(5)) > 0)) {
			errors.add(new Problems.FieldError("minRating", "must be between 0 and 5"));
		}
		text("category", category, errors);
		text("city", city, errors);
		text("country", country, errors);
		if (!errors.isEmpty()) {
			throw new ValidationFailed(errors);
		}
		return new CatalogQuery(blankToNull(category), blankToNull(city), blankToNull(country), minPrice, maxPrice,
				date, minRating, verified, parsedSort, p, l);
	}

	private static void price(String field, @Nullable BigDecimal dollars, ArrayList<Problems.FieldError> errors) {
		if (dollars != null && (dollars.signum() < 0 || dollars.compareTo(MAX_DOLLARS) > 0)) {
			errors.add(new Problems.FieldError(field, "must be between 0 and " + MAX_DOLLARS.toPlainString() + " dollars"));
		}
	}

	private static void text(String field, @Nullable String value, ArrayList<Problems.FieldError> errors) {
		if (value != null && value.length() > 100) {
			errors.add(new Problems.FieldError(field, "must be at most 100 characters"));
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	@Nullable Long minPriceCents() {
		return minPrice == null ? null : minPrice.movePointRight(2).setScale(0, RoundingMode.CEILING).longValueExact();
	}

	@Nullable Long maxPriceCents() {
		return maxPrice == null ? null : maxPrice.movePointRight(2).setScale(0, RoundingMode.FLOOR).longValueExact();
	}

	@Nullable UUID categoryId() {
		if (category == null) {
			return null;
		}
		try {
			return UUID.fromString(category);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	long offset() {
		return (long) (page - 1) * limit;
	}

	/** The filters that were given, as the client wrote them ({@code filters.appliedFilters}). */
	public Map<String, Object> appliedFilters() {
		var applied = new LinkedHashMap<String, Object>();
		put(applied, "category", category);
		put(applied, "city", city);
		put(applied, "country", country);
		put(applied, "minPrice", minPrice);
		put(applied, "maxPrice", maxPrice);
		put(applied, "date", date == null ? null : date.toString());
		put(applied, "minRating", minRating);
		put(applied, "verified", verified);
		return applied;
	}

	private static void put(Map<String, Object> map, String key, @Nullable Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}
}

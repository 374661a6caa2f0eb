package com.starrymeet.common.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.starrymeet.common.web.PageQueryArgumentResolver;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.Problems;
import com.starrymeet.common.web.ValidationFailed;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The public catalog filters, validated: the one definition of what {@code GET /v1/celebrities},
 * {@code GET /v1/search/celebrities} and {@code POST /v1/search/filters} accept.
 * <p>
 * Parameters (query string, or the same names in a JSON body):
 * <ul>
 * <li>{@code q} — free text, at most 200 characters; only where there is text search: a list without it
 * ({@link #fromParameters(Map, boolean)} with {@code false}) refuses {@code q} with a field error</li>
 * <li>{@code category} — a category slug or id; {@code city}, {@code country} — where the celebrity can be met;
 * each at most 100 characters, matched case- and accent-insensitively ({@link #fold(String)}: {@code Zurich}
 * finds {@code Zürich})</li>
 * <li>{@code minPrice}, {@code maxPrice} — DOLLARS, 0 to 10,000,000, decimals allowed; held in cents
 * ({@code minPrice} rounded up, {@code maxPrice} rounded down to the cent), bounds inclusive, compared with the
 * lowest active meeting-type price; min ≤ max</li>
 * <li>{@code date} (alias {@code availableDate}) — {@code YYYY-MM-DD}, has that date available</li>
 * <li>{@code minRating} — 0 to 5; {@code verified} — {@code true} or {@code false}</li>
 * <li>{@code sort} — {@link CatalogSort}: {@code relevance}, {@code price} ({@code price_asc}),
 * {@code price_desc}, {@code rating}, {@code popularity}, {@code newest}</li>
 * <li>{@code page} ≥ 1 (default 1), {@code limit} 1–100 (default 20)</li>
 * </ul>
 * A blank value is the same as an absent one. Every problem is a field error of one 400
 * {@code VALIDATION_FAILED} ({@link ValidationFailed}), all reported together, each naming its parameter.
 * Unknown query parameters are ignored (links carry tracking parameters); unknown JSON fields are field errors.
 *
 * @param category as given (trimmed); see {@link #categoryKey()} and {@link #categoryId()}
 * @param city as given (trimmed), echoed in {@code appliedFilters}; match with {@link #cityKey()}
 * @param minPriceCents lowest price in cents (the {@code minPrice} dollars rounded up to the cent)
 * @param maxPriceCents highest price in cents (the {@code maxPrice} dollars rounded down to the cent)
 */
public record CatalogFilter(@Nullable String q, @Nullable String category, @Nullable String city,
		@Nullable String country, @Nullable Long minPriceCents, @Nullable Long maxPriceCents, @Nullable LocalDate date,
		@Nullable BigDecimal minRating, @Nullable Boolean verified, CatalogSort sort, int page, int limit) {

	public static final String Q = "q";

	public static final String CATEGORY = "category";

	public static final String CITY = "city";

	public static final String COUNTRY = "country";

	public static final String MIN_PRICE = "minPrice";

	public static final String MAX_PRICE = "maxPrice";

	public static final String DATE = "date";

	/** Older name of {@link #DATE} (search-service's), still accepted. */
	public static final String AVAILABLE_DATE = "availableDate";

	public static final String MIN_RATING = "minRating";

	public static final String VERIFIED = "verified";

	public static final String SORT = "sort";

	public static final String PAGE = "page";

	public static final String LIMIT = "limit";

	/** Every parameter of the contract (and every field a JSON body may have). */
	public static final Set<String> PARAMETERS = Set.of(Q, CATEGORY, CITY, COUNTRY, MIN_PRICE, MAX_PRICE, DATE,
			AVAILABLE_DATE, MIN_RATING, VERIFIED, SORT, PAGE, LIMIT);

	public static final int MAX_QUERY_LENGTH = 200;

	public static final int MAX_VALUE_LENGTH = 100;

	public static final BigDecimal MAX_DOLLARS = new BigDecimal("10000000");

	private static final BigDecimal MAX_RATING = BigDecimal.valueOf(5);

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	/** No filter, first page, default sort. */
	public static final CatalogFilter NONE = new CatalogFilter(null, null, null, null, null, null, null, null, null,
			CatalogSort.POPULARITY, 1, Pagination.DEFAULT_LIMIT);

	// ---- parsing

	/**
	 * The filters of a query string, e.g. a servlet request's {@code getParameterMap()}, for an endpoint with text
	 * search ({@code q} accepted).
	 * @throws ValidationFailed with every field error
	 */
	public static CatalogFilter fromParameters(Map<String, String[]> parameters) {
		return fromParameters(parameters, true);
	}

	/**
	 * The filters of a query string, e.g. a servlet request's {@code getParameterMap()}.
	 * @param text whether the endpoint searches text; without, {@code q} is a field error ("is not supported
	 *     here")
	 * @throws ValidationFailed with every field error
	 */
	public static CatalogFilter fromParameters(Map<String, String[]> parameters, boolean text) {
		var errors = new ArrayList<Problems.FieldError>();
		if (!text && parameters.containsKey(Q)) {
			errors.add(new Problems.FieldError(Q, "is not supported here; full-text search is GET /v1/search/celebrities"));
		}
		return parse(name -> {
			if (!text && Q.equals(name)) {
				return null;
			}
			var values = parameters.get(name);
			if (values == null || values.length == 0) {
				return null;
			}
			if (values.length > 1) {
				errors.add(new Problems.FieldError(name, "must be given at most once"));
				return null;
			}
			return values[0];
		}, errors);
	}

	/** The filters of single-valued parameters (tests, benchmarks, clients). */
	public static CatalogFilter of(Map<String, String> parameters) {
		return parse(parameters::get, new ArrayList<>());
	}

	/**
	 * The filters of a JSON body with the same names: an object with only these fields, strings for the text
	 * and date fields, numbers for prices and {@code minRating}, integers for {@code page} and {@code limit}, a
	 * boolean for {@code verified}; {@code null} is the same as absent.
	 * @throws ValidationFailed with every field error (an unknown field is one)
	 */
	public static CatalogFilter fromJson(@Nullable JsonNode body) {
		var errors = new ArrayList<Problems.FieldError>();
		if (body == null || !body.isObject()) {
			throw ValidationFailed.of("body", "must be a JSON object");
		}
		var unknown = new TreeSet<String>();
		body.propertyNames().forEach(name -> {
			if (!PARAMETERS.contains(name)) {
				unknown.add(name);
			}
		});
		unknown.forEach(name -> errors.add(new Problems.FieldError(name,
				"is not accepted here (accepted: " + String.join(", ", new TreeSet<>(PARAMETERS)) + ")")));
		return parse(name -> jsonValue(body.get(name), name, errors), errors);
	}

	private static @Nullable String jsonValue(@Nullable JsonNode node, String name, List<Problems.FieldError> errors) {
		if (node == null || node.isNull()) {
			return null;
		}
		switch (name) {
			case MIN_PRICE, MAX_PRICE, MIN_RATING -> {
				if (node.isNumber()) {
					return node.decimalValue().toPlainString();
				}
				errors.add(new Problems.FieldError(name, "must be a number"));
			}
			case PAGE, LIMIT -> {
				if (node.isIntegralNumber()) {
					return node.bigIntegerValue().toString();
				}
				errors.add(new Problems.FieldError(name, "must be an integer"));
			}
			case VERIFIED -> {
				if (node.isBoolean()) {
					return Boolean.toString(node.booleanValue());
				}
				errors.add(new Problems.FieldError(name, "must be true or false"));
			}
			default -> {
				if (node.isString()) {
					return node.asString();
				}
				errors.add(new Problems.FieldError(name, "must be a string"));
			}
		}
		return null;
	}

	private static CatalogFilter parse(Function<String, @Nullable String> raw, List<Problems.FieldError> errors) {
		var p = new Parser(raw, errors);
		var q = p.text(Q, MAX_QUERY_LENGTH);
		var category = p.text(CATEGORY, MAX_VALUE_LENGTH);
		var city = p.text(CITY, MAX_VALUE_LENGTH);
		var country = p.text(COUNTRY, MAX_VALUE_LENGTH);
		var minPrice = p.dollars(MIN_PRICE);
		var maxPrice = p.dollars(MAX_PRICE);
		if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
			errors.add(new Problems.FieldError(MIN_PRICE, "must not be greater than maxPrice"));
		}
		var date = p.date(DATE);
		var alias = p.date(AVAILABLE_DATE);
		if (date != null && alias != null) {
			errors.add(new Problems.FieldError(AVAILABLE_DATE, "is another name of date: give one of them"));
		}
		var minRating = p.decimal(MIN_RATING, BigDecimal.ZERO, MAX_RATING, "must be between 0 and 5");
		var verified = p.bool(VERIFIED);
		var sortValue = p.value(SORT);
		var sort = CatalogSort.parse(sortValue, q != null);
		if (sort == null) {
			errors.add(new Problems.FieldError(SORT, CatalogSort.ALLOWED));
		}
		// the one paging rule of every list (page ≥ 1, 1 ≤ limit ≤ 100), read by common-lib's PageQuery resolver
		var page = new Pagination.PageQuery(1, Pagination.DEFAULT_LIMIT);
		try {
			page = PageQueryArgumentResolver.read(p.value(PAGE), p.value(LIMIT));
		}
		catch (ValidationFailed ex) {
			errors.addAll(ex.errors());
		}
		if (!errors.isEmpty()) {
			throw new ValidationFailed(errors);
		}
		return new CatalogFilter(q, category, city, country,
				minPrice == null ? null : cents(minPrice, RoundingMode.CEILING),
				maxPrice == null ? null : cents(maxPrice, RoundingMode.FLOOR), date != null ? date : alias, minRating,
				verified, sort, page.page(), page.limit());
	}

	private static long cents(BigDecimal dollars, RoundingMode rounding) {
		return dollars.movePointRight(2).setScale(0, rounding).longValueExact();
	}

	/** Reads one parameter at a time, collecting field errors. */
	private record Parser(Function<String, @Nullable String> raw, List<Problems.FieldError> errors) {

		/** The trimmed value, null when absent or blank. */
		@Nullable String value(String name) {
			var value = raw.apply(name);
			if (value == null || value.isBlank()) {
				return null;
			}
			return value.strip();
		}

		@Nullable String text(String name, int max) {
			var value = value(name);
			if (value != null && value.length() > max) {
				errors.add(new Problems.FieldError(name, "must be at most " + max + " characters"));
				return null;
			}
			return value;
		}

		@Nullable BigDecimal decimal(String name, BigDecimal min, BigDecimal max, String range) {
			var value = value(name);
			if (value == null) {
				return null;
			}
			BigDecimal number;
			try {
				number = value.length() > 32 ? null : new BigDecimal(value);
			}
			catch (NumberFormatException ex) {
				number = null;
			}
			if (number == null) {
				errors.add(new Problems.FieldError(name, "must be a number"));
				return null;
			}
			if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
				errors.add(new Problems.FieldError(name, range));
				return null;
			}
			return number;
		}

		@Nullable BigDecimal dollars(String name) {
			return decimal(name, BigDecimal.ZERO, MAX_DOLLARS,
					"must be between 0 and " + MAX_DOLLARS.toPlainString() + " dollars");
		}

		@Nullable LocalDate date(String name) {
			var value = value(name);
			if (value == null) {
				return null;
			}
			try {
				return LocalDate.parse(value);
			}
			catch (DateTimeParseException ex) {
				errors.add(new Problems.FieldError(name, "must be a date like 2026-12-24"));
				return null;
			}
		}

		@Nullable Boolean bool(String name) {
			var value = value(name);
			if (value == null) {
				return null;
			}
			return switch (value.toLowerCase(Locale.ROOT)) {
				case "true" -> true;
				case "false" -> false;
				default -> {
					errors.add(new Problems.FieldError(name, "must be true or false"));
					yield null;
				}
			};
		}
	}

	// ---- use

	/**
	 * A value as places, countries and slugs are compared: trimmed, inner whitespace collapsed, lower case,
	 * without accents or other marks, and the letters that have no decomposition spelled in ASCII
	 * ({@code ø → o}, {@code æ → ae}, {@code ß → ss}, {@code ł → l}, ...). {@code fold("Zürich")},
	 * {@code fold(" ZURICH ")} and {@code fold("zurich")} are equal. Services store the folded form next to the
	 * display form (or fold both sides) so that every list and search matches alike.
	 */
	public static String fold(String value) {
		var decomposed = Normalizer.normalize(WHITESPACE.matcher(value.strip()).replaceAll(" "), Normalizer.Form.NFKD);
		var folded = new StringBuilder(decomposed.length());
		decomposed.codePoints().forEach(c -> {
			switch (Character.getType(c)) {
				case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK -> {
				}
				default -> folded.append(switch (c) {
					case 'ø', 'Ø' -> "o";
					case 'æ', 'Æ' -> "ae";
					case 'œ', 'Œ' -> "oe";
					case 'ß', 'ẞ' -> "ss";
					case 'ł', 'Ł' -> "l";
					case 'đ', 'Đ', 'ð', 'Ð' -> "d";
					case 'þ', 'Þ' -> "th";
					case 'ı' -> "i";
					default -> Character.toString(c);
				});
			}
		});
		return folded.toString().toLowerCase(Locale.ROOT);
	}

	/** {@code city} folded ({@link #fold(String)}), or null. */
	public @Nullable String cityKey() {
		return city == null ? null : fold(city);
	}

	/** {@code country} folded, or null. */
	public @Nullable String countryKey() {
		return country == null ? null : fold(country);
	}

	/** {@code category} folded, to compare with a folded slug; null when absent. */
	public @Nullable String categoryKey() {
		return category == null ? null : fold(category);
	}

	/** {@code category} as an id, when it is one. */
	public @Nullable UUID categoryId() {
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

	/** The requested page with its limit. */
	public Pagination.PageQuery pageQuery() {
		return new Pagination.PageQuery(page, limit);
	}

	/** The same filters on another page. */
	public CatalogFilter withPage(int page, int limit) {
		return new CatalogFilter(q, category, city, country, minPriceCents, maxPriceCents, date, minRating, verified,
				sort, page, limit);
	}

	/**
	 * The filters that were applied, for a response's {@code filters.appliedFilters}: {@code category, city,
	 * country} as given, {@code minPrice, maxPrice} in dollars as applied (after rounding to the cent),
	 * {@code date} ({@code YYYY-MM-DD}), {@code minRating}, {@code verified}; absent ones are left out ({@code q},
	 * {@code sort} and paging are not filters).
	 */
	public Map<String, Object> appliedFilters() {
		var applied = new LinkedHashMap<String, Object>();
		put(applied, CATEGORY, category);
		put(applied, CITY, city);
		put(applied, COUNTRY, country);
		put(applied, MIN_PRICE, dollars(minPriceCents));
		put(applied, MAX_PRICE, dollars(maxPriceCents));
		put(applied, DATE, date == null ? null : date.toString());
		put(applied, MIN_RATING, minRating);
		put(applied, VERIFIED, verified);
		return applied;
	}

	private static @Nullable BigDecimal dollars(@Nullable Long cents) {
		if (cents == null) {
			return null;
		}
		var dollars = BigDecimal.valueOf(cents, 2).stripTrailingZeros();
		return dollars.scale() < 0 ? dollars.setScale(0) : dollars;
	}

	private static void put(Map<String, Object> map, String key, @Nullable Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}
}

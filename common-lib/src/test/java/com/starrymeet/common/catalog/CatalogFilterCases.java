package com.starrymeet.common.catalog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one table of cases of the catalog filter contract ({@link CatalogFilter}), shipped in common-lib's
 * test-jar so that every service that lists or searches the catalog runs it against its own endpoint:
 *
 * <pre>
 * for (var c : CatalogFilterCases.cases(false)) { // false: the list has no text search, q is refused
 *     var response = http.get("/v1/celebrities?" + c.queryString());
 *     c.check(response.statusCode(), response.body());
 * }
 * </pre>
 *
 * A valid case expects 200 with {@code data.filters.appliedFilters} equal to {@link Case#applied()} (numbers
 * compared by value) and {@code data.filters.sort} equal to {@link Case#sort()}; an invalid one expects 400
 * problem+json {@code VALIDATION_FAILED} whose {@code errors[]} name exactly {@link Case#errorFields()}.
 * {@link #foldCases()} lists places a service must match (or not) whatever the accents and case: store a
 * celebrity at {@code stored}, filter by {@code city=query}.
 */
public final class CatalogFilterCases {

	private static final JsonMapper json = JsonMapper.builder().build();

	private CatalogFilterCases() {
	}

	/**
	 * One request and what the answer must be.
	 * @param query the query string, unencoded ({@code city=Zürich&limit=5}); values hold no {@code &} or {@code =}
	 * @param applied the expected {@code appliedFilters} as JSON (valid cases), else null
	 * @param sort the expected {@code filters.sort} (valid cases), else null
	 * @param errorFields the fields the 400's {@code errors[]} must name (invalid cases), else empty
	 */
	public record Case(String query, @Nullable String applied, @Nullable String sort, List<String> errorFields) {

		public boolean valid() {
			return errorFields.isEmpty();
		}

		/** The query string, URL-encoded. */
		public String queryString() {
			if (query.isEmpty()) {
				return "";
			}
			return Arrays.stream(query.split("&")).map(pair -> {
				int at = pair.indexOf('=');
				return encode(pair.substring(0, at)) + "=" + encode(pair.substring(at + 1));
			}).collect(Collectors.joining("&"));
		}

		/**
		 * Checks a service's answer to this request.
		 * @throws AssertionError saying what differs
		 */
		public void check(int status, String body) {
			JsonNode tree;
			try {
				tree = json.readTree(body);
			}
			catch (RuntimeException ex) {
				throw new AssertionError(this + ": answer is not JSON: " + body);
			}
			if (valid()) {
				expect(status == 200, "status 200", status, body);
				var applied = tree.at("/data/filters/appliedFilters");
				expect(sameValues(json.readTree(this.applied), applied), "appliedFilters " + this.applied, applied, body);
				var sort = tree.at("/data/filters/sort");
				expect(sort.isString() && sort.asString().equals(this.sort), "sort " + this.sort, sort, body);
			}
			else {
				expect(status == 400, "status 400", status, body);
				expect("VALIDATION_FAILED".equals(tree.path("code").asString(null)), "code VALIDATION_FAILED",
						tree.path("code"), body);
				var fields = new TreeSet<String>();
				tree.path("errors").forEach(error -> fields.add(error.path("field").asString("")));
				expect(fields.equals(new TreeSet<>(errorFields)), "errors[] naming " + errorFields, fields, body);
			}
		}

		private void expect(boolean ok, String expected, Object actual, String body) {
			if (!ok) {
				throw new AssertionError("GET ?" + query + ": expected " + expected + " but got " + actual + " in " + body);
			}
		}
	}

	/**
	 * A place stored with one spelling and asked for with another.
	 * @param matches whether {@code city=query} must find a celebrity at {@code stored}
	 */
	public record FoldCase(String stored, String query, boolean matches) {
	}

	/** The cases of an endpoint with text search ({@code q}). */
	public static List<Case> cases() {
		return cases(true);
	}

	/**
	 * The cases of an endpoint with text search ({@code text}: {@code q} accepted, default sort relevance) or
	 * without ({@code q} is a field error naming it).
	 */
	public static List<Case> cases(boolean text) {
		var cases = new ArrayList<Case>();
		// valid: defaults, each filter, aliases, blanks, sorts, paging bounds
		cases.add(ok("", "{}", "popularity"));
		cases.add(text ? ok("q=emma", "{}", "relevance") : bad("q=emma", "q"));
		cases.add(ok("category=musicians&city=Zürich&country=Switzerland",
				"{\"category\":\"musicians\",\"city\":\"Zürich\",\"country\":\"Switzerland\"}", "popularity"));
		cases.add(ok("city=  Zurich  ", "{\"city\":\"Zurich\"}", "popularity"));
		cases.add(ok("minPrice=50&maxPrice=500", "{\"minPrice\":50,\"maxPrice\":500}", "popularity"));
		cases.add(ok("minPrice=0.001&maxPrice=123.456", "{\"minPrice\":0.01,\"maxPrice\":123.45}", "popularity"));
		cases.add(ok("minPrice=100&maxPrice=100", "{\"minPrice\":100,\"maxPrice\":100}", "popularity"));
		cases.add(ok("date=2030-02-01", "{\"date\":\"2030-02-01\"}", "popularity"));
		cases.add(ok("availableDate=2030-02-01", "{\"date\":\"2030-02-01\"}", "popularity"));
		cases.add(ok("minRating=4.5&verified=true", "{\"minRating\":4.5,\"verified\":true}", "popularity"));
		cases.add(ok("verified=FALSE", "{\"verified\":false}", "popularity"));
		cases.add(ok("city=&country= &category=&minPrice=&date=&sort=", "{}", "popularity"));
		cases.add(ok("sort=price_asc", "{}", "price"));
		cases.add(ok("sort=PRICE-DESC", "{}", "price_desc"));
		cases.add(ok("sort=relevance", "{}", "popularity"));
		cases.add(text ? ok("q=emma&sort=rating", "{}", "rating") : bad("q=emma&sort=rating", "q"));
		cases.add(ok("sort=newest&page=2&limit=100", "{}", "newest"));
		cases.add(ok("page=1&limit=1", "{}", "popularity"));
		// invalid: wrong types, out of range, unknown sort, too long, repeated, several at once
		cases.add(bad("limit=abc", "limit"));
		cases.add(bad("limit=0", "limit"));
		cases.add(bad("limit=5000", "limit"));
		cases.add(bad("page=0", "page"));
		cases.add(bad("page=-1", "page"));
		cases.add(bad("page=1.5", "page"));
		cases.add(bad("page=99999999999", "page"));
		cases.add(bad("date=2026-13-45", "date"));
		cases.add(bad("availableDate=tomorrow", "availableDate"));
		cases.add(bad("date=2030-02-01&availableDate=2030-02-02", "availableDate"));
		cases.add(bad("minPrice=abc", "minPrice"));
		cases.add(bad("minPrice=-1", "minPrice"));
		cases.add(bad("maxPrice=10000000.01", "maxPrice"));
		cases.add(bad("minPrice=500&maxPrice=100", "minPrice"));
		cases.add(bad("minRating=5.1", "minRating"));
		cases.add(bad("minRating=-0.5", "minRating"));
		cases.add(bad("minRating=NaN", "minRating"));
		cases.add(bad("verified=maybe", "verified"));
		cases.add(bad("sort=loudest", "sort"));
		cases.add(bad("q=" + "a".repeat(CatalogFilter.MAX_QUERY_LENGTH + 1), "q"));
		cases.add(bad("city=" + "x".repeat(CatalogFilter.MAX_VALUE_LENGTH + 1), "city"));
		cases.add(bad("category=" + "x".repeat(CatalogFilter.MAX_VALUE_LENGTH + 1), "category"));
		cases.add(bad("city=Paris&city=Rome", "city"));
		cases.add(bad("limit=abc&sort=loudest&date=2026-02-30&minRating=9", "limit", "sort", "date", "minRating"));
		if (!text) {
			cases.add(bad("q=emma&limit=0", "q", "limit"));
		}
		return List.copyOf(cases);
	}

	/** Places that must match whatever the case and accents, and near misses that must not. */
	public static List<FoldCase> foldCases() {
		return List.of(new FoldCase("Zürich", "Zurich", true), new FoldCase("Zürich", "ZÜRICH", true),
				new FoldCase("Zürich", " zurich ", true), new FoldCase("São Paulo", "sao  paulo", true),
				new FoldCase("Kraków", "Krakow", true), new FoldCase("Malmö", "MALMO", true),
				new FoldCase("København", "Kobenhavn", true), new FoldCase("Reykjavík", "reykjavik", true),
				new FoldCase("Zurich", "Zürich", true), new FoldCase("Zürich", "Zuric", false),
				new FoldCase("Paris", "Parma", false));
	}

	/** Whether two JSON values are equal, numbers compared by value ({@code 100} equals {@code 100.00}). */
	public static boolean sameValues(JsonNode expected, JsonNode actual) {
		if (expected.isNumber() && actual.isNumber()) {
			return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
		}
		if (expected.isObject() && actual.isObject()) {
			if (!new TreeSet<>(expected.propertyNames()).equals(new TreeSet<>(actual.propertyNames()))) {
				return false;
			}
			for (var name : expected.propertyNames()) {
				if (!sameValues(expected.get(name), actual.get(name))) {
					return false;
				}
			}
			return true;
		}
		return expected.equals(actual);
	}

	private static Case ok(String query, String applied, String sort) {
		return new Case(query, applied, sort, List.of());
	}

	private static Case bad(String query, String... fields) {
		return new Case(query, null, null, List.of(fields));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}
}

package com.starrymeet.search.query;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.starrymeet.common.catalog.CatalogFilter;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.ValidationFailed;
import com.starrymeet.search.index.CelebrityIndex;
import com.starrymeet.search.index.IndexFields;
import com.starrymeet.search.index.IndexedCelebrity;
import com.starrymeet.search.index.SearchAnalyzers;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.util.NumericUtils;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Searches the index with the catalog's filters ({@link CatalogFilter}, validated when parsed, so an abusive
 * request is a 400, never a slow query): one Lucene query for the page and, when asked, facet counts over
 * every match.
 */
@Service
public class CelebritySearch {

	public static final int MAX_QUERY_LENGTH = CatalogFilter.MAX_QUERY_LENGTH;

	/** Deepest result reachable by paging (like Elasticsearch's {@code max_result_window}). */
	public static final int MAX_RESULT_WINDOW = 10_000;

	public static final int SUGGESTIONS = 10;

	private static final long[] PRICE_BOUNDS_CENTS = { 10_000, 25_000, 50_000, 100_000 };

	private static final double[] RATING_FLOORS = { 4.5, 4.0, 3.0 };

	private final CelebrityIndex index;

	/**
	 * Results by request and index version (like Solr's queryResultCache): every applied event makes a new
	 * version, so an entry is never served after a change; old versions age out. {@code null} when disabled.
	 */
	private final @Nullable Cache<ResultKey, SearchResults> results;

	private record ResultKey(CatalogFilter filter, boolean facets, long indexVersion) {
	}

	/** Without a result cache: every search runs its query (the in-process benchmark measures that). */
	public CelebritySearch(CelebrityIndex index) {
		this(index, 0);
	}

	@Autowired
	public CelebritySearch(CelebrityIndex index, @Value("${starrymeet.search.result-cache:10000}") int resultCache) {
		this.index = index;
		this.results = resultCache > 0 ? Caffeine.newBuilder().maximumSize(resultCache).build() : null;
	}

	public SearchResults search(CatalogFilter criteria, boolean withFacets) {
		return index.search(searcher -> {
			if (this.results == null) {
				return search(searcher, criteria, withFacets);
			}
			var key = new ResultKey(criteria, withFacets, ((DirectoryReader) searcher.getIndexReader()).getVersion());
			var cached = this.results.getIfPresent(key);
			if (cached != null) {
				return cached;
			}
			var result = search(searcher, criteria, withFacets);
			this.results.put(key, result);
			return result;
		});
	}

	private SearchResults search(IndexSearcher searcher, CatalogFilter criteria, boolean withFacets)
			throws IOException {
		var terms = criteria.q() == null ? List.<String>of() : SearchAnalyzers.terms(criteria.q());
		var sort = CelebrityQueries.sort(criteria.sort());
		var page = criteria.pageQuery();
		var query = CelebrityQueries.search(criteria, terms);
		var rewritten = searcher.rewrite(query);
		long offset = page.offset();
		if (offset + page.limit() > MAX_RESULT_WINDOW) {
			int total = searcher.count(rewritten);
			if (offset < total) {
				throw new ApiException(HttpStatus.BAD_REQUEST, "RESULT_WINDOW_TOO_LARGE",
						"Only the first " + MAX_RESULT_WINDOW + " results can be paged through; narrow the search");
			}
			var facets = withFacets ? facets(searcher.search(rewritten, new FacetsCollectorManager())) : null;
			return new SearchResults(List.of(), Pagination.of(page, total), criteria.appliedFilters(), facets);
		}
		int wanted = (int) offset + page.limit();
		TopDocs top;
		SearchResults.Facets facets = null;
		if (withFacets) {
			var result = FacetsCollectorManager.search(searcher, rewritten, wanted, sort, new FacetsCollectorManager());
			top = result.topDocs();
			facets = facets(result.facetsCollector());
		}
		else {
			top = searcher.search(rewritten, new TopFieldCollectorManager(sort, wanted, null, Integer.MAX_VALUE));
		}
		var celebrities = new ArrayList<CelebritySummary>();
		for (int i = (int) offset; i < top.scoreDocs.length; i++) {
			celebrities.add(summary(index.read(searcher, top.scoreDocs[i].doc)));
		}
		long total = top.totalHits.value();
		return new SearchResults(celebrities, Pagination.of(page, total), criteria.appliedFilters(), facets);
	}

	/** Up to ten names for what has been typed so far: prefix matches first, then typo-tolerant ones. */
	public List<Suggestion> suggest(@Nullable String text) {
		if (text != null && text.length() > MAX_QUERY_LENGTH) {
			throw tooLong();
		}
		var terms = text == null ? List.<String>of() : SearchAnalyzers.terms(text);
		if (terms.isEmpty()) {
			return List.of();
		}
		return index.search(searcher -> {
			var found = new LinkedHashMap<UUID, Suggestion>();
			collect(searcher, CelebrityQueries.suggestions(terms, false), found);
			if (found.size() < SUGGESTIONS) {
				collect(searcher, CelebrityQueries.suggestions(terms, true), found);
			}
			return List.copyOf(found.values());
		});
	}

	private void collect(IndexSearcher searcher, Query query, Map<UUID, Suggestion> found) throws IOException {
		var top = searcher.search(query, SUGGESTIONS + found.size(), CelebrityQueries.popularity());
		for (var hit : top.scoreDocs) {
			if (found.size() >= SUGGESTIONS) {
				return;
			}
			var name = index.readName(searcher, hit.doc);
			found.putIfAbsent(name.id(),
					new Suggestion(name.id(), name.displayName(), name.username(), name.profilePhoto(), name.category()));
		}
	}

	private static ValidationFailed tooLong() {
		return ValidationFailed.of(CatalogFilter.Q, "must be at most " + MAX_QUERY_LENGTH + " characters");
	}

	private static CelebritySummary summary(IndexedCelebrity celebrity) {
		var s = celebrity.snapshot();
		var price = celebrity.lowestPriceCents().stream()
			.mapToObj(cents -> new CelebritySummary.Price(cents, celebrity.currency(), format(cents, celebrity.currency())))
			.findFirst()
			.orElse(null);
		var places = celebrity.places();
		var cities = new LinkedHashSet<String>();
		places.forEach(p -> cities.add(p.city()));
		return new CelebritySummary(s.celebrityId(), s.username(), s.displayName(), s.profession(),
				new CelebritySummary.Category(s.category().id(), s.category().name(), s.category().slug()),
				s.profilePhotoUrl(), s.averageRating(), s.totalReviews(), s.totalBookings(), s.verified(), s.featured(),
				price, List.copyOf(cities),
				places.stream().map(p -> new CelebritySummary.Availability(p.city(), p.country(), p.availableDatesCount())).toList());
	}

	private static String format(long cents, String currency) {
		var amount = BigDecimal.valueOf(cents).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
		return "USD".equals(currency) ? "$" + amount : amount + " " + currency;
	}

	private static SearchResults.Facets facets(FacetsCollector hits) throws IOException {
		var categories = new HashMap<String, Long>();
		var cities = new HashMap<String, Long>();
		var prices = new long[PRICE_BOUNDS_CENTS.length + 1];
		var ratings = new long[RATING_FLOORS.length];
		for (var matching : hits.getMatchingDocs()) {
			var reader = matching.context().reader();
			var category = DocValues.getSorted(reader, IndexFields.CATEGORY_FACET);
			var city = DocValues.getSortedSet(reader, IndexFields.CITY_FACET);
			var price = DocValues.getNumeric(reader, IndexFields.MIN_PRICE);
			var rating = DocValues.getNumeric(reader, IndexFields.RATING);
			var categoryCounts = new long[(int) Math.max(0, category.getValueCount())];
			var cityCounts = new long[(int) Math.max(0, city.getValueCount())];
			var docs = matching.bits().iterator();
			if (docs == null) {
				continue;
			}
			for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
				if (category.advanceExact(doc)) {
					categoryCounts[category.ordValue()]++;
				}
				if (city.advanceExact(doc)) {
					for (int i = 0; i < city.docValueCount(); i++) {
						cityCounts[(int) city.nextOrd()]++;
					}
				}
				if (price.advanceExact(doc)) {
					int bucket = 0;
					while (bucket < PRICE_BOUNDS_CENTS.length && price.longValue() >= PRICE_BOUNDS_CENTS[bucket]) {
						bucket++;
					}
					prices[bucket]++;
				}
				if (rating.advanceExact(doc)) {
					double value = NumericUtils.sortableLongToDouble(rating.longValue());
					for (int i = 0; i < RATING_FLOORS.length; i++) {
						if (value >= RATING_FLOORS[i]) {
							ratings[i]++;
						}
					}
				}
			}
			for (int ord = 0; ord < categoryCounts.length; ord++) {
				if (categoryCounts[ord] > 0) {
					categories.merge(category.lookupOrd(ord).utf8ToString(), categoryCounts[ord], Long::sum);
				}
			}
			for (int ord = 0; ord < cityCounts.length; ord++) {
				if (cityCounts[ord] > 0) {
					cities.merge(city.lookupOrd(ord).utf8ToString(), cityCounts[ord], Long::sum);
				}
			}
		}
		var categoryList = categories.entrySet().stream().map(e -> {
			var parts = split(e.getKey());
			return new SearchResults.CategoryCount(parts[0], parts[1], e.getValue());
		}).sorted((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.name().compareTo(b.name())).toList();
		var cityList = cities.entrySet().stream().map(e -> {
			var parts = split(e.getKey());
			return new SearchResults.CityCount(parts[0], parts[1], e.getValue());
		}).sorted((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.city().compareTo(b.city())).toList();
		var priceBuckets = new ArrayList<SearchResults.Bucket>();
		String[] priceKeys = { "under-100", "100-250", "250-500", "500-1000", "1000-plus" };
		for (int i = 0; i < prices.length; i++) {
			var from = i == 0 ? null : PRICE_BOUNDS_CENTS[i - 1] / 100;
			var to = i == PRICE_BOUNDS_CENTS.length ? null : PRICE_BOUNDS_CENTS[i] / 100;
			priceBuckets.add(new SearchResults.Bucket(priceKeys[i], from, to, prices[i]));
		}
		var ratingBuckets = new ArrayList<SearchResults.Bucket>();
		for (int i = 0; i < RATING_FLOORS.length; i++) {
			ratingBuckets.add(new SearchResults.Bucket(RATING_FLOORS[i] + "+", RATING_FLOORS[i], null, ratings[i]));
		}
		return new SearchResults.Facets(categoryList, cityList, priceBuckets, ratingBuckets);
	}

	private static String[] split(String facetValue) {
		int at = facetValue.indexOf(IndexFields.FACET_SEPARATOR);
		return at < 0 ? new String[] { facetValue, facetValue }
				: new String[] { facetValue.substring(0, at), facetValue.substring(at + 1) };
	}
}

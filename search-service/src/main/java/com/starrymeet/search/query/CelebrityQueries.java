package com.starrymeet.search.query;

import java.util.ArrayList;
import java.util.List;

import com.starrymeet.common.catalog.CatalogFilter;
import com.starrymeet.common.catalog.CatalogSort;
import com.starrymeet.search.index.IndexFields;
import com.starrymeet.search.index.SearchAnalyzers;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;

/**
 * Builds Lucene queries the way the vision's Elasticsearch query reads: a multi-field match (display name
 * ×2, username, profession, category, bio) with {@code fuzziness: AUTO}, a prefix on the last term, and
 * the catalog's filters as non-scoring clauses.
 */
final class CelebrityQueries {

	private record Boosted(String field, float boost) {
	}

	private static final List<Boosted> TEXT_FIELDS = List.of(new Boosted(IndexFields.DISPLAY_NAME, 2f),
			new Boosted(IndexFields.USERNAME, 1f), new Boosted(IndexFields.PROFESSION, 1f),
			new Boosted(IndexFields.CATEGORY_NAME, 1f), new Boosted(IndexFields.BIO, 1f));

	/** Fuzzy matches score a bit below exact ones; prefix matches below both. */
	private static final float FUZZY_WEIGHT = 0.8f;

	private static final float PREFIX_WEIGHT = 0.6f;

	private static final int MAX_EXPANSIONS = 50;

	/**
	 * Leading characters a fuzzy match must share (Elasticsearch's {@code prefix_length}; its default is 0).
	 * 1 keeps fuzzy queries fast on a large term dictionary; a typo in the first letter is not corrected.
	 */
	static final int FUZZY_PREFIX = 1;

	private static final Query VISIBLE = new TermQuery(new Term(IndexFields.VISIBLE, "1"));

	private CelebrityQueries() {
	}

	/** Elasticsearch {@code fuzziness: AUTO}: 0 edits for 1–2 characters, 1 for 3–5, 2 above. */
	static int autoEdits(String term) {
		int length = term.codePointCount(0, term.length());
		return length <= 2 ? 0 : length <= 5 ? 1 : 2;
	}

	/**
	 * Typos allowed in autocomplete: like Elasticsearch's completion suggester ({@code fuzziness} 1,
	 * {@code min_length} 3), one edit from 3 characters on. A prefix being typed is short and changes with
	 * every keystroke; two edits would match half the dictionary and cost several times more.
	 */
	static int suggestionEdits(String term) {
		return term.codePointCount(0, term.length()) < 3 ? 0 : 1;
	}

	static Query search(CatalogFilter filter, List<String> terms) {
		var query = new BooleanQuery.Builder();
		query.add(VISIBLE, Occur.FILTER);
		if (!terms.isEmpty()) {
			query.add(text(terms), Occur.MUST);
		}
		addFilters(query, filter);
		return query.build();
	}

	private static Query text(List<String> terms) {
		var all = new BooleanQuery.Builder();
		for (int i = 0; i < terms.size(); i++) {
			var term = terms.get(i);
			boolean last = i == terms.size() - 1;
			var alternatives = new ArrayList<Query>();
			int edits = autoEdits(term);
			var fuzzy = SharedFuzzyQuery.sharing(); // one set of automata for this term in every field
			for (var field : TEXT_FIELDS) {
				var exact = new Term(field.field(), term);
				alternatives.add(new BoostQuery(new TermQuery(exact), field.boost()));
				if (edits > 0 && !field.field().equals(IndexFields.USERNAME)) {
					alternatives.add(new BoostQuery(fuzzy.create(exact, edits, FUZZY_PREFIX, MAX_EXPANSIONS),
							field.boost() * FUZZY_WEIGHT));
				}
			}
			if (last && term.length() >= 2) {
				var prefix = term.length() > SearchAnalyzers.MAX_PREFIX ? term.substring(0, SearchAnalyzers.MAX_PREFIX) : term;
				alternatives.add(new BoostQuery(
						new ConstantScoreQuery(new TermQuery(new Term(IndexFields.NAME_PREFIX, prefix))), 2f * PREFIX_WEIGHT));
				alternatives.add(new BoostQuery(new PrefixQuery(new Term(IndexFields.USERNAME, term)), PREFIX_WEIGHT));
			}
			all.add(new DisjunctionMaxQuery(alternatives, 0.1f), Occur.SHOULD);
		}
		all.setMinimumNumberShouldMatch(1);
		return all.build();
	}

	private static void addFilters(BooleanQuery.Builder query, CatalogFilter f) {
		if (f.category() != null) {
			var category = new BooleanQuery.Builder()
				.add(new TermQuery(new Term(IndexFields.CATEGORY_SLUG, f.categoryKey())), Occur.SHOULD);
			if (f.categoryId() != null) {
				category.add(new TermQuery(new Term(IndexFields.CATEGORY_ID, f.categoryId().toString())), Occur.SHOULD);
			}
			query.add(category.build(), Occur.FILTER);
		}
		if (f.city() != null) {
			query.add(new TermQuery(new Term(IndexFields.CITY, f.cityKey())), Occur.FILTER);
		}
		if (f.country() != null) {
			query.add(new TermQuery(new Term(IndexFields.COUNTRY, f.countryKey())), Occur.FILTER);
		}
		if (f.minPriceCents() != null || f.maxPriceCents() != null) {
			long min = f.minPriceCents() == null ? 0 : f.minPriceCents();
			long max = f.maxPriceCents() == null ? Long.MAX_VALUE : f.maxPriceCents();
			query.add(LongPoint.newRangeQuery(IndexFields.MIN_PRICE, min, max), Occur.FILTER);
		}
		if (f.date() != null) {
			query.add(LongPoint.newExactQuery(IndexFields.AVAILABLE_DATE, f.date().toEpochDay()), Occur.FILTER);
		}
		if (f.minRating() != null) {
			query.add(DoublePoint.newRangeQuery(IndexFields.RATING, f.minRating().doubleValue(), Double.POSITIVE_INFINITY),
					Occur.FILTER);
		}
		if (f.verified() != null) {
			query.add(new TermQuery(new Term(IndexFields.VERIFIED, f.verified().toString())), Occur.FILTER);
		}
	}

	/**
	 * Autocomplete on display names: every term but the last must match a name term (exactly, fuzzily or
	 * as a prefix); the last is a prefix, or with {@code typos} a fuzzy prefix.
	 */
	static Query suggestions(List<String> terms, boolean typos) {
		var query = new BooleanQuery.Builder();
		query.add(VISIBLE, Occur.FILTER);
		for (int i = 0; i < terms.size(); i++) {
			var term = terms.get(i);
			var prefix = term.length() > SearchAnalyzers.MAX_PREFIX ? term.substring(0, SearchAnalyzers.MAX_PREFIX) : term;
			var prefixTerm = new Term(IndexFields.NAME_PREFIX, prefix);
			boolean last = i == terms.size() - 1;
			int edits = suggestionEdits(term);
			Query clause;
			if (last && !typos) {
				clause = new TermQuery(prefixTerm);
			}
			else if (last) {
				clause = edits == 0 ? new TermQuery(prefixTerm) : new FuzzyQuery(prefixTerm, edits, FUZZY_PREFIX, MAX_EXPANSIONS, true);
			}
			else {
				var alternatives = new ArrayList<Query>();
				alternatives.add(new TermQuery(prefixTerm));
				if (edits > 0) {
					alternatives.add(new FuzzyQuery(new Term(IndexFields.DISPLAY_NAME, term), edits, FUZZY_PREFIX, MAX_EXPANSIONS, true));
				}
				clause = new DisjunctionMaxQuery(alternatives, 0f);
			}
			query.add(new ConstantScoreQuery(clause), Occur.FILTER);
		}
		return query.build();
	}

	static Sort sort(CatalogSort sort) {
		var popularity = new SortField(IndexFields.POPULARITY, SortField.Type.LONG, true);
		return switch (sort) {
			case RELEVANCE -> new Sort(SortField.FIELD_SCORE, popularity);
			case PRICE -> new Sort(price(false), popularity);
			case PRICE_DESC -> new Sort(price(true), popularity);
			case RATING -> new Sort(new SortField(IndexFields.RATING, SortField.Type.DOUBLE, true), popularity);
			case POPULARITY -> new Sort(popularity, new SortField(IndexFields.RATING, SortField.Type.DOUBLE, true));
			case NEWEST -> new Sort(new SortField(IndexFields.CREATED_AT, SortField.Type.LONG, true));
		};
	}

	static Sort popularity() {
		return new Sort(new SortField(IndexFields.POPULARITY, SortField.Type.LONG, true));
	}

	private static SortField price(boolean descending) {
		var field = new SortField(IndexFields.MIN_PRICE, SortField.Type.LONG, descending);
		field.setMissingValue(descending ? Long.MIN_VALUE : Long.MAX_VALUE); // no price: last
		return field;
	}

	static Query all() {
		return new MatchAllDocsQuery();
	}

}

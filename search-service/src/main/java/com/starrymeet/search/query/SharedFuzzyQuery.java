package com.starrymeet.search.query;

import java.io.IOException;
import java.util.Objects;

import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.util.AttributeSource;

/**
 * A {@link FuzzyQuery} that shares its Levenshtein automata with the fuzzy queries for the same text in the
 * other fields of one search. Building the automata (up to two edits, with transpositions) is most of a fuzzy
 * query's cost — the profile of the search benchmark showed it dominating — and they depend only on the text,
 * not the field, so a multi-field match builds them once per query term instead of once per field.
 * <p>
 * {@link FuzzyQuery} keeps its automata in an attribute of the {@link AttributeSource} it is given; these
 * queries are given one source per query term ({@link #sharing}). The source never carries the rewrite's
 * "max non-competitive boost", so each field collects its top terms on its own, as before; results and scores
 * are those of plain fuzzy queries. A source belongs to one query built for one request, and rewriting is
 * single-threaded.
 */
final class SharedFuzzyQuery extends FuzzyQuery {

	private final AttributeSource automata;

	private SharedFuzzyQuery(Term term, int maxEdits, int prefixLength, int maxExpansions, AttributeSource automata) {
		super(term, maxEdits, prefixLength, maxExpansions, true);
		this.automata = automata;
	}

	/** Fuzzy queries for one query term in several fields, sharing one set of automata. */
	static Factory sharing() {
		var automata = new AttributeSource();
		return (term, maxEdits, prefixLength, maxExpansions) -> new SharedFuzzyQuery(term, maxEdits, prefixLength,
				maxExpansions, automata);
	}

	@FunctionalInterface
	interface Factory {

		FuzzyQuery create(Term term, int maxEdits, int prefixLength, int maxExpansions);
	}

	@Override
	protected TermsEnum getTermsEnum(Terms terms, AttributeSource atts) throws IOException {
		return super.getTermsEnum(terms, this.automata);
	}

	@Override
	public boolean equals(Object other) {
		return super.equals(other) && this.automata == ((SharedFuzzyQuery) other).automata;
	}

	@Override
	public int hashCode() {
		return Objects.hash(super.hashCode(), System.identityHashCode(this.automata));
	}
}

package com.starrymeet.search.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.starrymeet.common.catalog.CatalogFilter;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analysis chain: standard tokenizer, lowercase, ASCII folding ("Beyoncé" and "beyonce" are the same
 * term). Names also get an edge n-gram field for autocomplete ("em" is a term of "Emma").
 */
public final class SearchAnalyzers {

	/** Longest prefix indexed for autocomplete; longer typed terms are cut to it. */
	public static final int MAX_PREFIX = 15;

	private static final Analyzer TEXT = new Analyzer() {
		@Override
		protected TokenStreamComponents createComponents(String fieldName) {
			var tokenizer = new StandardTokenizer();
			TokenStream stream = new LowerCaseFilter(tokenizer);
			stream = new ASCIIFoldingFilter(stream);
			return new TokenStreamComponents(tokenizer, stream);
		}

		@Override
		protected TokenStream normalize(String fieldName, TokenStream in) {
			return new ASCIIFoldingFilter(new LowerCaseFilter(in));
		}
	};

	private static final Analyzer PREFIX = new Analyzer() {
		@Override
		protected TokenStreamComponents createComponents(String fieldName) {
			var tokenizer = new StandardTokenizer();
			TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer));
			stream = new EdgeNGramTokenFilter(stream, 1, MAX_PREFIX, true);
			return new TokenStreamComponents(tokenizer, stream);
		}
	};

	private static final Analyzer INDEXING = new PerFieldAnalyzerWrapper(TEXT,
			Map.of(IndexFields.NAME_PREFIX, PREFIX));

	private SearchAnalyzers() {
	}

	/** The analyzer the writer uses (text fields, plus edge n-grams on the name prefix field). */
	public static Analyzer indexing() {
		return INDEXING;
	}

	/** The terms of a user's query, analyzed like the text fields. */
	public static List<String> terms(String text) {
		var terms = new ArrayList<String>();
		try (var stream = TEXT.tokenStream("q", text)) {
			var term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				terms.add(term.toString());
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return terms;
	}

	/**
	 * Keyword normalisation for exact filters (city, country, slug): the catalog contract's
	 * {@link CatalogFilter#fold(String)}, so search matches places exactly as celebrity-service's list does.
	 */
	public static String keyword(String value) {
		return CatalogFilter.fold(value);
	}
}

package com.starrymeet.search.query;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Published on {@code starrymeet.search.v1} after a search, for analytics: what was asked and how many
 * results it had. No user data (no user id, IP or session).
 *
 * @param endpoint {@code celebrities}, {@code filters} or {@code suggestions}
 */
public record SearchPerformed(String endpoint, @Nullable String query, Map<String, Object> filters,
		@Nullable String sort, int page, long resultCount, Instant performedAt) {

	public static final String AGGREGATE = "search";
}

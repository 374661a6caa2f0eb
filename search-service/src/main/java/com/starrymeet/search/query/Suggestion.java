package com.starrymeet.search.query;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An autocomplete entry. */
public record Suggestion(UUID id, String displayName, String username, @Nullable String profilePhoto,
		String category) {
}

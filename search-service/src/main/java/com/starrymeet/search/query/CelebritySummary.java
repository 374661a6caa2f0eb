package com.starrymeet.search.query;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A search hit as clients see it. */
public record CelebritySummary(UUID id, String username, String displayName, @Nullable String profession,
		Category category, @Nullable String profilePhoto, double averageRating, int totalReviews, int totalBookings,
		boolean isVerified, boolean isFeatured, @Nullable Price lowestPrice, List<String> cities,
		List<Availability> availability) {

	public record Category(UUID id, String name, String slug) {
	}

	/** Money: integer cents, ISO currency, and a display form. */
	public record Price(long priceCents, String currency, String formatted) {
	}

	public record Availability(String city, String country, int availableDatesCount) {
	}
}

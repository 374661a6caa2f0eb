package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A full snapshot of a celebrity's public profile, published by celebrity-service on every change that
 * affects it (topic {@code starrymeet.celebrity.v1}, key = celebrity id, aggregate version increasing).
 * Consumers keep the snapshot with the highest {@code aggregateVersion}.
 *
 * @param active false once deactivated; with {@code verified} it decides public visibility
 * @param userId the CELEBRITY account that manages this profile (owns its availability); {@code null} for a
 *     profile managed by admins. Added after v1's first release: older events lack it.
 */
public record CelebrityUpserted(UUID celebrityId, String username, String displayName, @Nullable String profession,
		@Nullable String bio, Category category, @Nullable String profilePhotoUrl, boolean verified, boolean active,
		boolean featured, double averageRating, int totalReviews, int totalBookings, List<MeetingType> meetingTypes,
		List<AvailabilitySummary> availability, Instant createdAt, @Nullable UUID userId) {

	public static final String AGGREGATE = "celebrity";

	public record Category(UUID id, String name, String slug) {
	}

	public record MeetingType(UUID id, String name, int durationMinutes, long priceCents, String currency,
			boolean active) {
	}

	public record AvailabilitySummary(String city, String country, int availableDatesCount,
			@Nullable LocalDate nextAvailableDate) {
	}

	/** Public when active and verified. */
	public boolean isPublic() {
		return active && verified;
	}
}

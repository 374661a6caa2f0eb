package com.starrymeet.celebrity.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.starrymeet.celebrity.category.CategoryRef;
import org.jspecify.annotations.Nullable;

/**
 * What the catalog's endpoints return.
 */
public final class Views {

	private Views() {
	}

	/** An active meeting type as the public sees it. */
	public record MeetingTypeView(UUID id, String name, int durationMinutes, long priceCents,
			@Nullable String description) {
	}

	public record AvailabilityView(String city, String country, int availableDatesCount) {
	}

	/** A celebrity in the list, exactly the vision's {@code GET /v1/celebrities} item. */
	public record CelebrityCard(UUID id, String username, String displayName, @Nullable String profession,
			CategoryRef category, @Nullable String profilePhoto, double averageRating, int totalReviews,
			int totalBookings, boolean isVerified, List<MeetingTypeView> meetingTypes,
			List<AvailabilityView> availability) {
	}

	public record AvailabilityDetail(String city, String country, int availableDatesCount,
			@Nullable LocalDate nextAvailableDate) {
	}

	/** The public profile page: the card's fields plus bio, cover photo and next dates. */
	public record CelebrityProfile(UUID id, String username, String displayName, @Nullable String profession,
			CategoryRef category, @Nullable String bio, @Nullable String profilePhoto, @Nullable String coverPhoto,
			double averageRating, int totalReviews, int totalBookings, boolean isVerified, boolean isFeatured,
			List<MeetingTypeView> meetingTypes, List<AvailabilityDetail> availability, Instant createdAt) {
	}

	/** A meeting type as its owner (or an admin) sees it, inactive ones included. */
	public record OwnMeetingType(UUID id, String name, int durationMinutes, long priceCents, String currency,
			@Nullable String description, boolean active, int sortOrder) {
	}

	/** The whole profile, private state included, for its owner and admins. */
	public record OwnProfile(UUID id, @Nullable UUID userId, String username, String displayName,
			@Nullable String profession, CategoryRef category, @Nullable String bio, @Nullable String profilePhotoUrl,
			@Nullable String coverPhotoUrl, boolean verified, boolean active, boolean featured, double averageRating,
			int totalReviews, int totalBookings, List<OwnMeetingType> meetingTypes,
			List<AvailabilityDetail> availability, long version, Instant createdAt, Instant updatedAt) {
	}
}

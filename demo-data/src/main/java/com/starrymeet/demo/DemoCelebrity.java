package com.starrymeet.demo;

import java.time.LocalTime;
import java.util.List;

/**
 * One generated celebrity, in the terms of the public APIs that create it.
 *
 * @param categorySlug one of the catalog's seeded category slugs
 * @param averageRating popularity figure (with {@code totalReviews} and {@code totalBookings}) for benchmarks that
 *     index snapshots
 *     directly; through the APIs these come from real reviews and bookings
 */
public record DemoCelebrity(int index, String username, String displayName, String profession, String categorySlug,
		String bio, String profilePhotoUrl, String coverPhotoUrl, boolean featured, double averageRating,
		int totalReviews, int totalBookings, List<MeetingType> meetingTypes, List<Location> locations) {

	public record MeetingType(String name, int durationMinutes, long priceCents, String description) {
	}

	/** A city the celebrity visits, with the windows they are available there. */
	public record Location(String city, String country, String timeZone, List<Window> windows) {
	}

	/**
	 * A time window in the location's local time, {@code dayOffset} days after the date the data is loaded
	 * (so demo availability always lies in the future).
	 */
	public record Window(int dayOffset, LocalTime start, LocalTime end, int capacity) {
	}
}

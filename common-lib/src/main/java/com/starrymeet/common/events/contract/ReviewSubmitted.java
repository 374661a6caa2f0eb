package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A fan reviewed a completed meeting, published by booking-service (topic {@code starrymeet.review.v1}, key =
 * review id, one review per booking). celebrity-service keeps the public review list and the rating aggregates
 * from it.
 *
 * @param reviewerName the name shown with the review (the fan's first name and last initial), never an email
 * @param rating 1 to 5
 */
public record ReviewSubmitted(UUID reviewId, UUID bookingId, UUID celebrityId, UUID reviewerId, String reviewerName,
		int rating, @Nullable String title, @Nullable String comment, @Nullable String meetingTypeName,
		Instant submittedAt) {

	public static final String AGGREGATE = "review";
}

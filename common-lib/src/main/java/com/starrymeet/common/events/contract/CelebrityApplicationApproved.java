package com.starrymeet.common.events.contract;

import java.util.UUID;

/**
 * An admin approved a user's application to become a celebrity, published by celebrity-service (topic
 * {@code starrymeet.celebrity-application.v1}, key = application id). user-service gives the user the CELEBRITY
 * role; the profile {@code celebrityId} already exists and is linked to the user.
 */
public record CelebrityApplicationApproved(UUID applicationId, UUID userId, UUID celebrityId) {

	public static final String AGGREGATE = "celebrity-application";
}

package com.starrymeet.common.events.contract;

import java.util.UUID;

/**
 * An admin rejected a user's application to become a celebrity, with the reason shown to the applicant
 * (topic {@code starrymeet.celebrity-application.v1}, key = application id); for notifications.
 */
public record CelebrityApplicationRejected(UUID applicationId, UUID userId, String reason) {

	public static final String AGGREGATE = CelebrityApplicationApproved.AGGREGATE;
}

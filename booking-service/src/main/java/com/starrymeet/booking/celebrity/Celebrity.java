package com.starrymeet.booking.celebrity;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What booking-service knows of a celebrity: its id, the CELEBRITY account that manages it ({@code null} when
 * admins manage the profile), and whether it is active and verified.
 */
public record Celebrity(UUID id, @Nullable UUID userId, boolean active, boolean verified) {

	/** Public when active and verified, as in the catalog. */
	public boolean isPublic() {
		return active && verified;
	}

	/** Whether the account {@code userId} manages this celebrity. */
	public boolean managedBy(UUID userId) {
		return userId.equals(this.userId);
	}
}

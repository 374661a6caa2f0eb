package com.starrymeet.booking.availability.web;

import java.util.UUID;

import com.starrymeet.booking.celebrity.CelebrityReplica;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import org.springframework.stereotype.Component;

/**
 * Who may manage a celebrity's calendar (locations, windows, blocked dates): its CELEBRITY account or an ADMIN.
 * By the fleet's rule ({@link Caller}): a USER token is 403 (the route is not for its role); an unknown or
 * removed celebrity, and one the caller does not manage, are the same 404, so calendars cannot be probed.
 */
@Component
class CalendarAccess {

	private final CelebrityReplica celebrities;

	CalendarAccess(CelebrityReplica celebrities) {
		this.celebrities = celebrities;
	}

	/** The id of the celebrity whose calendar {@code caller} may manage; 403 or 404 otherwise. */
	UUID manageable(Caller caller, UUID celebrityId) {
		caller.requireRole(Caller.Role.CELEBRITY, Caller.Role.ADMIN);
		return celebrities.find(celebrityId)
			.filter(celebrity -> caller.isAdmin() || celebrity.managedBy(caller.userId()))
			.orElseThrow(() -> ApiException.notFound("Celebrity " + celebrityId))
			.id();
	}
}

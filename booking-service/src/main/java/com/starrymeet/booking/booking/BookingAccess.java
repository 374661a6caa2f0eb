package com.starrymeet.booking.booking;

import java.util.UUID;

import com.starrymeet.booking.celebrity.CelebrityReplica;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The object-level rule of every booking action: who the caller is to this booking — its fan, the celebrity's
 * account (the one frozen in the booking, or the one managing the profile now), an admin — or nobody, which is
 * 404 so ids cannot be probed. The booking is locked first ({@code FOR UPDATE}): the first lock of every
 * transaction that changes a booking (then the calendar, then the window).
 */
@Component
class BookingAccess {

	enum Party {
		FAN, CELEBRITY, ADMIN
	}

	record Locked(Booking booking, Party party) {
	}

	private final BookingRows rows;

	private final CelebrityReplica celebrities;

	BookingAccess(BookingRows rows, CelebrityReplica celebrities) {
		this.rows = rows;
		this.celebrities = celebrities;
	}

	/** Locks the booking; 404 unless the caller is one of {@code allowed} for it. */
	Locked lock(UUID bookingId, Caller caller, Party... allowed) {
		var booking = rows.lock(bookingId).orElseThrow(() -> ApiException.notFound("Booking " + bookingId));
		var party = party(booking, caller);
		if (party == null || !java.util.Arrays.asList(allowed).contains(party)) {
			throw ApiException.notFound("Booking " + bookingId);
		}
		return new Locked(booking, party);
	}

	/** Reads (no lock) with the same rule. */
	Locked read(UUID bookingId, Caller caller) {
		var booking = rows.find(bookingId).orElseThrow(() -> ApiException.notFound("Booking " + bookingId));
		var party = party(booking, caller);
		if (party == null) {
			throw ApiException.notFound("Booking " + bookingId);
		}
		return new Locked(booking, party);
	}

	@Nullable Party party(Booking booking, Caller caller) {
		if (caller.isAdmin()) {
			return Party.ADMIN;
		}
		if (caller.is(booking.fanId())) {
			return Party.FAN;
		}
		if (caller.isCelebrity() && (caller.is(booking.celebrityUserId())
				|| celebrities.find(booking.celebrityId()).map(c -> c.managedBy(caller.userId())).orElse(false))) {
			return Party.CELEBRITY;
		}
		return null;
	}
}

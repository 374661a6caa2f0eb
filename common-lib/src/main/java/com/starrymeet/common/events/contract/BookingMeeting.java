package com.starrymeet.common.events.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a booking is for, where and when, as every booking event carries it: the meeting type frozen at booking
 * time, the local date and time in the venue's IANA zone, and the same meeting as instants (every rule is computed
 * on {@code startsAt}).
 *
 * @param celebrityUserId the CELEBRITY account that manages the profile, {@code null} when admins manage it
 * @param windowId the availability window the booking holds a slot of
 */
public record BookingMeeting(UUID celebrityId, @Nullable UUID celebrityUserId,
		String celebrityName, UUID meetingTypeId, String meetingTypeName, int durationMinutes, UUID windowId,
		LocalDate date, LocalTime time, String timeZone, Instant startsAt, Instant endsAt, String city,
		String country) {
}

package com.starrymeet.booking.availability;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.starrymeet.common.events.contract.AvailabilityChanged;
import com.starrymeet.common.web.Pagination;
import org.jspecify.annotations.Nullable;

/**
 * Response bodies. Times of day are {@code "HH:mm"} strings in the location's time zone; instants are UTC.
 */
public final class Views {

	private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

	private Views() {
	}

	static String hhmm(LocalTime time) {
		return time.format(HH_MM);
	}

	/** A location, as its owner sees it. */
	public record LocationView(UUID id, UUID celebrityId, String city, String country, String timeZone,
			Instant createdAt, Instant updatedAt) {
	}

	/** A time window, as its owner sees it: {@code remaining = capacity - booked}. */
	public record WindowView(UUID id, UUID celebrityId, UUID locationId, String city, String country,
			String timeZone, LocalDate date, String startTime, String endTime, Instant startsAt, Instant endsAt,
			int capacity, int booked, int remaining, boolean blocked) {
	}

	public record BlockedDateView(LocalDate date, @Nullable String reason, Instant createdAt) {
	}

	/** A page of a list with its pagination. */
	public record Page<T>(List<T> items, Pagination pagination) {
	}

	/** A blocked date and whether this request created it (201) or found it (200). */
	public record Blocked(BlockedDateView date, boolean created) {
	}

	/** The public calendar: upcoming dates per location, and the month view when one was asked for. */
	public record PublicAvailability(UUID celebrityId, List<PublicLocation> locations,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable MonthView month) {
	}

	public record PublicLocation(UUID id, String city, String country, String timeZone, int availableDatesCount,
			@Nullable LocalDate nextAvailableDate, List<PublicDate> dates) {
	}

	/** A local date at a location: {@code available} when some window still has room. */
	public record PublicDate(LocalDate date, boolean available, int remainingCapacity, List<PublicWindow> windows) {
	}

	/** Only what is left: capacity and bookings stay private (capacity − remaining would reveal the bookings). */
	public record PublicWindow(UUID id, String startTime, String endTime, Instant startsAt, Instant endsAt,
			int remaining) {
	}

	/** Every day of a month ({@code "2026-12"}) for a calendar widget. */
	public record MonthView(String month, List<MonthDay> days) {
	}

	/** {@code cities}: where the celebrity has upcoming, unblocked windows that day (full ones included). */
	public record MonthDay(LocalDate date, boolean available, int remainingCapacity, List<String> cities) {
	}

	/** A celebrity's calendar version: the {@code aggregateVersion} of its newest AvailabilityChanged. */
	public record CalendarVersion(UUID celebrityId, long version) {
	}

	/** A celebrity's calendar at {@code version}, as the AvailabilityChanged payload it publishes. */
	public record CalendarSnapshot(long version, AvailabilityChanged availability) {
	}
}

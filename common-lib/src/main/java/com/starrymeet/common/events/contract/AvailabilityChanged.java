package com.starrymeet.common.events.contract;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Where and when a celebrity can be met, published by booking-service after every availability change
 * (topic {@code starrymeet.availability.v1}, key = celebrity id): per location, the upcoming dates that still
 * have free capacity.
 */
public record AvailabilityChanged(UUID celebrityId, List<Location> locations) {

	public static final String AGGREGATE = "availability";

	public record Location(String city, String country, String timeZone, List<LocalDate> availableDates) {
	}
}

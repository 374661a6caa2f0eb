package com.starrymeet.search.index;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import com.starrymeet.common.events.contract.AvailabilityChanged;
import com.starrymeet.common.events.contract.CelebrityUpserted;
import org.jspecify.annotations.Nullable;

/**
 * A searchable celebrity as the index holds it: the latest catalog snapshot and, when booking-service has
 * published one, the latest availability (which then wins over the snapshot's availability summary).
 */
public record IndexedCelebrity(CelebrityUpserted snapshot, @Nullable AvailabilityChanged availability) {

	/** A place with upcoming free dates. */
	public record Place(String city, String country, int availableDatesCount, List<LocalDate> dates) {
	}

	public UUID id() {
		return snapshot.celebrityId();
	}

	/** Lowest price among active meeting types, in cents. */
	public OptionalLong lowestPriceCents() {
		return snapshot.meetingTypes()
			.stream()
			.filter(CelebrityUpserted.MeetingType::active)
			.mapToLong(CelebrityUpserted.MeetingType::priceCents)
			.min();
	}

	public String currency() {
		return snapshot.meetingTypes()
			.stream()
			.filter(CelebrityUpserted.MeetingType::active)
			.min(java.util.Comparator.comparingLong(CelebrityUpserted.MeetingType::priceCents))
			.map(CelebrityUpserted.MeetingType::currency)
			.orElse("USD");
	}

	/** Where the celebrity can be met: availability's locations with free dates, else the snapshot's summary. */
	public List<Place> places() {
		var places = new LinkedHashMap<String, Place>();
		if (availability != null) {
			for (var location : availability.locations()) {
				var dates = location.availableDates() == null ? List.<LocalDate>of() : location.availableDates();
				if (!dates.isEmpty()) {
					places.putIfAbsent(location.city() + "|" + location.country(),
							new Place(location.city(), location.country(), dates.size(), dates));
				}
			}
		}
		else {
			for (var summary : snapshot.availability()) {
				if (summary.availableDatesCount() > 0) {
					var dates = new ArrayList<LocalDate>();
					if (summary.nextAvailableDate() != null) {
						dates.add(summary.nextAvailableDate());
					}
					places.putIfAbsent(summary.city() + "|" + summary.country(),
							new Place(summary.city(), summary.country(), summary.availableDatesCount(), dates));
				}
			}
		}
		return List.copyOf(places.values());
	}
}

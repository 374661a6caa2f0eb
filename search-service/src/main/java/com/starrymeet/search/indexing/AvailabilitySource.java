package com.starrymeet.search.indexing;

import java.util.List;
import java.util.UUID;

import com.starrymeet.common.events.contract.AvailabilityChanged;

/**
 * The calendars' source of truth as reconciliation reads it: booking-service's database, over its internal
 * endpoints ({@link FeignAvailabilitySource}); tests hand-write one. The availability counterpart of
 * {@link CatalogSource}.
 */
public interface AvailabilitySource {

	/** Most ids one {@link #snapshots} call takes. */
	int MAX_IDS = 100;

	/** A celebrity's calendar and the aggregate version of its newest AvailabilityChanged. */
	record Version(UUID celebrityId, long version) {
	}

	/** A calendar's current AvailabilityChanged payload, as published on Kafka, with its version. */
	record Snapshot(AvailabilityChanged availability, long version) {
	}

	/**
	 * Every calendar (every celebrity whose availability has a version), with its version.
	 * @throws AvailabilityUnavailableException when the calendars cannot be read now
	 */
	List<Version> versions();

	/**
	 * The current availability of up to {@link #MAX_IDS} celebrities; an id without a calendar is left out.
	 * @throws AvailabilityUnavailableException when the calendars cannot be read now
	 */
	List<Snapshot> snapshots(List<UUID> ids);
}

package com.starrymeet.search.indexing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.starrymeet.common.events.contract.AvailabilityChanged;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calendars read from booking-service over Feign ({@link BookingAvailabilityClient}: timeouts and retries per
 * call), behind a Resilience4j circuit breaker of their own ({@value #NAME}, configured like the catalog's), so a
 * failing booking-service never opens the catalog's circuit nor the other way round.
 */
class FeignAvailabilitySource implements AvailabilitySource {

	static final String NAME = "booking-availability";

	private final BookingAvailabilityClient client;

	private final InternalReads reads;

	private final ObjectReader payloads;

	FeignAvailabilitySource(BookingAvailabilityClient client, CircuitBreakerFactory<?, ?> breakers, JsonMapper json) {
		this.client = client;
		this.reads = new InternalReads(breakers.create(NAME), "The calendars'", AvailabilityUnavailableException::new);
		this.payloads = json.readerFor(AvailabilityChanged.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	@Override
	public List<Version> versions() {
		return reads.versions(client::versions, "celebrityId", Version::new);
	}

	@Override
	public List<Snapshot> snapshots(List<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		var joined = InternalReads.joined(ids, MAX_IDS);
		var data = reads.data("snapshots", () -> client.snapshots(joined));
		var found = new ArrayList<Snapshot>(data.size());
		for (var entry : data) {
			AvailabilityChanged availability;
			try {
				availability = payloads.readValue(entry.path("availability"));
			}
			catch (JacksonException ex) {
				throw reads.invalid("snapshots", ex);
			}
			if (availability == null || availability.celebrityId() == null || availability.locations() == null) {
				throw reads.invalid("snapshots",
						new IllegalStateException("no availability with celebrityId and locations: " + entry));
			}
			found.add(new Snapshot(availability, entry.path("version").asLong()));
		}
		return found;
	}
}

package com.starrymeet.search.indexing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.starrymeet.common.events.contract.AvailabilityChanged;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
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

	private final CircuitBreaker breaker;

	private final ObjectReader payloads;

	FeignAvailabilitySource(BookingAvailabilityClient client, CircuitBreakerFactory<?, ?> breakers, JsonMapper json) {
		this.client = client;
		this.breaker = breakers.create(NAME);
		this.payloads = json.readerFor(AvailabilityChanged.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	@Override
	public List<Version> versions() {
		var data = data(call("versions", client::versions));
		var versions = new ArrayList<Version>(data.size());
		for (var entry : data) {
			try {
				versions.add(new Version(UUID.fromString(entry.path("celebrityId").asString()),
						entry.path("version").asLong()));
			}
			catch (IllegalArgumentException | JacksonException ex) {
				throw new AvailabilityUnavailableException("The calendars' versions hold an invalid entry: " + entry, ex);
			}
		}
		return versions;
	}

	@Override
	public List<Snapshot> snapshots(List<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		if (ids.size() > MAX_IDS) {
			throw new IllegalArgumentException("At most " + MAX_IDS + " ids per call");
		}
		var joined = ids.stream().map(UUID::toString).collect(Collectors.joining(","));
		var data = data(call("snapshots", () -> client.snapshots(joined)));
		var found = new ArrayList<Snapshot>(data.size());
		for (var entry : data) {
			AvailabilityChanged availability;
			try {
				availability = payloads.readValue(entry.path("availability"));
			}
			catch (JacksonException ex) {
				throw new AvailabilityUnavailableException("The calendars' snapshots hold an invalid entry", ex);
			}
			if (availability == null || availability.celebrityId() == null || availability.locations() == null) {
				throw new AvailabilityUnavailableException("The calendars' snapshots hold an invalid entry: " + entry,
						new IllegalStateException("no availability with celebrityId and locations"));
			}
			found.add(new Snapshot(availability, entry.path("version").asLong()));
		}
		return found;
	}

	private JsonNode call(String what, Supplier<JsonNode> call) {
		return breaker.run(call, failure -> {
			throw new AvailabilityUnavailableException("The calendars' " + what + " cannot be read: " + failure,
					failure);
		});
	}

	private static JsonNode data(JsonNode body) {
		var data = body.path("data");
		if (!body.path("success").asBoolean(false) || !data.isArray()) {
			throw new AvailabilityUnavailableException("Unexpected answer from booking-service",
					new IllegalStateException("no success:true with a data array"));
		}
		return data;
	}
}

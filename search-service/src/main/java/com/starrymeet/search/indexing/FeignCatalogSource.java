package com.starrymeet.search.indexing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.starrymeet.common.events.contract.CelebrityUpserted;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog read from celebrity-service over Feign ({@link CelebrityCatalogClient}: timeouts and retries per
 * call), behind a Resilience4j circuit breaker ({@value #NAME}): while celebrity-service keeps failing, calls fail
 * at once instead of waiting for timeouts, and it is tried again after a pause.
 */
class FeignCatalogSource implements CatalogSource {

	static final String NAME = "celebrity-catalog";

	private final CelebrityCatalogClient client;

	private final CircuitBreaker breaker;

	private final ObjectReader snapshots;

	FeignCatalogSource(CelebrityCatalogClient client, CircuitBreakerFactory<?, ?> breakers, JsonMapper json) {
		this.client = client;
		this.breaker = breakers.create(NAME);
		this.snapshots = json.readerFor(CelebrityUpserted.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	@Override
	public List<Version> versions() {
		var data = data(call("versions", client::versions));
		var versions = new ArrayList<Version>(data.size());
		for (var entry : data) {
			try {
				versions.add(new Version(UUID.fromString(entry.path("id").asString()), entry.path("version").asLong()));
			}
			catch (IllegalArgumentException | JacksonException ex) {
				throw new CatalogUnavailableException("The catalog's versions hold an invalid entry: " + entry, ex);
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
			try {
				CelebrityUpserted snapshot = snapshots.readValue(entry);
				found.add(new Snapshot(snapshot, entry.path("version").asLong()));
			}
			catch (JacksonException ex) {
				throw new CatalogUnavailableException("The catalog's snapshots hold an invalid entry", ex);
			}
		}
		return found;
	}

	private JsonNode call(String what, Supplier<JsonNode> call) {
		return breaker.run(call, failure -> {
			throw new CatalogUnavailableException("The catalog's " + what + " cannot be read: " + failure, failure);
		});
	}

	private static JsonNode data(JsonNode body) {
		var data = body.path("data");
		if (!body.path("success").asBoolean(false) || !data.isArray()) {
			throw new CatalogUnavailableException("Unexpected answer from the catalog", new IllegalStateException(
					"no success:true with a data array"));
		}
		return data;
	}
}

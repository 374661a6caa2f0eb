package com.starrymeet.search.indexing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.starrymeet.common.events.contract.CelebrityUpserted;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
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

	private final InternalReads reads;

	private final ObjectReader snapshots;

	FeignCatalogSource(CelebrityCatalogClient client, CircuitBreakerFactory<?, ?> breakers, JsonMapper json) {
		this.client = client;
		this.reads = new InternalReads(breakers.create(NAME), "The catalog's", CatalogUnavailableException::new);
		this.snapshots = json.readerFor(CelebrityUpserted.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	@Override
	public List<Version> versions() {
		return reads.versions(client::versions, "id", Version::new);
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
			try {
				CelebrityUpserted snapshot = snapshots.readValue(entry);
				found.add(new Snapshot(snapshot, entry.path("version").asLong()));
			}
			catch (JacksonException ex) {
				throw reads.invalid("snapshots", ex);
			}
		}
		return found;
	}
}

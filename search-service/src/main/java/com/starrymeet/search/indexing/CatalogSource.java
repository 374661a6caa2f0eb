package com.starrymeet.search.indexing;

import java.util.List;
import java.util.UUID;

import com.starrymeet.common.events.contract.CelebrityUpserted;

/**
 * The catalog's source of truth as reconciliation reads it: celebrity-service's database, over its internal
 * endpoints ({@link FeignCatalogSource}); tests hand-write one.
 */
public interface CatalogSource {

	/** Most ids one {@link #snapshots} call takes. */
	int MAX_IDS = 100;

	/** A public celebrity and the aggregate version of its latest CelebrityUpserted. */
	record Version(UUID id, long version) {
	}

	/** A celebrity's current snapshot, as published on Kafka, with its version. */
	record Snapshot(CelebrityUpserted snapshot, long version) {
	}

	/**
	 * Every celebrity that is public in the catalog (visible in search), with its version.
	 * @throws CatalogUnavailableException when the catalog cannot be read now
	 */
	List<Version> versions();

	/**
	 * The current snapshots of up to {@link #MAX_IDS} celebrities; an id the catalog does not have is left out.
	 * @throws CatalogUnavailableException when the catalog cannot be read now
	 */
	List<Snapshot> snapshots(List<UUID> ids);
}

package com.starrymeet.search.indexing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.search.index.CelebrityIndex;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** What an operator (and the fleet test) reads about this instance's index. */
@Component
public class IndexStatus {

	/**
	 * @param searchable public celebrities in the index
	 * @param documents every document, tombstones of non-public or removed celebrities included
	 * @param digest {@link Reconciler#digest} of the searchable celebrities and their versions
	 * @param withAvailability celebrities (searchable or not) the index holds an availability for
	 * @param availabilityDigest {@link Reconciler#digest} of those celebrities and their availability versions
	 * @param positions Kafka position per {@code topic:partition} (next offset) consumed up to
	 * @param recordsConsumed Kafka records read since this instance started
	 * @param versions the searchable celebrities with their versions, sorted by id (only when asked for)
	 * @param availabilityVersions the celebrities holding an availability with its version, sorted by id (only when
	 *     asked for)
	 */
	public record View(String instanceId, String consumerGroup, String indexDir, String format, boolean ready,
			IndexLifecycle.@Nullable CaughtUp caughtUp, int searchable, int documents, String digest,
			int withAvailability, String availabilityDigest, Map<String, Long> positions, long recordsConsumed,
			Instant lastCommitAt, Reconciler.@Nullable Report lastReconcile, @Nullable String lastReconcileFailure,
			@Nullable List<Entry> versions, @Nullable List<AvailabilityEntry> availabilityVersions) {
	}

	/** A searchable celebrity's snapshot version (the shape of celebrity-service's catalog versions). */
	public record Entry(UUID id, long version) {
	}

	/** A celebrity's availability version (the shape of booking-service's calendar versions). */
	public record AvailabilityEntry(UUID celebrityId, long version) {
	}

	private final CelebrityIndex index;

	private final IndexInstance instance;

	private final IndexLifecycle lifecycle;

	private final Reconciler reconciler;

	private final CatalogEventsListener listener;

	IndexStatus(CelebrityIndex index, IndexInstance instance, IndexLifecycle lifecycle, Reconciler reconciler,
			CatalogEventsListener listener) {
		this.index = index;
		this.instance = instance;
		this.lifecycle = lifecycle;
		this.reconciler = reconciler;
		this.listener = listener;
	}

	public View view(boolean withVersions) {
		var entries = index.entries();
		var versions = Reconciler.searchableVersions(entries);
		var availability = Reconciler.availabilityVersions(entries);
		return new View(instance.id(), instance.consumerGroup(), index.path().toAbsolutePath().toString(),
				CelebrityIndex.FORMAT, lifecycle.ready(), lifecycle.caughtUpAt(), versions.size(), index.documentCount(),
				Reconciler.digest(versions), availability.size(), Reconciler.digest(availability), index.positions(),
				listener.consumed(), Instant.ofEpochMilli(index.lastCommitMillis()), reconciler.last(),
				reconciler.lastFailure(),
				withVersions ? versions.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue())).toList() : null,
				withVersions ? availability.entrySet()
					.stream()
					.map(e -> new AvailabilityEntry(e.getKey(), e.getValue()))
					.toList() : null);
	}
}

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
	 * @param positions Kafka position per {@code topic:partition} (next offset) consumed up to
	 * @param recordsConsumed Kafka records read since this instance started
	 * @param versions the searchable celebrities with their versions, sorted by id (only when asked for)
	 */
	public record View(String instanceId, String consumerGroup, String indexDir, String format, boolean ready,
			IndexLifecycle.@Nullable CaughtUp caughtUp, int searchable, int documents, String digest,
			Map<String, Long> positions, long recordsConsumed, Instant lastCommitAt,
			Reconciler.@Nullable Report lastReconcile, @Nullable String lastReconcileFailure,
			@Nullable List<Entry> versions) {
	}

	public record Entry(UUID id, long version) {
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
		var versions = reconciler.indexVersions();
		return new View(instance.id(), instance.consumerGroup(), index.path().toAbsolutePath().toString(),
				CelebrityIndex.FORMAT, lifecycle.ready(), lifecycle.caughtUpAt(), versions.size(), index.documentCount(),
				Reconciler.digest(versions), index.positions(), listener.consumed(),
				Instant.ofEpochMilli(index.lastCommitMillis()), reconciler.last(), reconciler.lastFailure(),
				withVersions ? versions.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue())).toList() : null);
	}
}

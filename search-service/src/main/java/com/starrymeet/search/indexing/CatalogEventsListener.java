package com.starrymeet.search.indexing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.MalformedEventException;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.AvailabilityChanged;
import com.starrymeet.common.events.contract.CelebrityRemoved;
import com.starrymeet.common.events.contract.CelebrityUpserted;
import com.starrymeet.search.index.CelebrityIndex;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's index in step with the catalog's events, a poll at a time.
 * <p>
 * <b>Every instance reads everything.</b> The listener's consumer group is this instance's own
 * ({@link IndexInstance}), so it is assigned every partition of both topics, and on assignment it seeks each
 * partition to the position stored in its own index's last commit (or to the beginning when the index is new):
 * Kafka's committed offsets are not used (nor written). Instances share nothing: each has its index directory and
 * positions, so one can be rebuilt while the others serve.
 * <p>
 * <b>A poll is one batch.</b> Its records are applied in order and become searchable together at its end (one
 * NRT refresh), and their positions advance; {@link IndexCommitter} commits changes and positions together at
 * most every {@code commit-interval}. Duplicates, replays and late events are no-ops by aggregate version
 * (the index keeps the newest version per celebrity), which is the de-duplication here: a processed-event table
 * in the service's database would be shared by all instances and could not commit with a Lucene commit anyway.
 * Records are decoded by common-lib's {@link IdempotentConsumer} ({@code parse}, {@code payload}: tolerant of fields
 * a newer contract adds) but not marked in its processed-event table, for that reason. A record that fails is
 * retried, then sent to {@code <topic>.DLT} by the common error handler (the records before it stay applied).
 */
@Component
class CatalogEventsListener implements ConsumerSeekAware {

	static final String LISTENER = "search-index";

	private static final Logger log = LoggerFactory.getLogger(CatalogEventsListener.class);

	private final IdempotentConsumer events;

	private final CelebrityIndex index;

	private final IndexLifecycle lifecycle;

	private final AtomicLong consumed = new AtomicLong();

	CatalogEventsListener(IdempotentConsumer events, CelebrityIndex index, IndexLifecycle lifecycle) {
		this.events = events;
		this.index = index;
		this.lifecycle = lifecycle;
		if (index.wasCreatedEmpty()) {
			log.info("Search index at {} is new: rebuilding it from the beginning of {} and {}", index.path(),
					Topics.CELEBRITY, Topics.AVAILABILITY);
		}
	}

	/** Each partition from where this index stopped, or from the beginning when it never read it. */
	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		for (var partition : assignments.keySet()) {
			var position = index.position(partition.topic(), partition.partition());
			if (position == null) {
				callback.seekToBeginning(List.of(partition));
			}
			else {
				callback.seek(partition.topic(), partition.partition(), position);
			}
		}
		log.info("Search index reads {} from its own positions {}", assignments.keySet(), index.positions());
	}

	@KafkaListener(id = LISTENER, topics = { Topics.CELEBRITY, Topics.AVAILABILITY },
			groupId = "#{@indexInstance.consumerGroup()}", batch = "true",
			containerPostProcessor = IndexingConfiguration.CONTAINER_POST_PROCESSOR)
	void onEvents(List<ConsumerRecord<String, ?>> records, Consumer<?, ?> kafka) {
		long start = System.nanoTime();
		var failure = new RuntimeException[1];
		int[] failedAt = { records.size() };
		index.batch(() -> {
			for (int i = 0; i < records.size(); i++) {
				try {
					apply(records.get(i));
				}
				catch (RuntimeException ex) {
					failure[0] = ex;
					failedAt[0] = i;
					return;
				}
			}
		});
		// only now are the batch's changes in the index writer: a commit may take their positions with them
		if (failure[0] != null) {
			int i = failedAt[0];
			var record = records.get(i);
			advance(records.subList(0, failure[0] instanceof MalformedEventException ? i + 1 : i));
			consumed.addAndGet(i);
			throw new BatchListenerFailedException("Cannot apply " + record.topic() + "-" + record.partition() + "@"
					+ record.offset(), failure[0], i);
		}
		advance(records);
		consumed.addAndGet(records.size());
		log.debug("Applied {} records in {} ms", records.size(), (System.nanoTime() - start) / 1_000_000);
		if (!lifecycle.caughtUp() && kafka.assignment().stream().allMatch(p -> kafka.currentLag(p).orElse(-1) == 0)) {
			lifecycle.markCaughtUp(consumed.get());
		}
	}

	/** No record for a while with partitions assigned: nothing left to read, the index has caught up. */
	@EventListener(condition = "#event.listenerId.startsWith('" + LISTENER + "')")
	void onIdle(ListenerContainerIdleEvent event) {
		if (!lifecycle.caughtUp() && !event.getTopicPartitions().isEmpty()) {
			lifecycle.markCaughtUp(consumed.get());
		}
	}

	/** Records read since this instance started. */
	long consumed() {
		return consumed.get();
	}

	private void advance(List<ConsumerRecord<String, ?>> applied) {
		for (var record : applied) {
			index.advance(record.topic(), record.partition(), record.offset() + 1);
		}
	}

	private void apply(ConsumerRecord<String, ?> record) {
		var event = events.parse(record.value());
		switch (event.type()) {
			case "CelebrityUpserted" -> index.applyUpsert(events.payload(event, CelebrityUpserted.class), event.aggregateVersion());
			case "CelebrityRemoved" -> index.applyRemoval(events.payload(event, CelebrityRemoved.class).celebrityId(),
					event.aggregateVersion());
			case "AvailabilityChanged" -> index.applyAvailability(events.payload(event, AvailabilityChanged.class),
					event.aggregateVersion());
			default -> log.debug("Ignoring {} on {}", event.type(), record.topic());
		}
	}
}

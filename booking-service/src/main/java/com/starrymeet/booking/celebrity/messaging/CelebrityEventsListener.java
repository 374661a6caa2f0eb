package com.starrymeet.booking.celebrity.messaging;

import java.util.UUID;

import com.starrymeet.booking.celebrity.CelebrityReplica;
import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.MalformedEventException;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.CelebrityRemoved;
import com.starrymeet.common.events.contract.CelebrityUpserted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code celebrity_replica} in step with the catalog ({@link Topics#CELEBRITY}): each event at most once per
 * event id, and only when newer than what is held ({@link IdempotentConsumer#dispatch}).
 */
@Component
class CelebrityEventsListener {

	static final String CONSUMER = "booking-celebrity-replica";

	private final IdempotentConsumer.Dispatch dispatch;

	CelebrityEventsListener(IdempotentConsumer consumer, CelebrityReplica replica) {
		this.dispatch = consumer.dispatch(CONSUMER)
			.on(CelebrityUpserted.class, (snapshot, version) -> {
				required(snapshot.celebrityId());
				replica.applyUpsert(snapshot, version);
			})
			.on(CelebrityRemoved.class,
					(removed, version) -> replica.applyRemoval(required(removed.celebrityId()), version));
	}

	@KafkaListener(topics = Topics.CELEBRITY, groupId = "${spring.application.name}-celebrity")
	void on(ConsumerRecord<String, ?> record) {
		dispatch.handle(record);
	}

	/** An event without its celebrity id is poison: it goes to the dead-letter topic after the retries. */
	private static UUID required(@Nullable UUID celebrityId) {
		if (celebrityId == null) {
			throw new MalformedEventException("Celebrity event without celebrityId", null);
		}
		return celebrityId;
	}
}

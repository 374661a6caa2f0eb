package com.starrymeet.user.favorite;

import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.CelebrityRemoved;
import com.starrymeet.common.events.contract.CelebrityUpserted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code celebrity_summary} in step with the catalog: each event applied at most once per event id
 * ({@link IdempotentConsumer}) and only when its aggregate version is newer than what is held.
 */
@Component
class CelebrityEventsListener {

	static final String CONSUMER = "user-favorites";

	private final IdempotentConsumer consumer;

	private final CelebritySummaries summaries;

	CelebrityEventsListener(IdempotentConsumer consumer, CelebritySummaries summaries) {
		this.consumer = consumer;
		this.summaries = summaries;
	}

	@KafkaListener(topics = Topics.CELEBRITY)
	void onCelebrity(ConsumerRecord<String, ?> record) {
		consumer.dispatch(CONSUMER)
			.on(CelebrityUpserted.class, summaries::applyUpsert)
			.on(CelebrityRemoved.class, (removed, version) -> summaries.applyRemoval(removed.celebrityId(), version))
			.handle(record);
	}
}

package com.starrymeet.celebrity.review.messaging;

import com.starrymeet.celebrity.review.Reviews;
import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.ReviewSubmitted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes booking-service's ReviewSubmitted ({@link Topics#REVIEW}) once per event id; a second review of the same
 * booking is ignored by {@link Reviews#apply}.
 */
@Component
class ReviewListener {

	static final String CONSUMER = "celebrity-reviews";

	private final IdempotentConsumer.Dispatch dispatch;

	ReviewListener(IdempotentConsumer consumer, Reviews reviews) {
		this.dispatch = consumer.dispatch(CONSUMER).on(ReviewSubmitted.class, reviews::apply);
	}

	@KafkaListener(topics = Topics.REVIEW, groupId = "${spring.application.name}-reviews")
	void on(ConsumerRecord<String, ?> record) {
		dispatch.handle(record);
	}
}

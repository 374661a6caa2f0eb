package com.starrymeet.celebrity.review.messaging;

import com.starrymeet.celebrity.review.Reviews;
import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.contract.ReviewSubmitted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes booking-service's ReviewSubmitted ({@code starrymeet.review.v1}) once per event id; a second review of
 * the same booking is ignored by {@link Reviews#apply}.
 */
@Component
class ReviewListener {

	static final String CONSUMER = "celebrity-reviews";

	private final IdempotentConsumer consumer;

	private final Reviews reviews;

	ReviewListener(IdempotentConsumer consumer, Reviews reviews) {
		this.consumer = consumer;
		this.reviews = reviews;
	}

	@KafkaListener(topics = "starrymeet." + ReviewSubmitted.AGGREGATE + ".v1",
			groupId = "${spring.application.name}-reviews")
	void on(ConsumerRecord<String, ?> record) {
		consumer.handle(CONSUMER, record, event -> {
			if ("ReviewSubmitted".equals(event.type())) {
				reviews.apply(event);
			}
		});
	}
}

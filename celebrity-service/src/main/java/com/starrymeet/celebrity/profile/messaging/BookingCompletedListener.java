package com.starrymeet.celebrity.profile.messaging;

import com.starrymeet.celebrity.profile.BookingCounts;
import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.BookingCompleted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Counts booking-service's BookingCompleted ({@link Topics#BOOKING}) into {@code total_bookings}, once per event id and
 * once per booking ({@link BookingCounts#apply}); the topic's other events are not this listener's.
 */
@Component
class BookingCompletedListener {

	static final String CONSUMER = "celebrity-completed-bookings";

	private final IdempotentConsumer.Dispatch dispatch;

	BookingCompletedListener(IdempotentConsumer consumer, BookingCounts counts) {
		this.dispatch = consumer.dispatch(CONSUMER).on(BookingCompleted.class, counts::apply);
	}

	@KafkaListener(topics = Topics.BOOKING, groupId = "${spring.application.name}-bookings")
	void on(ConsumerRecord<String, ?> record) {
		dispatch.handle(record);
	}
}

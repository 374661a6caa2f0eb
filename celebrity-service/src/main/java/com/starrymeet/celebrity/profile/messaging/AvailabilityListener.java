package com.starrymeet.celebrity.profile.messaging;

import com.starrymeet.celebrity.profile.Availability;
import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.AvailabilityChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes booking-service's AvailabilityChanged ({@link Topics#AVAILABILITY}) once per event id; an older version
 * than the one applied is ignored by {@link Availability#apply}.
 */
@Component
class AvailabilityListener {

	static final String CONSUMER = "celebrity-availability";

	private final IdempotentConsumer.Dispatch dispatch;

	AvailabilityListener(IdempotentConsumer consumer, Availability availability) {
		this.dispatch = consumer.dispatch(CONSUMER).on(AvailabilityChanged.class, availability::apply);
	}

	@KafkaListener(topics = Topics.AVAILABILITY, groupId = "${spring.application.name}-availability")
	void on(ConsumerRecord<String, ?> record) {
		dispatch.handle(record);
	}
}

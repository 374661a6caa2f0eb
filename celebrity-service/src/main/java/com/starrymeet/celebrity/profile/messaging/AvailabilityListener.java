package com.starrymeet.celebrity.profile.messaging;

import com.starrymeet.celebrity.profile.Availability;
import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.contract.AvailabilityChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes booking-service's AvailabilityChanged ({@code starrymeet.availability.v1}) once per event id.
 */
@Component
class AvailabilityListener {

	static final String CONSUMER = "celebrity-availability";

	private final IdempotentConsumer consumer;

	private final Availability availability;

	AvailabilityListener(IdempotentConsumer consumer, Availability availability) {
		this.consumer = consumer;
		this.availability = availability;
	}

	@KafkaListener(topics = "starrymeet." + AvailabilityChanged.AGGREGATE + ".v1",
			groupId = "${spring.application.name}-availability")
	void on(ConsumerRecord<String, ?> record) {
		consumer.handle(CONSUMER, record, event -> {
			if ("AvailabilityChanged".equals(event.type())) {
				availability.apply(event);
			}
		});
	}
}

package com.starrymeet.user.admin;

import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.MalformedEventException;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.CelebrityApplicationApproved;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes celebrity-service's {@code starrymeet.celebrity-application.v1}: an approved application gives the
 * applicant the CELEBRITY role ({@link AdminUsers#grantCelebrityRole}), once per event id ({@link IdempotentConsumer}).
 * Rejections need nothing here (notification-service tells the applicant), so they are skipped.
 */
@Component
class CelebrityApplicationsListener {

	static final String CONSUMER = "user-celebrity-applications";

	private final IdempotentConsumer consumer;

	private final AdminUsers admin;

	CelebrityApplicationsListener(IdempotentConsumer consumer, AdminUsers admin) {
		this.consumer = consumer;
		this.admin = admin;
	}

	@KafkaListener(topics = Topics.CELEBRITY_APPLICATION)
	void on(ConsumerRecord<String, ?> record) {
		consumer.dispatch(CONSUMER).onEvent(CelebrityApplicationApproved.class, (approved, event) -> {
			var eventId = event.eventId(); // the audit entry names the event that caused the promotion
			if (approved.userId() == null || approved.applicationId() == null || approved.celebrityId() == null) {
				throw new MalformedEventException("CelebrityApplicationApproved " + eventId + " lacks an id", null);
			}
			admin.grantCelebrityRole(approved.userId(), approved.applicationId(), approved.celebrityId(), eventId);
		}).handle(record);
	}
}

package com.starrymeet.user.admin;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.MalformedEventException;
import com.starrymeet.common.events.contract.CelebrityApplicationApproved;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes celebrity-service's {@code starrymeet.celebrity-application.v1}: an approved application gives the
 * applicant the CELEBRITY role ({@link AdminUsers#grantCelebrityRole}), once per event id ({@link IdempotentConsumer}).
 * Rejections need nothing here (notification-service tells the applicant).
 */
@Component
class CelebrityApplicationsListener {

	static final String CONSUMER = "user-celebrity-applications";

	private static final Logger log = LoggerFactory.getLogger(CelebrityApplicationsListener.class);

	private final IdempotentConsumer consumer;

	private final AdminUsers admin;

	private final JsonMapper json;

	CelebrityApplicationsListener(IdempotentConsumer consumer, AdminUsers admin, JsonMapper json) {
		this.consumer = consumer;
		this.admin = admin;
		this.json = json;
	}

	@KafkaListener(topics = "starrymeet." + CelebrityApplicationApproved.AGGREGATE + ".v1")
	void on(ConsumerRecord<String, ?> record) {
		consumer.handle(CONSUMER, record, event -> {
			if ("CelebrityApplicationApproved".equals(event.type())) {
				var approved = payload(event);
				admin.grantCelebrityRole(approved.userId(), approved.applicationId(), approved.celebrityId(),
						event.eventId());
			}
			else {
				log.debug("Ignoring {} on {}", event.type(), record.topic());
			}
		});
	}

	private CelebrityApplicationApproved payload(EventEnvelope<JsonNode> event) {
		try {
			// tolerant of fields a newer contract adds (the service's own mapper rejects unknown request fields)
			var approved = json.readerFor(CelebrityApplicationApproved.class)
				.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
				.<CelebrityApplicationApproved>readValue(event.payload());
			if (approved.userId() == null || approved.applicationId() == null || approved.celebrityId() == null) {
				throw new MalformedEventException("CelebrityApplicationApproved " + event.eventId() + " lacks an id", null);
			}
			return approved;
		}
		catch (JacksonException ex) {
			throw new MalformedEventException(
					"Payload of " + event.type() + " " + event.eventId() + " is not a CelebrityApplicationApproved", ex);
		}
	}
}

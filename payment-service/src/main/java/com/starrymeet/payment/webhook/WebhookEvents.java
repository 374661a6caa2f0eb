package com.starrymeet.payment.webhook;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The log of Stripe events acted on ({@code stripe_webhook_event}), by Stripe's event id. */
@Component
class WebhookEvents {

	private final JdbcClient jdbc;

	WebhookEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean processed(String eventId) {
		return jdbc.sql("SELECT count(*) FROM stripe_webhook_event WHERE id = :id AND processed_at IS NOT NULL")
			.param("id", eventId)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Records the event as processed, in the caller's transaction; false when it already was (a duplicate
	 * delivered at the same time: the other one acts).
	 */
	boolean record(String eventId, String type, @Nullable String objectId) {
		return jdbc.sql("""
				INSERT INTO stripe_webhook_event (id, type, object_id, received_at, processed_at)
				VALUES (:id, :type, :object, now(), now()) ON CONFLICT (id) DO NOTHING""")
			.param("id", eventId)
			.param("type", type)
			.param("object", objectId)
			.update() == 1;
	}
}

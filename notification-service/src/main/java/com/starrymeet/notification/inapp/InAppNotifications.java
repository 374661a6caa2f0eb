package com.starrymeet.notification.inapp;

import java.time.Instant;
import java.util.UUID;

import com.starrymeet.notification.NotificationType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The bell: one notification per (event, user), however often the event arrives. */
@Component
public class InAppNotifications {

	private final JdbcClient jdbc;

	InAppNotifications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void add(UUID eventId, UUID userId, NotificationType type, String title, String body, @Nullable String link,
			Instant at) {
		jdbc.sql("""
				INSERT INTO in_app_notification (id, event_id, user_id, type, title, body, link, created_at)
				VALUES (:id, :event, :user, :type, :title, :body, :link, :at)
				ON CONFLICT (event_id, user_id) DO NOTHING""")
			.param("id", UUID.randomUUID())
			.param("event", eventId)
			.param("user", userId)
			.param("type", type.name())
			.param("title", title)
			.param("body", body)
			.param("link", link)
			.param("at", java.sql.Timestamp.from(at))
			.update();
	}

	/** Forgets the user's notifications (UserDeleted). */
	public void erase(UUID userId) {
		jdbc.sql("DELETE FROM in_app_notification WHERE user_id = :u").param("u", userId).update();
	}
}

package com.starrymeet.notification.inapp;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.starrymeet.common.web.Pagination.PageQuery;

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

	/** One notification as its owner sees it. */
	public record Notification(UUID id, String type, String title, String body, @Nullable String link,
			Instant createdAt, @Nullable Instant readAt) {
	}

	public List<Notification> list(UUID userId, boolean unreadOnly, PageQuery page) {
		return jdbc.sql("""
				SELECT id, type, title, body, link, created_at, read_at FROM in_app_notification
				WHERE user_id = :u AND (NOT :unread OR read_at IS NULL)
				ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset""")
			.param("u", userId)
			.param("unread", unreadOnly)
			.param("limit", page.limit())
			.param("offset", page.offset())
			.query(Notification.class)
			.list();
	}

	public long count(UUID userId, boolean unreadOnly) {
		return jdbc.sql("""
				SELECT count(*) FROM in_app_notification WHERE user_id = :u AND (NOT :unread OR read_at IS NULL)""")
			.param("u", userId)
			.param("unread", unreadOnly)
			.query(Long.class)
			.single();
	}

	/**
	 * Marks one of the user's notifications read (the first time only: {@code readAt} keeps the first read).
	 * @return empty when the user has no such notification
	 */
	public Optional<Notification> markRead(UUID userId, UUID id) {
		jdbc.sql("UPDATE in_app_notification SET read_at = now() WHERE id = :id AND user_id = :u AND read_at IS NULL")
			.param("id", id)
			.param("u", userId)
			.update();
		return jdbc.sql("""
				SELECT id, type, title, body, link, created_at, read_at FROM in_app_notification
				WHERE id = :id AND user_id = :u""").param("id", id).param("u", userId).query(Notification.class).optional();
	}

	/** @return how many were unread */
	public int markAllRead(UUID userId) {
		return jdbc.sql("UPDATE in_app_notification SET read_at = now() WHERE user_id = :u AND read_at IS NULL")
			.param("u", userId)
			.update();
	}

	/** One user's notification with its owner: what the live updates push ({@code live}). */
	public record Owned(UUID userId, UUID id, String type, String title, String body, @Nullable String link,
			Instant createdAt, @Nullable Instant readAt) {
	}

	/** The notifications one event made (one per user at most): pushed live to whoever is connected. */
	public List<Owned> ofEvent(UUID eventId) {
		return jdbc.sql("""
				SELECT user_id, id, type, title, body, link, created_at, read_at FROM in_app_notification
				WHERE event_id = :e ORDER BY user_id""").param("e", eventId).query(Owned.class).list();
	}

	/** The user's notifications stored after {@code since}, oldest first (a reconnecting client's catch-up). */
	public List<Notification> since(UUID userId, Instant since, int limit) {
		return jdbc.sql("""
				SELECT id, type, title, body, link, created_at, read_at FROM in_app_notification
				WHERE user_id = :u AND created_at > :since ORDER BY created_at, id LIMIT :limit""")
			.param("u", userId)
			.param("since", java.sql.Timestamp.from(since))
			.param("limit", limit)
			.query(Notification.class)
			.list();
	}

	/** Forgets the user's notifications (UserDeleted). */
	public void erase(UUID userId) {
		jdbc.sql("DELETE FROM in_app_notification WHERE user_id = :u").param("u", userId).update();
	}
}

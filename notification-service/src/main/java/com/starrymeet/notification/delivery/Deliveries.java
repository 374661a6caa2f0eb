package com.starrymeet.notification.delivery;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.notification.Channel;
import com.starrymeet.notification.NotificationType;
import com.starrymeet.notification.preference.Preferences;
import com.starrymeet.notification.preference.UnsubscribeLinks;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records the e-mails an event asks for, in the consumer's transaction: one {@code delivery} row per (event,
 * recipient, channel) — the unique key makes a redelivered event a no-op — rendered now, sent right after the
 * commit by {@link MailDispatcher} (and by its poll, should this instance stop first).
 */
@Component
public class Deliveries {

	private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

	private final JdbcClient jdbc;

	private final MailTemplates templates;

	private final Preferences preferences;

	private final MailDispatcher dispatcher;

	private final UnsubscribeLinks unsubscribeLinks;

	Deliveries(JdbcClient jdbc, MailTemplates templates, Preferences preferences, MailDispatcher dispatcher,
			UnsubscribeLinks unsubscribeLinks) {
		this.jdbc = jdbc;
		this.templates = templates;
		this.preferences = preferences;
		this.dispatcher = dispatcher;
		this.unsubscribeLinks = unsubscribeLinks;
	}

	/**
	 * An e-mail of {@code type} for {@code recipientId}, unless they switched the type off.
	 * @param toAddress where to send it; {@code null}: the recipient's contact when it is sent
	 * @return whether a new delivery was recorded (false: switched off, or this event already has it)
	 */
	public boolean email(UUID eventId, UUID recipientId, @Nullable String toAddress, NotificationType type,
			Map<String, ?> model) {
		return email(eventId, recipientId, toAddress, type, model, null);
	}

	/**
	 * Like the other, with a document attached when it is sent if its service answers: {@code calendar:<bookingId>}
	 * or {@code receipt:<paymentId>}.
	 */
	public boolean email(UUID eventId, UUID recipientId, @Nullable String toAddress, NotificationType type,
			Map<String, ?> model, @Nullable String attachment) {
		if (!preferences.enabled(recipientId, type, Channel.EMAIL)) {
			log.debug("{} for {} not sent: switched off", type, recipientId);
			return false;
		}
		var full = new HashMap<String, Object>(model);
		if (!type.transactional()) {
			full.put("unsubscribeUrl", unsubscribeLinks.url(recipientId, type));
		}
		var rendered = templates.render(type, full);
		var inserted = jdbc.sql("""
				INSERT INTO delivery (id, event_id, recipient_id, channel, type, to_address, subject, body_text,
				                      body_html, status, next_attempt_at, attachment)
				VALUES (:id, :event, :recipient, 'EMAIL', :type, :to, :subject, :text, :html, 'pending', :now, :attachment)
				ON CONFLICT (event_id, recipient_id, channel) DO NOTHING""")
			.param("id", UUID.randomUUID())
			.param("event", eventId)
			.param("recipient", recipientId)
			.param("type", type.name())
			.param("to", toAddress)
			.param("subject", rendered.subject())
			.param("text", rendered.text())
			.param("html", rendered.html())
			.param("attachment", attachment)
			.param("now", java.sql.Timestamp.from(Instant.now()))
			.update() == 1;
		if (inserted) {
			dispatcher.wakeUpAfterCommit();
		}
		return inserted;
	}

	/**
	 * An SMS of {@code type} to the recipient's phone (the contact replica's, when it is sent), unless switched off.
	 * @return whether a new delivery was recorded
	 */
	public boolean sms(UUID eventId, UUID recipientId, NotificationType type, Map<String, ?> model) {
		if (!preferences.enabled(recipientId, type, Channel.SMS)) {
			return false;
		}
		var inserted = jdbc.sql("""
				INSERT INTO delivery (id, event_id, recipient_id, channel, type, body_text, status, next_attempt_at)
				VALUES (:id, :event, :recipient, 'SMS', :type, :text, 'pending', :now)
				ON CONFLICT (event_id, recipient_id, channel) DO NOTHING""")
			.param("id", UUID.randomUUID())
			.param("event", eventId)
			.param("recipient", recipientId)
			.param("type", type.name())
			.param("text", templates.renderSms(type, model))
			.param("now", java.sql.Timestamp.from(Instant.now()))
			.update() == 1;
		if (inserted) {
			dispatcher.wakeUpAfterCommit();
		}
		return inserted;
	}

	/** The user's pending messages are dropped and every rendered text forgotten (UserDeleted). */
	public void erase(UUID userId) {
		jdbc.sql("""
				UPDATE delivery SET status = CASE WHEN status = 'sent' THEN 'sent' ELSE 'dropped' END, to_address = NULL,
				    subject = NULL, body_text = NULL, body_html = NULL, last_error = NULL
				WHERE recipient_id = :u""").param("u", userId).update();
	}
}

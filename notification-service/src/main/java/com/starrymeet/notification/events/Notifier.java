package com.starrymeet.notification.events;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.notification.Channel;
import com.starrymeet.notification.NotificationSettings;
import com.starrymeet.notification.NotificationType;
import com.starrymeet.notification.contact.Contacts;
import com.starrymeet.notification.delivery.Deliveries;
import com.starrymeet.notification.inapp.InAppNotifications;
import com.starrymeet.notification.preference.Preferences;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Tells one person about one event: the e-mail (recorded for sending, once per event and recipient) and, when the
 * message is about something the app shows, the in-app notification. Every model gets {@code name} (the
 * recipient's first name, or "there") and {@code webBaseUrl}.
 */
@Component
class Notifier {

	private final Deliveries deliveries;

	private final InAppNotifications inApp;

	private final Preferences preferences;

	private final Contacts contacts;

	private final String web;

	Notifier(Deliveries deliveries, InAppNotifications inApp, Preferences preferences, Contacts contacts,
			NotificationSettings settings) {
		this.deliveries = deliveries;
		this.inApp = inApp;
		this.preferences = preferences;
		this.contacts = contacts;
		this.web = settings.webBaseUrl().replaceAll("/+$", "");
	}

	String web() {
		return web;
	}

	/** An e-mail only (account messages: the address is the event's, not yet the replica's). */
	void email(EventEnvelope<JsonNode> event, UUID userId, @Nullable String address, @Nullable String firstName,
			NotificationType type, Map<String, ?> model) {
		deliveries.email(event.eventId(), userId, address, type, withDefaults(userId, firstName, model));
	}

	/** An e-mail to the account's replicated address and an in-app notification. */
	void tell(EventEnvelope<JsonNode> event, UUID userId, NotificationType type, Map<String, ?> model, String title,
			String body, @Nullable String link) {
		tell(event.eventId(), event.occurredAt(), userId, type, model, title, body, link, null);
	}

	/** Like {@code tell}, the e-mail carrying a document ({@code calendar:<bookingId>}, {@code receipt:<paymentId>}). */
	void tell(EventEnvelope<JsonNode> event, UUID userId, NotificationType type, Map<String, ?> model, String title,
			String body, @Nullable String link, @Nullable String attachment) {
		tell(event.eventId(), event.occurredAt(), userId, type, model, title, body, link, attachment);
	}

	/** Like the other {@code tell}, for a cause that is not an event (a reminder): {@code causeId} keeps it once. */
	void tell(UUID causeId, Instant at, UUID userId, NotificationType type, Map<String, ?> model, String title,
			String body, @Nullable String link, @Nullable String attachment) {
		if (contacts.erased(userId)) {
			return;
		}
		deliveries.email(causeId, userId, null, type, withDefaults(userId, null, model), attachment);
		if (preferences.enabled(userId, type, Channel.IN_APP)) {
			inApp.add(causeId, userId, type, title, body, link, at);
		}
	}

	/** Only the in-app notification (the recipient is online and sees it live): no e-mail. */
	void inApp(EventEnvelope<JsonNode> event, UUID userId, NotificationType type, String title, String body,
			@Nullable String link) {
		if (!contacts.erased(userId) && preferences.enabled(userId, type, Channel.IN_APP)) {
			inApp.add(event.eventId(), userId, type, title, body, link, event.occurredAt());
		}
	}

	/** An SMS to the account's phone, when it has one (checked when sending). */
	void sms(UUID causeId, UUID userId, NotificationType type, Map<String, ?> model) {
		if (!contacts.erased(userId)) {
			deliveries.sms(causeId, userId, type, withDefaults(userId, null, model));
		}
	}

	private Map<String, Object> withDefaults(UUID userId, @Nullable String firstName, Map<String, ?> model) {
		var full = new HashMap<String, Object>(model);
		var name = firstName != null ? firstName
				: contacts.find(userId).map(Contacts.Contact::firstName).orElse(null);
		full.putIfAbsent("name", name == null || name.isBlank() ? "there" : name);
		full.putIfAbsent("webBaseUrl", web);
		return full;
	}
}

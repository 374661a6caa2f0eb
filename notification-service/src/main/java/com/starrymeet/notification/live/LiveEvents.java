package com.starrymeet.notification.live;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.starrymeet.common.events.Topics;
import com.starrymeet.notification.inapp.InAppNotifications;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The push-worthy events, read by every instance in a consumer group of its own (a random suffix: nothing is
 * committed that another instance would share) from the latest offset — a client that was away catches up with
 * {@code resume}, not from Kafka. Each event goes to this instance's sessions of the users it concerns only:
 * <ul>
 * <li>booking-service's booking events: {@code booking} frames to the fan and the celebrity's account; new bookings
 * ({@code BookingRequested}) and disputes to admins too;</li>
 * <li>{@code MessageSent}: a {@code message} frame to its recipient;</li>
 * <li>payment-service's events: a {@code payment} frame to the fan;</li>
 * <li>{@code AvailabilityChanged}: to the sessions subscribed to {@code availability:<celebrityId>} (public data);</li>
 * <li>the in-app notification an event made (stored by the instance that consumed it in the shared group, maybe a
 * moment later): looked up by event id for the concerned users connected here, a few times over a few seconds, and
 * pushed as a {@code notification} frame with the unread count.</li>
 * </ul>
 */
@Component
class LiveEvents {

	private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

	/** When to look for the in-app notifications an event made (ms after it arrived here). */
	static final long[] LOOKUPS = { 50, 200, 500, 1_000, 2_000, 4_000, 8_000, 15_000 };

	private final LiveSessions sessions;

	private final InAppNotifications inApp;

	LiveEvents(LiveSessions sessions, InAppNotifications inApp) {
		this.sessions = sessions;
		this.inApp = inApp;
	}

	@KafkaListener(id = "live-updates", topics = { Topics.BOOKING, Topics.PAYMENT, Topics.USER, Topics.AVAILABILITY },
			groupId = "${spring.application.name}-live-${random.uuid}", properties = "auto.offset.reset=latest")
	void on(ConsumerRecord<String, ?> record) {
		if (!sessions.anyone()) {
			return;
		}
		JsonNode event;
		try {
			var value = record.value();
			event = LiveSessions.json.readTree(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
					: String.valueOf(value));
		}
		catch (RuntimeException ex) {
			log.debug("Live updates: unreadable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
			return;
		}
		var type = event.path("type").asString("");
		var payload = event.path("payload");
		try {
			push(type, payload);
		}
		catch (RuntimeException ex) {
			log.warn("Live updates: could not push {} {}: {}", type, event.path("eventId").asString(""), ex.toString());
		}
		var concerned = concerned(payload);
		concerned.removeIf(user -> !sessions.holds(user));
		var eventId = uuid(event.path("eventId"));
		if (eventId != null && !concerned.isEmpty()) {
			lookUp(eventId, concerned, 0);
		}
	}

	private void push(String type, JsonNode payload) {
		if (type.startsWith("Booking")) {
			var frame = new LinkedHashMap<String, Object>();
			frame.put("type", "booking");
			frame.put("event", type);
			frame.put("bookingId", payload.path("bookingId").asString(null));
			frame.put("bookingNumber", payload.path("bookingNumber").asString(null));
			frame.put("status", status(type));
			var meeting = payload.has("to") ? payload.path("to") : payload.path("meeting");
			if (meeting.isObject()) {
				frame.put("startsAt", meeting.path("startsAt").asString(null));
				frame.put("timeZone", meeting.path("timeZone").asString(null));
			}
			var fan = uuid(payload.path("fanId"));
			var celebrity = uuid(meeting.path("celebrityUserId"));
			if (fan != null) {
				sessions.toUser(fan, frame);
			}
			if (celebrity != null && !celebrity.equals(fan)) {
				sessions.toUser(celebrity, frame);
			}
			if ("BookingRequested".equals(type) || "BookingDisputed".equals(type)) {
				sessions.toAdmins(frame);
			}
		}
		else if ("MessageSent".equals(type)) {
			var recipient = uuid(payload.path("recipientId"));
			if (recipient != null) {
				var frame = new LinkedHashMap<String, Object>();
				frame.put("type", "message");
				frame.put("bookingId", payload.path("bookingId").asString(null));
				frame.put("bookingNumber", payload.path("bookingNumber").asString(null));
				frame.put("messageId", payload.path("messageId").asString(null));
				frame.put("senderId", payload.path("senderId").asString(null));
				frame.put("senderRole", payload.path("senderRole").asString(null));
				frame.put("text", payload.path("text").asString(null));
				frame.put("sentAt", payload.path("sentAt").asString(null));
				sessions.toUser(recipient, frame);
			}
		}
		else if (type.startsWith("Payment")) {
			var fan = uuid(payload.path("fanId"));
			if (fan != null) {
				var frame = new LinkedHashMap<String, Object>();
				frame.put("type", "payment");
				frame.put("event", type);
				frame.put("bookingId", payload.path("bookingId").asString(null));
				frame.put("paymentId", payload.path("paymentId").asString(null));
				frame.put("status", "PaymentSucceeded".equals(type) ? "SUCCEEDED"
						: "PaymentRefunded".equals(type) ? "REFUNDED" : type.substring("Payment".length()).toUpperCase());
				sessions.toUser(fan, frame);
			}
		}
		else if ("AvailabilityChanged".equals(type)) {
			var celebrity = uuid(payload.path("celebrityId"));
			if (celebrity != null) {
				var frame = new LinkedHashMap<String, Object>();
				frame.put("type", "availability");
				frame.put("topic", "availability:" + celebrity);
				frame.put("celebrityId", celebrity);
				frame.put("locations", payload.path("locations"));
				sessions.toAvailabilitySubscribers(celebrity, frame);
			}
		}
	}

	/**
	 * The booking's status after the event, as booking-service's API spells it (ARCHITECTURE.md "Booking states", lower
	 * case; a reschedule keeps it confirmed).
	 */
	static String status(String type) {
		return switch (type) {
			case "BookingRequested" -> "pending";
			case "BookingConfirmed", "BookingRescheduled" -> "confirmed";
			case "BookingExpired" -> "expired";
			case "BookingCanceled" -> "canceled";
			case "BookingCompleted" -> "completed";
			case "BookingDisputed" -> "disputed";
			default -> type.substring("Booking".length()).toLowerCase(java.util.Locale.ROOT);
		};
	}

	/** The accounts an event may have made an in-app notification for. */
	private static Set<UUID> concerned(JsonNode payload) {
		var users = new HashSet<UUID>();
		for (var field : new String[] { "fanId", "recipientId", "userId" }) {
			var id = uuid(payload.path(field));
			if (id != null) {
				users.add(id);
			}
		}
		for (var meeting : new String[] { "meeting", "to" }) {
			var id = uuid(payload.path(meeting).path("celebrityUserId"));
			if (id != null) {
				users.add(id);
			}
		}
		return users;
	}

	/** Pushes the event's in-app notifications to {@code waiting} users as they appear; gives up after the last try. */
	private void lookUp(UUID eventId, Set<UUID> waiting, int attempt) {
		sessions.scheduler().schedule(() -> {
			try {
				for (var notification : inApp.ofEvent(eventId)) {
					if (waiting.remove(notification.userId())) {
						sessions.toUser(notification.userId(),
								notificationFrame(notification.id(), notification.type(), notification.title(),
										notification.body(), notification.link(), notification.createdAt(),
										notification.readAt(), inApp.count(notification.userId(), true)));
					}
				}
			}
			catch (RuntimeException ex) {
				log.debug("Live updates: in-app look-up of {} failed: {}", eventId, ex.toString());
			}
			if (!waiting.isEmpty() && attempt + 1 < LOOKUPS.length) {
				lookUp(eventId, waiting, attempt + 1);
			}
		}, attempt == 0 ? LOOKUPS[0] : LOOKUPS[attempt] - LOOKUPS[attempt - 1], TimeUnit.MILLISECONDS);
	}

	static Map<String, Object> notificationFrame(UUID id, String type, String title, String body,
			@Nullable String link, Instant createdAt, @Nullable Instant readAt, long unreadCount) {
		var frame = new LinkedHashMap<String, Object>();
		frame.put("type", "notification");
		frame.put("id", id);
		frame.put("notificationType", type);
		frame.put("title", title);
		frame.put("body", body);
		frame.put("link", link);
		frame.put("createdAt", createdAt);
		frame.put("readAt", readAt);
		frame.put("unreadCount", unreadCount);
		return frame;
	}

	private static @Nullable UUID uuid(JsonNode node) {
		if (!node.isString()) {
			return null;
		}
		try {
			return UUID.fromString(node.asString());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}

package com.starrymeet.notification.live;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.starrymeet.notification.inapp.InAppNotifications;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;

/**
 * The frames of {@code /v1/ws}. The first must be {@code {"type":"auth","token":"<access token>"}} within
 * {@link #AUTH_DEADLINE}, checked by the same {@link JwtDecoder} as the REST API (issuer, audience, signature,
 * expiry); anything else closes with {@link #UNAUTHORIZED} (4401). The session closes itself at the token's
 * {@code exp}, or within a heartbeat of its revocation ({@link LiveUpkeep}): a client
 * reconnects with a fresh token. After {@code ready}: {@code subscribe} / {@code unsubscribe}
 * to {@code availability:<celebrityId>}, {@code resume} with {@code since} (the in-app notifications stored after
 * it, oldest first), {@code ping}.
 */
@Component
class LiveSocketHandler extends TextWebSocketHandler {

	private static final Logger log = LoggerFactory.getLogger(LiveSocketHandler.class);

	static final Duration AUTH_DEADLINE = Duration.ofSeconds(10);

	static final int UNAUTHORIZED = 4401;

	/** Standard close code 1013: the revocation keys could not be read (Redis down); the client retries later. */
	static final int TRY_AGAIN_LATER = 1013;

	static final int RESUME_LIMIT = 200;

	private final JwtDecoder jwt;

	private final LiveSessions sessions;

	private final InAppNotifications inApp;

	private final LiveUpkeep upkeep;

	private final Presence presence;

	/** Sessions opened but not yet authenticated, by id: the decorated (thread-safe) session. */
	private final Map<String, WebSocketSession> pending = new ConcurrentHashMap<>();

	LiveSocketHandler(JwtDecoder jwt, LiveSessions sessions, InAppNotifications inApp, LiveUpkeep upkeep,
			Presence presence) {
		this.jwt = jwt;
		this.sessions = sessions;
		this.inApp = inApp;
		this.upkeep = upkeep;
		this.presence = presence;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession raw) {
		var session = new ConcurrentWebSocketSessionDecorator(raw, 5_000, 512 * 1024);
		pending.put(raw.getId(), session);
		sessions.scheduler().schedule(() -> {
			if (pending.remove(raw.getId()) != null) {
				close(session, UNAUTHORIZED, "authenticate first: no auth frame within 10 s");
			}
		}, AUTH_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	protected void handleTextMessage(WebSocketSession raw, TextMessage message) {
		JsonNode frame;
		try {
			frame = LiveSessions.json.readTree(message.getPayload());
		}
		catch (RuntimeException ex) {
			frame = null;
		}
		var type = frame == null || !frame.isObject() ? "" : frame.path("type").asString("");
		var waiting = pending.remove(raw.getId());
		if (waiting != null) {
			authenticate(waiting, type, frame);
			return;
		}
		var live = sessions.get(raw);
		if (live == null) {
			return; // closed meanwhile
		}
		switch (type) {
			case "subscribe", "unsubscribe" -> subscribe(live, type, frame.path("topic").asString(""));
			case "resume" -> resume(live, frame.path("since").asString(""));
			case "ping" -> LiveSessions.send(live.session(), Map.of("type", "pong"));
			default -> error(live.session(), "UNKNOWN_FRAME", "Unknown frame type '" + type + "'");
		}
	}

	private void authenticate(WebSocketSession session, String type, @Nullable JsonNode frame) {
		if (!"auth".equals(type) || frame == null || !frame.path("token").isString()) {
			close(session, UNAUTHORIZED, "authenticate first: {\"type\":\"auth\",\"token\":...}");
			return;
		}
		org.springframework.security.oauth2.jwt.Jwt token;
		UUID userId;
		try {
			token = jwt.decode(frame.path("token").asString());
			userId = UUID.fromString(token.getSubject());
		}
		catch (JwtException | IllegalArgumentException | NullPointerException ex) {
			close(session, UNAUTHORIZED, "invalid or expired token");
			return;
		}
		var expiresAt = token.getExpiresAt();
		if (expiresAt == null) {
			close(session, UNAUTHORIZED, "token without expiry");
			return;
		}
		try {
			if (upkeep.revoked(token.getId(), userId, token.getIssuedAt())) {
				close(session, UNAUTHORIZED, "token revoked");
				return;
			}
		}
		catch (RuntimeException ex) {
			log.warn("WebSocket connect refused: revocation unknown (Redis: {})", ex.toString());
			close(session, TRY_AGAIN_LATER, "try again later");
			return;
		}
		var admin = "ADMIN".equals(token.getClaimAsString("role"));
		var live = new LiveSessions.Live(session, userId, admin, ConcurrentHashMap.newKeySet(),
				Objects.requireNonNull(token.getId()), token.getIssuedAt());
		sessions.add(live);
		if (!session.isOpen()) {
			// closed while the token was being checked: afterConnectionClosed found nothing to forget
			forget(session);
			return;
		}
		try {
			presence.renew(List.of(userId));
		}
		catch (RuntimeException ex) {
			log.warn("Presence of {} not recorded (Redis: {})", userId, ex.toString());
		}
		long untilExpiry = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
		sessions.scheduler()
			.schedule(() -> close(session, UNAUTHORIZED, "token expired"), untilExpiry, TimeUnit.MILLISECONDS);
		var ready = new LinkedHashMap<String, Object>();
		ready.put("type", "ready");
		ready.put("userId", userId);
		ready.put("role", token.getClaimAsString("role"));
		ready.put("unreadCount", inApp.count(userId, true));
		ready.put("expiresAt", expiresAt);
		LiveSessions.send(session, ready);
	}

	private void subscribe(LiveSessions.Live live, String type, String topic) {
		UUID celebrityId = null;
		if (topic.startsWith("availability:")) {
			try {
				celebrityId = UUID.fromString(topic.substring("availability:".length()));
			}
			catch (IllegalArgumentException ex) {
				celebrityId = null;
			}
		}
		if (celebrityId == null) {
			error(live.session(), "UNKNOWN_TOPIC", "Topics: availability:<celebrityId>");
			return;
		}
		if ("subscribe".equals(type)) {
			live.availability().add(celebrityId);
		}
		else {
			live.availability().remove(celebrityId);
		}
		LiveSessions.send(live.session(), Map.of("type", type + "d", "topic", topic));
	}

	private void resume(LiveSessions.Live live, String since) {
		Instant from;
		try {
			from = Instant.parse(since);
		}
		catch (DateTimeParseException ex) {
			error(live.session(), "VALIDATION_FAILED", "since must be an ISO-8601 instant");
			return;
		}
		var missed = inApp.since(live.userId(), from, RESUME_LIMIT);
		long unread = inApp.count(live.userId(), true);
		for (var notification : missed) {
			LiveSessions.send(live.session(), LiveEvents.notificationFrame(notification.id(), notification.type(),
					notification.title(), notification.body(), notification.link(), notification.createdAt(),
					notification.readAt(), unread));
		}
		LiveSessions.send(live.session(), Map.of("type", "resumed", "count", missed.size(), "unreadCount", unread));
	}

	private static void error(WebSocketSession session, String code, String detail) {
		LiveSessions.send(session, Map.of("type", "error", "code", code, "detail", detail));
	}

	private static void close(WebSocketSession session, int code, String reason) {
		LiveSessions.close(session, code, reason);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		pending.remove(session.getId());
		forget(session);
	}

	private void forget(WebSocketSession session) {
		var lastOfUser = sessions.remove(session);
		if (lastOfUser != null) {
			presence.gone(lastOfUser);
			// a session of the same user opened here meanwhile: vouch for it again
			if (sessions.holds(lastOfUser)) {
				presence.renew(List.of(lastOfUser));
			}
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		log.debug("WebSocket transport error on {}: {}", session.getId(), exception.toString());
	}
}

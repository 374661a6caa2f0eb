package com.starrymeet.notification.live;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authenticated sessions this instance holds, by user, the admins', and the availability subscriptions. Other
 * instances hold other sessions: each delivers what it consumes to its own only.
 */
@Component
class LiveSessions {

	private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);

	static final JsonMapper json = new JsonMapper();

	/**
	 * One connected, authenticated client. {@code session} is already thread-safe for sending (decorated); {@code jti}
	 * and {@code issuedAt} are its token's, read again every heartbeat against the revocation keys.
	 */
	record Live(WebSocketSession session, UUID userId, boolean admin, Set<UUID> availability, String jti,
			@Nullable Instant issuedAt) {
	}

	private final Map<String, Live> bySession = new ConcurrentHashMap<>();

	/** Auth deadlines, closes at the token's expiry, in-app look-ups: small, short tasks. */
	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2,
			Thread.ofPlatform().name("live-", 0).daemon().factory());

	ScheduledExecutorService scheduler() {
		return scheduler;
	}

	@PreDestroy
	void stop() {
		scheduler.shutdownNow();
	}

	void add(Live live) {
		bySession.put(live.session().getId(), live);
	}

	/** Forgets a closed session; answers the user whose last session here it was, if so. */
	@Nullable UUID remove(WebSocketSession session) {
		var live = bySession.remove(session.getId());
		return live != null && !holds(live.userId()) ? live.userId() : null;
	}

	List<Live> all() {
		return List.copyOf(bySession.values());
	}

	Set<UUID> users() {
		return bySession.values().stream().map(Live::userId).collect(Collectors.toSet());
	}

	Live get(WebSocketSession session) {
		return bySession.get(session.getId());
	}

	boolean anyone() {
		return !bySession.isEmpty();
	}

	boolean holds(UUID userId) {
		return bySession.values().stream().anyMatch(l -> l.userId().equals(userId));
	}

	void toUser(UUID userId, Map<String, ?> frame) {
		send(bySession.values().stream().filter(l -> l.userId().equals(userId)).toList(), frame);
	}

	void toAdmins(Map<String, ?> frame) {
		send(bySession.values().stream().filter(Live::admin).toList(), frame);
	}

	void toAvailabilitySubscribers(UUID celebrityId, Map<String, ?> frame) {
		send(bySession.values().stream().filter(l -> l.availability().contains(celebrityId)).toList(), frame);
	}

	static void send(WebSocketSession session, Map<String, ?> frame) {
		if (!session.isOpen()) {
			return;
		}
		try {
			session.sendMessage(new TextMessage(json.writeValueAsString(frame)));
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Could not push to WebSocket session {}: {}", session.getId(), ex.toString());
		}
	}

	static void close(WebSocketSession session, int code, String reason) {
		try {
			if (session.isOpen()) {
				session.close(new CloseStatus(code, reason));
			}
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Closing WebSocket session {}: {}", session.getId(), ex.toString());
		}
	}

	private static void send(List<Live> to, Map<String, ?> frame) {
		to.forEach(live -> send(live.session(), frame));
	}
}

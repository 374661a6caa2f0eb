package com.starrymeet.notification.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import com.starrymeet.common.security.RevokedTokens;
import com.starrymeet.notification.NotificationSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the sessions this instance holds honest after they authenticated: every heartbeat it reads the revocation
 * keys of their tokens (user-service's deny-list and not-before, {@link RevokedTokens}; one {@code MGET} per 500
 * sessions) and closes the revoked ones with 4401 — a logout, suspension, password reset or deletion ends the
 * socket within a heartbeat, not at the token's {@code exp} — then renews the {@link Presence} of the users still
 * connected. At connect the same keys are read for the one token ({@link #revoked}). When Redis cannot be read for
 * {@link #MAX_UNCHECKED_BEATS} heartbeats in a row, every session here is closed with 1013 (fail closed, as connecting
 * is): a revoked token never keeps its socket through a Redis outage.
 */
@Component
class LiveUpkeep {

	private static final Logger log = LoggerFactory.getLogger(LiveUpkeep.class);

	static final int BATCH = 500;

	/** Heartbeats in a row without a revocation check after which every session here is closed (fail closed). */
	static final int MAX_UNCHECKED_BEATS = 3;

	/** Only the scheduler's heartbeat task touches it (one at a time: fixed delay). */
	private int failedChecks;

	private final LiveSessions sessions;

	private final Presence presence;

	private final StringRedisTemplate redis;

	private final long heartbeatMillis;

	LiveUpkeep(LiveSessions sessions, Presence presence, StringRedisTemplate redis, NotificationSettings settings) {
		this.sessions = sessions;
		this.presence = presence;
		this.redis = redis;
		this.heartbeatMillis = Math.max(100, settings.live().heartbeat().toMillis());
	}

	/** On a graceful stop: this instance's sessions end with it, so it stops vouching for their users. */
	@PreDestroy
	void stop() {
		presence.goneAll(sessions.users());
	}

	@PostConstruct
	void start() {
		sessions.scheduler().scheduleWithFixedDelay(this::beat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Whether the token is revoked now. Throws when Redis cannot say: the caller refuses the connection (fail closed,
	 * as the gateway does for the REST API).
	 */
	boolean revoked(@Nullable String jti, UUID userId, @Nullable Instant issuedAt) {
		if (jti == null) {
			return true; // user-service always issues one; a token without it cannot be deny-listed
		}
		var values = redis.opsForValue().multiGet(RevokedTokens.keys(jti, userId));
		if (values == null || values.size() != 2) {
			throw new IllegalStateException("MGET of 2 keys answered " + values);
		}
		return RevokedTokens.revoked(values.get(0), values.get(1), issuedAt);
	}

	void beat() {
		// entries of sessions that closed without a callback reaching us are dropped, and their users' presence too
		for (var stale : sessions.all()) {
			if (!stale.session().isOpen()) {
				var lastOfUser = sessions.remove(stale.session());
				if (lastOfUser != null) {
					presence.gone(lastOfUser);
				}
			}
		}
		var live = sessions.all();
		if (live.isEmpty()) {
			failedChecks = 0;
			return;
		}
		try {
			closeRevoked(live);
			failedChecks = 0;
		}
		catch (RuntimeException ex) {
			failedChecks++;
			if (failedChecks >= MAX_UNCHECKED_BEATS) {
				// revocations unknown for too long: fail closed, as connecting does (1013; clients reconnect once
				// Redis answers again)
				log.warn("Live sessions: revocations unchecked for {} heartbeats (Redis: {}); closing {} sessions",
						failedChecks, ex.toString(), live.size());
				live.forEach(l -> LiveSessions.close(l.session(), LiveSocketHandler.TRY_AGAIN_LATER, "try again later"));
			}
			else {
				log.warn("Live sessions: revocations not checked this heartbeat (Redis: {})", ex.toString());
			}
		}
		var users = sessions.users();
		try {
			presence.renew(users);
			// a user whose last session closed while this renewal was on its way must not stay online
			users.stream().filter(user -> !sessions.holds(user)).forEach(presence::gone);
		}
		catch (RuntimeException ex) {
			log.warn("Live sessions: presence not renewed this heartbeat (Redis: {})", ex.toString());
		}
	}

	private void closeRevoked(List<LiveSessions.Live> live) {
		for (int from = 0; from < live.size(); from += BATCH) {
			var batch = live.subList(from, Math.min(live.size(), from + BATCH));
			var keys = new ArrayList<String>(2 * batch.size());
			batch.forEach(l -> keys.addAll(RevokedTokens.keys(l.jti(), l.userId())));
			List<@Nullable String> values = redis.opsForValue().multiGet(keys);
			if (values == null || values.size() != keys.size()) {
				throw new IllegalStateException("MGET of " + keys.size() + " keys answered " + values);
			}
			for (int i = 0; i < batch.size(); i++) {
				var session = batch.get(i);
				if (RevokedTokens.revoked(values.get(2 * i), values.get(2 * i + 1), session.issuedAt())) {
					LiveSessions.close(session.session(), LiveSocketHandler.UNAUTHORIZED, "token revoked");
				}
			}
		}
	}
}

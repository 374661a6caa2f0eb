package com.starrymeet.notification.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;

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
 * connected. At connect the same keys are read for the one token ({@link #revoked}).
 */
@Component
class LiveUpkeep {

	private static final Logger log = LoggerFactory.getLogger(LiveUpkeep.class);

	static final int BATCH = 500;

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
		var live = sessions.all();
		if (live.isEmpty()) {
			return;
		}
		try {
			closeRevoked(live);
		}
		catch (RuntimeException ex) {
			// the sessions were checked at connect; they stay open until Redis answers again or their tokens expire
			log.warn("Live sessions: revocations not checked this heartbeat (Redis: {})", ex.toString());
		}
		try {
			presence.renew(sessions.users());
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

package com.starrymeet.notification.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import com.starrymeet.notification.NotificationSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Who has a live session, across instances: a Redis hash per user ({@code live:presence:<userId>}), one field per
 * instance holding a session of theirs, its value the epoch second until which that instance vouches for them. Each
 * instance renews its users every heartbeat and removes its field when a user's last session here closes; a crashed
 * instance's fields simply run out.
 */
@Component
public class Presence {

	static final String PREFIX = "live:presence:";

	private static final Logger log = LoggerFactory.getLogger(Presence.class);

	private final StringRedisTemplate redis;

	private final long ttlSeconds;

	/** This process: one field in each hash. */
	private final String instance = UUID.randomUUID().toString();

	Presence(StringRedisTemplate redis, NotificationSettings settings) {
		this.redis = redis;
		this.ttlSeconds = Math.max(1, settings.live().presenceTtl().toSeconds());
	}

	/**
	 * Whether the user has a live session on any instance. When Redis cannot say, {@code false}: an e-mail too many
	 * rather than a message nobody hears of.
	 */
	public boolean online(UUID userId) {
		try {
			long now = Instant.now().getEpochSecond();
			return redis.<String, String>opsForHash()
				.values(PREFIX + userId)
				.stream()
				.anyMatch(until -> seconds(until) > now);
		}
		catch (RuntimeException ex) {
			log.warn("Presence of {} unknown (Redis: {}); treating them as offline", userId, ex.toString());
			return false;
		}
	}

	/** This instance holds sessions of these users: vouch for them for another TTL (one round trip). */
	void renew(Collection<UUID> users) {
		if (users.isEmpty()) {
			return;
		}
		var until = Long.toString(Instant.now().getEpochSecond() + this.ttlSeconds);
		var expiry = Duration.ofSeconds(2 * this.ttlSeconds);
		redis.executePipelined(new SessionCallback<Object>() {
			@Override
			@SuppressWarnings("unchecked")
			public <K, V> @Nullable Object execute(RedisOperations<K, V> operations) {
				var strings = (RedisOperations<String, String>) operations;
				for (var user : users) {
					strings.opsForHash().put(PREFIX + user, instance, until);
					strings.expire(PREFIX + user, expiry);
				}
				return null;
			}
		});
	}

	/** Withdraws this instance's word for these users (it stops: its sessions end with it). */
	void goneAll(Collection<UUID> users) {
		users.forEach(this::gone);
	}

	/** The user's last session on this instance closed. */
	void gone(UUID userId) {
		try {
			redis.opsForHash().delete(PREFIX + userId, this.instance);
		}
		catch (RuntimeException ex) {
			log.debug("Presence of {} not withdrawn (Redis: {}); it runs out by itself", userId, ex.toString());
		}
	}

	private static long seconds(String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}
}

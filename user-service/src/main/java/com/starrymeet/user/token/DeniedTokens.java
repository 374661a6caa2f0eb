package com.starrymeet.user.token;

import java.time.Duration;
import java.time.Instant;

import com.starrymeet.common.security.RevokedTokens;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The access-token deny-list in Redis, read by the gateway: {@code denied:jti:<jti>}, kept until the token
 * would have expired anyway.
 */
@Component
public class DeniedTokens {

	public static final String PREFIX = RevokedTokens.DENIED_PREFIX;

	private final StringRedisTemplate redis;

	DeniedTokens(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Deny-lists the token until it would have expired anyway. */
	public void deny(PresentedAccessToken token) {
		var ttl = Duration.between(Instant.now(), token.expiresAt());
		if (ttl.isNegative() || ttl.isZero()) {
			return; // already expired: nothing to deny
		}
		redis.opsForValue().set(PREFIX + token.jti(), "1", ttl);
	}
}

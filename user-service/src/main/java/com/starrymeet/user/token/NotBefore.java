package com.starrymeet.user.token;

import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.security.RevokedTokens;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Cuts off every live access token of a user, read by the gateway: {@code auth:not-before:<userId>} = epoch
 * seconds; a token whose {@code iat} is earlier is rejected. Kept for {@link AccessTokens#LIFETIME}, after which
 * every earlier token has expired anyway. Written on suspension, password reset and account deletion.
 */
@Component
public class NotBefore {

	public static final String PREFIX = RevokedTokens.NOT_BEFORE_PREFIX;

	private final StringRedisTemplate redis;

	NotBefore(StringRedisTemplate redis) {
		this.redis = redis;
	}

	public void cutOff(UUID userId) {
		redis.opsForValue()
			.set(PREFIX + userId, Long.toString(Instant.now().getEpochSecond()), AccessTokens.LIFETIME);
	}
}

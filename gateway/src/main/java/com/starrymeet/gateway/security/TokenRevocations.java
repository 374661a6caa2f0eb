package com.starrymeet.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import com.starrymeet.gateway.GatewaySettings;

/**
 * Whether a verified access token was revoked, from the keys user-service writes in Redis, in one
 * round trip ({@code MGET}): {@code denied:jti:<jti>} (the token was logged out) and
 * {@code auth:not-before:<userId>} (epoch seconds; a token whose {@code iat} is earlier was issued
 * before a suspension, password reset or deletion). Errors (Redis unreachable) are passed on: the
 * caller decides whether to fail open or closed.
 */
@Component
class TokenRevocations {

	static final String DENIED_PREFIX = "denied:jti:";

	static final String NOT_BEFORE_PREFIX = "auth:not-before:";

	private static final Logger log = LoggerFactory.getLogger(TokenRevocations.class);

	enum Verdict {

		ACTIVE, REVOKED

	}

	private final ReactiveStringRedisTemplate redis;

	private final Duration timeout;

	TokenRevocations(ReactiveStringRedisTemplate redis, GatewaySettings settings) {
		this.redis = redis;
		// Lettuce's command timeout should fire first; this is the backstop
		this.timeout = settings.redis().timeout().multipliedBy(2);
	}

	Mono<Verdict> check(Jwt jwt) {
		String jti = jwt.getId();
		String subject = jwt.getSubject();
		if (jti == null || subject == null) {
			return Mono.just(Verdict.REVOKED); // the decoder requires both; never trust a token without them
		}
		return redis.opsForValue()
			.multiGet(List.of(DENIED_PREFIX + jti, NOT_BEFORE_PREFIX + subject))
			.timeout(timeout)
			.map((values) -> verdict(jwt, values));
	}

	private static Verdict verdict(Jwt jwt, List<@Nullable String> values) {
		if (values.size() != 2) {
			throw new IllegalStateException("MGET of 2 keys answered " + values.size() + " values");
		}
		if (values.get(0) != null) {
			return Verdict.REVOKED;
		}
		String notBefore = values.get(1);
		if (notBefore == null) {
			return Verdict.ACTIVE;
		}
		Instant issuedAt = jwt.getIssuedAt();
		try {
			long notBeforeSeconds = Long.parseLong(notBefore.trim());
			return (issuedAt != null && issuedAt.getEpochSecond() >= notBeforeSeconds) ? Verdict.ACTIVE
					: Verdict.REVOKED;
		}
		catch (NumberFormatException ex) {
			log.warn("{}{} is not epoch seconds; rejecting the user's tokens", NOT_BEFORE_PREFIX,
					jwt.getSubject());
			return Verdict.REVOKED;
		}
	}

}

package com.starrymeet.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Verifies each distinct access token once: a verified token is kept (bounded, keyed by the token
 * string) until its {@code exp}, so the signature and claims are not checked again on every request.
 * Only successes are cached. Revocation is not decided here: the deny-list and the user's not-before
 * are checked on every request by {@link TokenRevocationWebFilter}.
 */
public final class CachingJwtDecoder implements ReactiveJwtDecoder {

	private final ReactiveJwtDecoder delegate;

	private final Clock clock;

	private final Cache<String, Jwt> verified;

	private final LongAdder verifications = new LongAdder();

	CachingJwtDecoder(ReactiveJwtDecoder delegate, long maximumSize, Clock clock, Ticker ticker) {
		this.delegate = delegate;
		this.clock = clock;
		this.verified = Caffeine.newBuilder().maximumSize(maximumSize).ticker(ticker).expireAfter(new UntilExpiry()).build();
	}

	@Override
	public Mono<Jwt> decode(String token) {
		Jwt cached = verified.getIfPresent(token);
		if (cached != null && isLive(cached)) {
			return Mono.just(cached);
		}
		return Mono.defer(() -> {
			verifications.increment();
			return delegate.decode(token);
		}).doOnNext((jwt) -> {
			if (isLive(jwt)) {
				verified.put(token, jwt);
			}
		});
	}

	/** How many times a token was actually verified (cache misses). */
	public long verifications() {
		return verifications.sum();
	}

	private boolean isLive(Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		return expiresAt != null && clock.instant().isBefore(expiresAt);
	}

	private final class UntilExpiry implements Expiry<String, Jwt> {

		@Override
		public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
			Instant expiresAt = jwt.getExpiresAt();
			if (expiresAt == null) {
				return 0;
			}
			return Math.max(0, Duration.between(clock.instant(), expiresAt).toNanos());
		}

		@Override
		public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
			return expireAfterCreate(token, jwt, currentTime);
		}

		@Override
		public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}

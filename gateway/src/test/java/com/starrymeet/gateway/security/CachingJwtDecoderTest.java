package com.starrymeet.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verified-token cache: hits skip verification, entries die at the token's {@code exp}, failures are not cached. */
class CachingJwtDecoderTest {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T10:00:00Z"));

	private final Clock clock = new Clock() {
		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now.get();
		}
	};

	private final AtomicInteger delegateCalls = new AtomicInteger();

	@Test
	void verifiesEachTokenOnceUntilItExpires() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(this::fakeVerify, 100, clock,
				() -> Duration.between(Instant.EPOCH, now.get()).toNanos());

		decoder.decode("a").block();
		decoder.decode("a").block();
		decoder.decode("b").block();
		assertThat(delegateCalls).hasValue(2);
		assertThat(decoder.verifications()).isEqualTo(2);

		now.set(now.get().plus(Duration.ofMinutes(15)).plusSeconds(1));
		assertThatThrownBy(() -> decoder.decode("a").block()).isInstanceOf(BadJwtException.class);
		assertThat(delegateCalls).hasValue(3);
	}

	@Test
	void failuresAreNotCached() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(this::fakeVerify, 100, clock, () -> 0L);

		assertThatThrownBy(() -> decoder.decode("bad").block()).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> decoder.decode("bad").block()).isInstanceOf(BadJwtException.class);
		assertThat(delegateCalls).hasValue(2);
	}

	private final Instant issuedAt = Instant.parse("2026-01-01T10:00:00Z");

	/** "bad" never verifies; others verify while 15 minutes after 10:00 have not passed. */
	private Mono<Jwt> fakeVerify(String token) {
		delegateCalls.incrementAndGet();
		Instant expiresAt = issuedAt.plus(Duration.ofMinutes(15));
		if (token.equals("bad") || !now.get().isBefore(expiresAt)) {
			return Mono.error(new BadJwtException("invalid"));
		}
		return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("u").issuedAt(issuedAt)
			.expiresAt(expiresAt).build());
	}

}

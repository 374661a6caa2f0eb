package com.starrymeet.gateway.security;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The signing keys of user-service, fetched from its JWKS and kept in memory. The set is fetched
 * again when it is older than the refresh interval, or when a token names a key the set does not
 * hold (key rotation) — but then at most once per minimum refetch interval, so tokens with made-up
 * {@code kid}s cannot make the gateway hammer user-service.
 */
final class JwkSetSource implements Function<SignedJWT, Flux<JWK>> {

	private record Fetched(JWKSet keys, Instant at) {
	}

	private final WebClient client;

	private final URI uri;

	private final Duration refreshInterval;

	private final Duration minRefetchInterval;

	private final Clock clock;

	private final AtomicReference<@Nullable Fetched> current = new AtomicReference<>();

	private final LongAdder fetches = new LongAdder();

	JwkSetSource(WebClient client, URI uri, Duration refreshInterval, Duration minRefetchInterval, Clock clock) {
		this.client = client;
		this.uri = uri;
		this.refreshInterval = refreshInterval;
		this.minRefetchInterval = minRefetchInterval;
		this.clock = clock;
	}

	@Override
	public Flux<JWK> apply(SignedJWT jwt) {
		JWKMatcher matcher = JWKMatcher.forJWSHeader(jwt.getHeader());
		if (matcher == null) {
			return Flux.empty();
		}
		JWKSelector selector = new JWKSelector(matcher);
		Fetched fetched = current.get();
		Instant now = clock.instant();
		if (fetched != null && now.isBefore(fetched.at().plus(refreshInterval))) {
			List<JWK> found = selector.select(fetched.keys());
			if (!found.isEmpty() || now.isBefore(fetched.at().plus(minRefetchInterval))) {
				return Flux.fromIterable(found);
			}
		}
		return fetch().flatMapIterable(selector::select);
	}

	/** How many times the JWKS was fetched. */
	long fetches() {
		return fetches.sum();
	}

	private Mono<JWKSet> fetch() {
		return Mono.defer(() -> {
			fetches.increment();
			return client.get().uri(uri).retrieve().bodyToMono(String.class);
		}).map(JwkSetSource::parse).doOnNext((keys) -> current.set(new Fetched(keys, clock.instant())));
	}

	private static JWKSet parse(String json) {
		try {
			return JWKSet.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("The JWKS is not a valid JWK set", ex);
		}
	}

}

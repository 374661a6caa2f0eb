package com.starrymeet.gateway.security;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.starrymeet.gateway.GatewaySettings;
import com.starrymeet.gateway.error.GatewayProblem;
import com.starrymeet.gateway.error.ProblemWriter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Runs right after bearer authentication, on every request that carries a verified token: a
 * revoked token is 401 {@code TOKEN_REVOKED}. When Redis cannot answer, safe methods (GET, HEAD,
 * OPTIONS) go on — the token is still signed, unexpired and at most 15 minutes old, and reads should
 * survive a Redis outage — while every other method is 503, so a logged-out or suspended user's
 * token cannot change anything while the deny-list is unreadable.
 */
class TokenRevocationWebFilter implements WebFilter {

	private static final Logger log = LoggerFactory.getLogger(TokenRevocationWebFilter.class);

	private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

	private static final long WARN_EVERY_NANOS = 10_000_000_000L;

	private final TokenRevocations revocations;

	private final SecurityProblems securityProblems;

	private final ProblemWriter problems;

	private final long retryAfterSeconds;

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

	TokenRevocationWebFilter(TokenRevocations revocations, SecurityProblems securityProblems, ProblemWriter problems,
			GatewaySettings settings) {
		this.revocations = revocations;
		this.securityProblems = securityProblems;
		this.problems = problems;
		this.retryAfterSeconds = GatewayProblem.retryAfterSeconds(settings.redis().unavailableRetryAfter());
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.filter(JwtAuthenticationToken.class::isInstance)
			.cast(JwtAuthenticationToken.class)
			.flatMap((authentication) -> revocations.check(authentication.getToken())
				.map(Outcome::of)
				.onErrorResume((error) -> Mono.just(new Outcome(null, error))))
			.defaultIfEmpty(Outcome.ANONYMOUS)
			.flatMap((outcome) -> {
				if (outcome.error() != null) {
					return unavailable(exchange, chain, outcome.error());
				}
				if (outcome.verdict() == TokenRevocations.Verdict.REVOKED) {
					return securityProblems.commence(exchange, new TokenRevokedException());
				}
				return chain.filter(exchange);
			});
	}

	/** The verdict on the request's token; neither for a request without one; the error if Redis failed. */
	private record Outcome(TokenRevocations.@Nullable Verdict verdict, @Nullable Throwable error) {

		static final Outcome ANONYMOUS = new Outcome(null, null);

		static Outcome of(TokenRevocations.Verdict verdict) {
			return new Outcome(verdict, null);
		}

	}

	private Mono<Void> unavailable(ServerWebExchange exchange, WebFilterChain chain, Throwable error) {
		boolean safe = SAFE.contains(exchange.getRequest().getMethod());
		warn(error, safe);
		return safe ? chain.filter(exchange)
				: problems.write(exchange, GatewayProblem.serviceUnavailable(null, retryAfterSeconds));
	}

	private void warn(Throwable error, boolean safe) {
		long now = System.nanoTime();
		long last = lastWarning.get();
		if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
			log.warn("Token deny-list unreadable ({}); {}", error.toString(),
					safe ? "letting safe requests through" : "refusing unsafe requests with 503");
		}
	}

}

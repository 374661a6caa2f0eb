package com.starrymeet.gateway.ratelimit;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.starrymeet.gateway.GatewaySettings;
import com.starrymeet.gateway.error.GatewayProblem;
import com.starrymeet.gateway.error.ProblemWriter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Token-bucket rate limits in Redis ({@link RedisRateLimiter}, one Lua call per request), after
 * authentication: keyed by the token's {@code sub} when the request carries a verified token, by the
 * client's address otherwise ({@link ClientAddresses}: the socket's peer, or the address a trusted ingress
 * hop put in {@code X-Forwarded-For}). The four sensitive auth
 * endpoints each have their own, tighter bucket; Stripe's webhook has a bucket of its own, always keyed by
 * address (Stripe's deliveries come from a few addresses in bursts, and a fan's requests must never slow them down,
 * nor the other way round); every other request (except actuator) draws on the general bucket. Over the limit: 429 problem+json with {@code Retry-After} and
 * {@code X-RateLimit-Remaining: 0}; allowed responses carry {@code X-RateLimit-Remaining} (requests
 * left in the bucket).
 * <p>
 * Redis unreachable: {@code RedisRateLimiter} then allows the request and reports
 * {@code -1} tokens left. This filter recognises that and fails <em>open</em> for the general bucket
 * (availability of the API over strict limits) but <em>closed</em> for the sensitive auth endpoints:
 * 503 problem+json, so a Redis outage never gives password guessing unlimited tries.
 */
@Component
class RateLimitWebFilter implements WebFilter, Ordered {

	static final String REMAINING_HEADER = "X-RateLimit-Remaining";

	static final String WEBHOOK = "/v1/webhooks/stripe";

	private static final Logger log = LoggerFactory.getLogger(RateLimitWebFilter.class);

	private static final long WARN_EVERY_NANOS = 10_000_000_000L;

	/** A rate-limited class of requests. */
	record Bucket(String id, GatewaySettings.Bucket limits, boolean failClosed) {

		RedisRateLimiter.Config config() {
			return new RedisRateLimiter.Config().setReplenishRate(limits.replenishRate())
				.setBurstCapacity(limits.burstCapacity())
				.setRequestedTokens(limits.requestedTokens());
		}

		/** Seconds until enough tokens for one request have been added to a bucket holding {@code tokensLeft}. */
		long retryAfterSeconds(long tokensLeft) {
			long missing = Math.max(1, limits.requestedTokens() - Math.max(0, tokensLeft));
			long rate = Math.max(1, limits.replenishRate());
			return Math.max(1, (missing + rate - 1) / rate);
		}

	}

	private record Sensitive(String path, Bucket bucket) {
	}

	private final RedisRateLimiter limiter;

	private final ProblemWriter problems;

	private final Bucket general;

	private final Bucket webhook;

	private final List<Sensitive> sensitive;

	private final long unavailableRetryAfterSeconds;

	private final boolean enabled;

	private final ClientAddresses clientAddresses;

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

	RateLimitWebFilter(RedisRateLimiter limiter, ProblemWriter problems, GatewaySettings settings,
			ClientAddresses clientAddresses) {
		this.clientAddresses = clientAddresses;
		this.limiter = limiter;
		this.problems = problems;
		GatewaySettings.RateLimits limits = settings.rateLimits();
		this.general = new Bucket("general", limits.general(), false);
		this.webhook = new Bucket("webhook", limits.webhook(), false);
		this.sensitive = List.of(new Sensitive("/v1/auth/login", new Bucket("auth-login", limits.login(), true)),
				new Sensitive("/v1/auth/register", new Bucket("auth-register", limits.register(), true)),
				new Sensitive("/v1/auth/forgot-password",
						new Bucket("auth-forgot-password", limits.forgotPassword(), true)),
				new Sensitive("/v1/auth/resend-verification",
						new Bucket("auth-resend-verification", limits.resendVerification(), true)));
		limiter.getConfig().put(general.id(), general.config());
		limiter.getConfig().put(webhook.id(), webhook.config());
		sensitive.forEach((s) -> limiter.getConfig().put(s.bucket().id(), s.bucket().config()));
		this.enabled = limits.enabled();
		this.unavailableRetryAfterSeconds = GatewayProblem
			.retryAfterSeconds(settings.redis().unavailableRetryAfter());
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().pathWithinApplication().value();
		if (!enabled || path.startsWith("/actuator/")) {
			return chain.filter(exchange);
		}
		Bucket bucket = bucketFor(request.getMethod(), path);
		if (bucket == webhook) {
			return limiter.isAllowed(bucket.id(), "ip:" + clientAddresses.of(request))
				.flatMap((response) -> apply(exchange, chain, bucket, response));
		}
		return exchange.getPrincipal()
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((principal) -> "user:" + principal.getName())
			.switchIfEmpty(Mono.fromSupplier(() -> "ip:" + clientAddresses.of(request)))
			.flatMap((key) -> limiter.isAllowed(bucket.id(), key))
			.flatMap((response) -> apply(exchange, chain, bucket, response));
	}

	private Mono<Void> apply(ServerWebExchange exchange, WebFilterChain chain, Bucket bucket,
			RateLimiter.Response response) {
		long tokensLeft = tokensLeft(response);
		if (response.isAllowed() && tokensLeft < 0) {
			// RedisRateLimiter's signal for "Redis did not answer"
			warn(bucket);
			return bucket.failClosed()
					? problems.write(exchange, GatewayProblem.serviceUnavailable(null, unavailableRetryAfterSeconds))
					: chain.filter(exchange);
		}
		if (!response.isAllowed()) {
			exchange.getResponse().getHeaders().set(REMAINING_HEADER, "0");
			return problems.write(exchange, GatewayProblem.tooManyRequests(bucket.retryAfterSeconds(tokensLeft)));
		}
		long requestsLeft = tokensLeft / Math.max(1, bucket.limits().requestedTokens());
		exchange.getResponse().getHeaders().set(REMAINING_HEADER, Long.toString(requestsLeft));
		return chain.filter(exchange);
	}

	private Bucket bucketFor(@Nullable HttpMethod method, String path) {
		if (HttpMethod.POST.equals(method)) {
			if (WEBHOOK.equals(path)) {
				return webhook;
			}
			for (Sensitive candidate : sensitive) {
				if (candidate.path().equals(path) || (candidate.path() + "/").equals(path)) {
					return candidate.bucket();
				}
			}
		}
		return general;
	}

	private static long tokensLeft(RateLimiter.Response response) {
		String remaining = response.getHeaders().get(RedisRateLimiter.REMAINING_HEADER);
		if (remaining == null) {
			return -1;
		}
		try {
			return Long.parseLong(remaining);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private void warn(Bucket bucket) {
		long now = System.nanoTime();
		long last = lastWarning.get();
		if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
			log.warn("Rate limiter cannot reach Redis; bucket {} fails {}", bucket.id(),
					bucket.failClosed() ? "closed (503)" : "open");
		}
	}

	/** After Spring Security (-100), so the principal is known; before the gateway's handler. */
	@Override
	public int getOrder() {
		return -50;
	}

}

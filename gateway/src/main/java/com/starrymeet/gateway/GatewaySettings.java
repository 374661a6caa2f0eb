package com.starrymeet.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's own settings ({@code starrymeet.gateway.*}). Defaults live in
 * {@code application.yml}, because the route definitions there refer to the same properties.
 *
 * @param services base URI of each downstream service
 * @param timeouts default per-route timeouts (route metadata refers to them)
 * @param resilience circuit breaker settings shared with the Resilience4j configuration
 * @param health downstream health check settings
 * @param maxRequestBytes largest accepted request body, in bytes
 * @param auth access-token validation
 * @param rateLimits token buckets in Redis
 * @param redis how long the gateway waits for Redis, and what it tells clients when Redis is down
 * @param cors cross-origin settings of browser clients
 * @param trustedProxies networks (CIDR) of the proxies in front of the gateway (the ingress) whose
 *     {@code X-Forwarded-For} entry names the client; empty: the header is never read
 */
@ConfigurationProperties("starrymeet.gateway")
public record GatewaySettings(Services services, Timeouts timeouts, Resilience resilience, Health health,
		long maxRequestBytes, Auth auth, RateLimits rateLimits, Redis redis, Cors cors,
		@org.jspecify.annotations.Nullable List<String> trustedProxies) {

	/** Base URIs of the downstream services; the only place their addresses come from. */
	public record Services(URI user, URI celebrity, URI booking, URI payment, URI notification, URI search,
			URI analytics) {

		/** The services by name, in a stable order. */
		public Map<String, URI> byName() {
			Map<String, URI> byName = new LinkedHashMap<>();
			byName.put("user", user);
			byName.put("celebrity", celebrity);
			byName.put("booking", booking);
			byName.put("payment", payment);
			byName.put("notification", notification);
			byName.put("search", search);
			byName.put("analytics", analytics);
			return byName;
		}

	}

	/**
	 * @param connectMs connect timeout in milliseconds
	 * @param responseMs time to the downstream's response headers in milliseconds
	 */
	public record Timeouts(int connectMs, int responseMs) {
	}

	/** @param openStateWait how long a circuit stays open; also the {@code Retry-After} hint */
	public record Resilience(Duration openStateWait) {
	}

	/** @param timeout how long one downstream readiness check may take */
	public record Health(Duration timeout) {
	}

	/**
	 * @param jwkSetUri where the signing keys are published (user-service's JWKS)
	 * @param issuer required {@code iss}
	 * @param audience required member of {@code aud}
	 * @param clockSkew tolerance on {@code exp} and {@code nbf}
	 * @param tokenCacheSize most verified tokens kept in memory (each until its {@code exp})
	 * @param jwksRefreshInterval age after which the JWKS is fetched again
	 * @param jwksMinRefetchInterval least time between two fetches caused by an unknown {@code kid}
	 */
	public record Auth(URI jwkSetUri, String issuer, String audience, Duration clockSkew, long tokenCacheSize,
			Duration jwksRefreshInterval, Duration jwksMinRefetchInterval) {
	}

	/**
	 * One bucket per rate-limited request class; see {@code README.md}.
	 *
	 * @param general every request except the sensitive auth endpoints and actuator
	 * @param login {@code POST /v1/auth/login}
	 * @param register {@code POST /v1/auth/register}
	 * @param forgotPassword {@code POST /v1/auth/forgot-password}
	 * @param resendVerification {@code POST /v1/auth/resend-verification}
	 * @param enabled false only to measure the bare gateway in the benchmark (bench/run.sh); never in a deployment
	 */
	public record RateLimits(Bucket general, Bucket login, Bucket register, Bucket forgotPassword,
			Bucket resendVerification, Bucket webhook, @org.springframework.boot.context.properties.bind.DefaultValue("true") boolean enabled) {
	}

	/**
	 * A {@code RedisRateLimiter} token bucket. A request costs {@code requestedTokens}; rates under one
	 * request per second are expressed with a cost above 1 (e.g. rate 1, cost 12 = 5 per minute).
	 *
	 * @param replenishRate tokens added per second
	 * @param burstCapacity most tokens the bucket holds
	 * @param requestedTokens tokens one request costs
	 */
	public record Bucket(int replenishRate, long burstCapacity, int requestedTokens) {
	}

	/**
	 * @param timeout Lettuce command and connect timeout (also {@code spring.data.redis.timeout})
	 * @param unavailableRetryAfter {@code Retry-After} of a 503 caused by an unreachable Redis
	 */
	public record Redis(Duration timeout, Duration unavailableRetryAfter) {
	}

	/**
	 * @param allowedOrigins origins allowed to call the API from a browser, with credentials
	 * @param maxAge how long a browser may cache a preflight answer
	 */
	public record Cors(List<String> allowedOrigins, Duration maxAge) {
	}

}

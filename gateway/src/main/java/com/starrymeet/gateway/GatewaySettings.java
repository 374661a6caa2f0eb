package com.starrymeet.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 */
@ConfigurationProperties("starrymeet.gateway")
public record GatewaySettings(Services services, Timeouts timeouts, Resilience resilience, Health health,
		long maxRequestBytes) {

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

}

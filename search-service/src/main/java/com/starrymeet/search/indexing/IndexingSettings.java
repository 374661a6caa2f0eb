package com.starrymeet.search.indexing;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this instance keeps its index in step with the catalog ({@code starrymeet.search.*}).
 *
 * @param instanceId names this instance's Kafka consumer group ({@code search-service-index-<instanceId>});
 *     default: a random id per start. Every instance reads every partition from the positions in its own index.
 * @param commitInterval how often applied changes are committed (made durable with their Kafka positions); they
 *     are searchable at the end of each poll already
 * @param catalogUrl celebrity-service, for reconciliation ({@code /internal/catalog/...})
 * @param availabilityUrl booking-service, for reconciliation of availability ({@code /internal/availability/...})
 * @param reconcile when to reconcile with the catalog
 * @param readyTimeout the longest this instance reports not ready at start while it catches up from Kafka and runs
 *     its first reconciliation
 */
@ConfigurationProperties("starrymeet.search")
public record IndexingSettings(@Nullable String instanceId, @DefaultValue("PT1S") Duration commitInterval,
		@DefaultValue("http://localhost:8082") String catalogUrl,
		@DefaultValue("http://localhost:8083") String availabilityUrl, @DefaultValue Reconcile reconcile,
		@DefaultValue("PT60S") Duration readyTimeout) {

	/**
	 * @param onStart reconcile once the index has caught up from Kafka at start
	 * @param retryAfter after a failed reconciliation (celebrity-service down) or one whose availability part failed
	 *     (booking-service down), try again this much later
	 * @param interval reconcile periodically too; {@code 0} for never
	 * @param connectTimeout connect timeout of every call to celebrity-service and booking-service
	 * @param readTimeout read timeout of every call to celebrity-service and booking-service
	 * @param attempts tries of one call (reads, so retried) before it fails
	 */
	public record Reconcile(@DefaultValue("true") boolean onStart, @DefaultValue("PT30S") Duration retryAfter,
			@DefaultValue("PT1H") Duration interval, @DefaultValue("PT1S") Duration connectTimeout,
			@DefaultValue("PT5S") Duration readTimeout, @DefaultValue("3") int attempts) {
	}
}

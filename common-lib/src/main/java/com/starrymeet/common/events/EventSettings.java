package com.starrymeet.common.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbox redelivery and consumer retry settings.
 *
 * @param redeliveryInterval how often incomplete outbox publications are looked for
 * @param redeliverAfter how old a failed publication must be before it is sent again
 * @param consumerAttempts deliveries of a failing record before it goes to the dead-letter topic
 * @param consumerBackoff pause between those deliveries
 * @param processedRetention how long a consumer remembers an event id it processed (longer than any topic keeps a
 *        record it could redeliver; a compacted snapshot replayed after that is harmless: replicas keep the newest
 *        version)
 * @param housekeepingInterval how often completed outbox publications and old processed-event marks are purged
 */
@ConfigurationProperties("starrymeet.events")
public record EventSettings(@DefaultValue("PT10S") Duration redeliveryInterval,
		@DefaultValue("PT60S") Duration redeliverAfter, @DefaultValue("3") int consumerAttempts,
		@DefaultValue("PT1S") Duration consumerBackoff, @DefaultValue("P30D") Duration processedRetention,
		@DefaultValue("PT1H") Duration housekeepingInterval) {
}

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
 */
@ConfigurationProperties("starrymeet.events")
public record EventSettings(@DefaultValue("PT10S") Duration redeliveryInterval,
		@DefaultValue("PT60S") Duration redeliverAfter, @DefaultValue("3") int consumerAttempts,
		@DefaultValue("PT1S") Duration consumerBackoff) {
}

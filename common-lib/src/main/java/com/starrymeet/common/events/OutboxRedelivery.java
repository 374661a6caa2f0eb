package com.starrymeet.common.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends again what the outbox could not deliver (broker down, timeout): publications marked failed, once
 * they are {@code redeliverAfter} old. Sends that hang are marked failed by Modulith's staleness monitor
 * ({@code spring.modulith.events.staleness.processing}); outstanding ones are republished on restart too.
 * This covers a broker that comes back while the service keeps running.
 */
public class OutboxRedelivery {

	private static final Logger log = LoggerFactory.getLogger(OutboxRedelivery.class);

	private final FailedEventPublications failed;

	private final EventSettings settings;

	public OutboxRedelivery(FailedEventPublications failed, EventSettings settings) {
		this.failed = failed;
		this.settings = settings;
	}

	@Scheduled(fixedDelayString = "${starrymeet.events.redelivery-interval:PT10S}",
			initialDelayString = "${starrymeet.events.redelivery-interval:PT10S}")
	public void redeliver() {
		try {
			failed.resubmit(ResubmissionOptions.defaults().withMinAge(settings.redeliverAfter()));
		}
		catch (RuntimeException ex) {
			log.warn("Outbox redelivery pass failed; will retry: {}", ex.toString());
		}
	}
}

package com.starrymeet.search.indexing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Where this instance's index is in its start: catching up from Kafka, then reconciled with the catalog (or the
 * first reconciliation failed, to be retried later). Readiness waits for both, at most {@code ready-timeout}.
 */
public class IndexLifecycle {

	/** Published once, when the index has read every partition to its end for the first time. */
	public record CaughtUp(Instant at, long recordsRead, Duration took) {
	}

	private static final Logger log = LoggerFactory.getLogger(IndexLifecycle.class);

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final Instant started;

	private final Duration readyTimeout;

	private volatile @Nullable CaughtUp caughtUp;

	private volatile boolean startupReconcileDone;

	IndexLifecycle(Clock clock, ApplicationEventPublisher events, Duration readyTimeout, boolean reconcileOnStart) {
		this.clock = clock;
		this.events = events;
		this.started = clock.instant();
		this.readyTimeout = readyTimeout;
		this.startupReconcileDone = !reconcileOnStart;
	}

	public boolean caughtUp() {
		return caughtUp != null;
	}

	public @Nullable CaughtUp caughtUpAt() {
		return caughtUp;
	}

	synchronized void markCaughtUp(long recordsRead) {
		if (caughtUp != null) {
			return;
		}
		var now = clock.instant();
		var event = new CaughtUp(now, recordsRead, Duration.between(started, now));
		caughtUp = event;
		log.info("Search index caught up from Kafka: {} records in {} ms", recordsRead, event.took().toMillis());
		events.publishEvent(event);
	}

	/** The first reconciliation at start has run (successfully or not). */
	void startupReconcileDone() {
		startupReconcileDone = true;
	}

	/** Whether this instance should take traffic: caught up and reconciled once, or waited long enough. */
	public boolean ready() {
		return caughtUp != null && startupReconcileDone
				|| !clock.instant().isBefore(started.plus(readyTimeout));
	}
}

package com.starrymeet.search.indexing;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;

/**
 * Runs reconciliation at start, once the index has caught up from Kafka (so the comparison is with a current
 * index, and what the events already repaired is not fetched), then every {@code reconcile.interval}. A failed run
 * (celebrity-service down), or one whose availability part failed (booking-service down), is tried again after
 * {@code reconcile.retry-after}; it never blocks readiness for longer than the first attempt.
 */
class ReconcileScheduler implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ReconcileScheduler.class);

	private final Reconciler reconciler;

	private final IndexLifecycle lifecycle;

	private final IndexingSettings.Reconcile settings;

	private final ScheduledExecutorService executor = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("search-reconcile").daemon().factory());

	ReconcileScheduler(Reconciler reconciler, IndexLifecycle lifecycle, IndexingSettings.Reconcile settings) {
		this.reconciler = reconciler;
		this.lifecycle = lifecycle;
		this.settings = settings;
	}

	@EventListener
	void onCaughtUp(IndexLifecycle.CaughtUp caughtUp) {
		if (settings.onStart()) {
			executor.execute(this::run);
		}
		else if (!settings.interval().isZero()) {
			schedule(settings.interval());
		}
	}

	private void run() {
		try {
			var report = reconciler.reconcile();
			if (!report.complete()) {
				log.warn("Reconciliation with the calendars failed ({}); trying again in {}", report.availabilityFailure(),
						settings.retryAfter());
				schedule(settings.retryAfter());
			}
			else if (!settings.interval().isZero()) {
				schedule(settings.interval());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Reconciliation with the catalog failed ({}); trying again in {}", ex.getMessage(),
					settings.retryAfter());
			schedule(settings.retryAfter());
		}
		finally {
			lifecycle.startupReconcileDone();
		}
	}

	private void schedule(Duration delay) {
		if (!executor.isShutdown()) {
			executor.schedule(this::run, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void destroy() {
		executor.shutdownNow();
	}
}

package com.starrymeet.common.events;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the event tables from growing for ever. Completed outbox publications are deleted as they complete
 * ({@code spring.modulith.events.completion-mode=delete}); this pass also removes any completed row left from
 * before (or written by an instance configured otherwise) and forgets processed-event marks older than
 * {@code starrymeet.events.processed-retention}. Failed and outstanding publications are never touched.
 */
public class OutboxHousekeeping {

	private static final Logger log = LoggerFactory.getLogger(OutboxHousekeeping.class);

	private final JdbcClient jdbc;

	private final EventSettings settings;

	private final Clock clock;

	public OutboxHousekeeping(JdbcClient jdbc, EventSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT30S", fixedDelayString = "${starrymeet.events.housekeeping-interval:PT1H}")
	public void scheduled() {
		try {
			purge();
		}
		catch (RuntimeException ex) {
			log.warn("Event table housekeeping failed; will retry: {}", ex.toString());
		}
	}

	/** @return rows removed: completed publications plus expired processed-event marks */
	public int purge() {
		int publications = jdbc.sql("DELETE FROM event_publication WHERE completion_date IS NOT NULL").update();
		int processed = jdbc.sql("DELETE FROM processed_event WHERE processed_at < :before")
			.param("before", Timestamp.from(clock.instant().minus(settings.processedRetention())))
			.update();
		if (publications + processed > 0) {
			log.info("Purged {} completed outbox publications and {} processed-event marks", publications, processed);
		}
		return publications + processed;
	}
}

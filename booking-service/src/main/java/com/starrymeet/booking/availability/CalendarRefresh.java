package com.starrymeet.booking.availability;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes a celebrity's calendar again once a date of its last AvailabilityChanged has gone by (the last
 * window of that date at that location has started: {@code calendar.refresh_at}), so consumers never keep
 * offering it. At most one refresh per published date. One celebrity per
 * transaction, {@code FOR UPDATE SKIP LOCKED}, so several instances share the work; a refresh is an ordinary
 * change (next version).
 */
@Component
class CalendarRefresh {

	private static final Logger log = LoggerFactory.getLogger(CalendarRefresh.class);

	static final int BATCH = 100;

	private final JdbcClient jdbc;

	private final Calendar calendar;

	private final TransactionTemplate transactions;

	CalendarRefresh(JdbcClient jdbc, Calendar calendar, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.calendar = calendar;
		this.transactions = transactions;
	}

	@Scheduled(fixedDelayString = "${starrymeet.availability.refresh-interval:PT1M}",
			initialDelayString = "${starrymeet.availability.refresh-interval:PT1M}")
	void run() {
		int refreshed = refreshDue(BATCH);
		if (refreshed > 0) {
			log.info("Republished {} calendars whose first available date has gone by", refreshed);
		}
	}

	/** Refreshes up to {@code max} due calendars; returns how many. */
	int refreshDue(int max) {
		int done = 0;
		while (done < max && Boolean.TRUE.equals(transactions.execute(status -> refreshOne()))) {
			done++;
		}
		return done;
	}

	private boolean refreshOne() {
		var due = jdbc.sql("""
				SELECT celebrity_id FROM calendar WHERE refresh_at <= now()
				ORDER BY refresh_at LIMIT 1 FOR UPDATE SKIP LOCKED""")
			.query(UUID.class)
			.optional();
		if (due.isEmpty()) {
			return false;
		}
		calendar.change(due.get(), () -> {
			// nothing to write: only the clock moved, so the next version publishes what is upcoming now
		});
		return true;
	}
}

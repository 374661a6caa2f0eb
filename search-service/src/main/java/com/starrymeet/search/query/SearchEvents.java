package com.starrymeet.search.query;

import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.starrymeet.common.events.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records {@link SearchPerformed} through the outbox, off the request thread and best effort: a search
 * never waits for (or fails because of) the database write. When more than {@code queue} events are waiting,
 * further ones are dropped and counted in the log, so a burst of searches cannot pile up memory.
 */
@Component
public class SearchEvents implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SearchEvents.class);

	private final ApplicationEventPublisher publisher;

	private final TransactionTemplate transactions;

	private final boolean enabled;

	private final ThreadPoolExecutor executor;

	SearchEvents(ApplicationEventPublisher publisher, TransactionTemplate transactions,
			@Value("${starrymeet.search.publish-searches:true}") boolean enabled,
			@Value("${starrymeet.search.publish-queue:10000}") int queue) {
		this.publisher = publisher;
		this.transactions = transactions;
		this.enabled = enabled;
		this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
				Thread.ofPlatform().name("search-events").daemon().factory(), (task, pool) -> log.debug("SearchPerformed dropped: queue full"));
	}

	public void performed(SearchPerformed event) {
		if (!enabled) {
			return;
		}
		executor.execute(() -> {
			try {
				transactions.executeWithoutResult(status -> publisher
					.publishEvent(EventEnvelope.of(SearchPerformed.AGGREGATE, UUID.randomUUID(), 1, event)));
			}
			catch (RuntimeException ex) {
				log.warn("SearchPerformed not recorded: {}", ex.toString());
			}
		});
	}

	@Override
	public void destroy() throws InterruptedException {
		executor.shutdown();
		executor.awaitTermination(5, TimeUnit.SECONDS);
	}
}

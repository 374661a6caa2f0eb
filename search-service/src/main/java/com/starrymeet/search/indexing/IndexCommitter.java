package com.starrymeet.search.indexing;

import com.starrymeet.search.index.CelebrityIndex;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Commits the index every {@code commit-interval} when something changed: the applied events and the Kafka
 * positions they came from become durable together (a crash loses at most the uncommitted interval, which is then
 * read again from Kafka). The index commits once more when it closes.
 */
class IndexCommitter {

	private final CelebrityIndex index;

	IndexCommitter(CelebrityIndex index) {
		this.index = index;
	}

	@Scheduled(fixedDelayString = "${starrymeet.search.commit-interval:PT1S}")
	void commit() {
		index.commit();
	}
}

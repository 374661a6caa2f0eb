package com.starrymeet.celebrity.profile.messaging;

import com.starrymeet.celebrity.profile.CatalogCache;
import com.starrymeet.common.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the in-process caches of every instance fresh: each instance reads the catalog's own topic in a group
 * of its own (from the latest offset) and drops its cache on every snapshot, whichever instance made the
 * change. The instance that made it has already dropped its cache at commit.
 * <p>
 * Not an {@code IdempotentConsumer}: it changes no state, dropping a cache twice is harmless, and every instance
 * must act on every record (a processed-event mark shared through the database would let only the first instance
 * drop its cache).
 */
@Component
class CacheInvalidationListener {

	private final CatalogCache cache;

	CacheInvalidationListener(CatalogCache cache) {
		this.cache = cache;
	}

	@KafkaListener(topics = Topics.CELEBRITY, groupId = "${spring.application.name}-cache-${random.uuid}",
			properties = "auto.offset.reset=latest")
	void on(ConsumerRecord<String, ?> record) {
		cache.invalidateNow();
	}
}

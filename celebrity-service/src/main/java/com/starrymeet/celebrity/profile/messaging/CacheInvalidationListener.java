package com.starrymeet.celebrity.profile.messaging;

import com.starrymeet.celebrity.profile.CatalogCache;
import com.starrymeet.common.events.contract.CelebrityUpserted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the in-process caches of every instance fresh: each instance reads the catalog's own topic in a group
 * of its own (from the latest offset) and drops its cache on every snapshot, whichever instance made the
 * change. The instance that made it has already dropped its cache at commit.
 */
@Component
class CacheInvalidationListener {

	private final CatalogCache cache;

	CacheInvalidationListener(CatalogCache cache) {
		this.cache = cache;
	}

	@KafkaListener(topics = "starrymeet." + CelebrityUpserted.AGGREGATE + ".v1",
			groupId = "${spring.application.name}-cache-${random.uuid}", properties = "auto.offset.reset=latest")
	void on(ConsumerRecord<String, ?> record) {
		cache.invalidateNow();
	}
}

package com.starrymeet.celebrity.profile;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * In-process cache (Caffeine) of the public catalog reads, with their ETags. Every entry is keyed by the
 * current generation; any change to the catalog bumps the generation after its transaction commits (and drops
 * every entry), so a read that began before the change can only store its result under the old generation,
 * which no later request looks up: a stale entry is never served after a commit. The ETag is the instance's
 * random id plus the generation, so it changes with every change and never repeats across restarts.
 */
@Component
public class CatalogCache {

	/** A cached value and the ETag of the generation it was read in. */
	public record Cached<T>(T value, String etag) {
	}

	private final String instance = UUID.randomUUID().toString().substring(0, 8);

	private final AtomicLong generation = new AtomicLong();

	private final Cache<List<Object>, Object> cache;

	CatalogCache(@Value("${starrymeet.catalog.cache-ttl:PT30M}") Duration ttl,
			@Value("${starrymeet.catalog.cache-size:10000}") long size) {
		this.cache = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(ttl).build();
	}

	@SuppressWarnings("unchecked")
	public <T> Cached<T> get(String kind, Object key, Supplier<T> loader) {
		long g = generation.get();
		var value = (T) cache.get(List.of(g, kind, key), k -> loader.get());
		return new Cached<>(value, etag(g));
	}

	/** The ETag of what a request would see now. */
	public String currentEtag() {
		return etag(generation.get());
	}

	/** Invalidates everything once the current transaction commits (at once when there is none). */
	public void invalidate() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					invalidateNow();
				}
			});
		}
		else {
			invalidateNow();
		}
	}

	public void invalidateNow() {
		generation.incrementAndGet();
		cache.invalidateAll();
	}

	private String etag(long g) {
		return "\"" + instance + "-" + g + "\"";
	}
}

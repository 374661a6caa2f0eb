package com.starrymeet.celebrity.profile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.starrymeet.common.web.ReadyJson;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cache of the public catalog reads as ready JSON bytes, with their ETags: Caffeine in-process, and Redis as a second
 * level shared by every instance when {@code starrymeet.catalog.cache.redis.enabled} is true. A hit costs no
 * serialisation: the bytes go out as they are.
 * <p>
 * Every entry is keyed by the current generation; any change to the catalog bumps the generation after its
 * transaction commits (and drops the in-process entries), so a read that began before the change can only store
 * its result under the old generation, which no later request looks up: a stale entry is never served after a
 * commit.
 * <p>
 * Without Redis the generation is this instance's counter and the ETag is the instance's random id plus it. With
 * Redis the generation is the Redis counter {@code celebrity:catalog:generation} (INCR after commit; it starts at
 * the clock's milliseconds so it never repeats after Redis loses its data), every instance reads it per request,
 * so all instances invalidate together and share ETags; responses are stored in Redis as their JSON under
 * {@code celebrity:catalog:<generation>:<kind>:<hash of the key>} with a TTL per kind. Redis failing (or slow beyond
 * its timeout) never fails a request: the instance falls back to its own generation and Caffeine for
 * {@code retry-after}; a bump that could not reach Redis is retried before Redis is used again, and every instance
 * also bumps Redis when another instance's snapshot reaches it ({@link #invalidateNow}), so one lost INCR cannot
 * leave stale shared entries behind.
 */
@Component
public class CatalogCache {

	/** A cached answer's JSON and the ETag of the generation it was read in. */
	public record Cached(byte[] json, String etag) {

		/**
		 * 304 when the client has this generation's ETag; otherwise 200 with it and these JSON bytes. Clients must
		 * revalidate. The handler's declared type {@code R} documents the body (OpenAPI); what is sent is that
		 * body's JSON, serialised once per generation.
		 */
		public <R> ResponseEntity<R> response(WebRequest request) {
			if (request.checkNotModified(etag)) {
				return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(CacheControl.noCache()).build();
			}
			return ReadyJson.body(ResponseEntity.ok().eTag(etag).cacheControl(CacheControl.noCache()), json);
		}

	}

	static final String GENERATION_KEY = "celebrity:catalog:generation";

	static final String PREFIX = "celebrity:catalog:";

	private static final Logger log = LoggerFactory.getLogger(CatalogCache.class);

	private final String instance = UUID.randomUUID().toString().substring(0, 8);

	private final AtomicLong generation = new AtomicLong();

	private final Cache<List<Object>, Object> cache;

	private final @Nullable StringRedisTemplate redis;

	private final JsonMapper json;

	private final Map<String, Duration> redisTtls;

	private final Duration redisDefaultTtl;

	private final Duration retryAfter;

	/** A bump of the Redis generation that has not reached Redis yet. */
	private final AtomicBoolean bumpPending = new AtomicBoolean();

	private volatile long redisDownUntil;

	CatalogCache(@Value("${starrymeet.catalog.cache-ttl:PT30M}") Duration ttl,
			@Value("${starrymeet.catalog.cache-size:10000}") long size,
			@Value("${starrymeet.catalog.cache.redis.enabled:false}") boolean redisEnabled,
			@Value("${starrymeet.catalog.cache.redis.ttl.profile:PT1H}") Duration profileTtl,
			@Value("${starrymeet.catalog.cache.redis.ttl.list:PT30M}") Duration listTtl,
			@Value("${starrymeet.catalog.cache.redis.ttl.featured:PT1H}") Duration featuredTtl,
			@Value("${starrymeet.catalog.cache.redis.ttl.reviews:PT30M}") Duration reviewsTtl,
			@Value("${starrymeet.catalog.cache.redis.retry-after:PT5S}") Duration retryAfter,
			ObjectProvider<StringRedisTemplate> redis, JsonMapper json) {
		this.cache = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(ttl).build();
		this.redis = redisEnabled ? redis.getIfAvailable() : null;
		if (redisEnabled && this.redis == null) {
			throw new IllegalStateException("starrymeet.catalog.cache.redis.enabled is true but Redis is not configured");
		}
		this.json = json;
		this.redisTtls = Map.of("profile", profileTtl, "list", listTtl, "featured", featuredTtl, "reviews", reviewsTtl);
		this.redisDefaultTtl = listTtl;
		this.retryAfter = retryAfter;
		if (this.redis != null) {
			log.info("Catalog cache: Caffeine in-process and Redis (shared generation, TTLs {})", redisTtls);
		}
	}

	/**
	 * The JSON of what {@code loader} returns for {@code key} in the current generation: serialised once, then every
	 * hit is served as these ready bytes (with Redis, the bytes of the JSON stored there), never serialised again.
	 */
	public Cached json(String kind, Object key, Supplier<?> loader) {
		var redisGeneration = redisGeneration();
		var g = redisGeneration != null ? "r" + redisGeneration : instance + "-" + generation.get();
		var bytes = (byte[]) cache.get(List.of(g, kind, key), k -> redisGeneration == null ? json.writeValueAsBytes(loader.get())
				: sharedLoad(redisGeneration, kind, key, loader));
		return new Cached(bytes, "\"" + g + "\"");
	}

	/** The ETag of what a request would see now. */
	public String currentEtag() {
		var redisGeneration = redisGeneration();
		return "\"" + (redisGeneration != null ? "r" + redisGeneration : instance + "-" + generation.get()) + "\"";
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

	/** Bumps this instance's generation and, with Redis, the shared one (retried later if Redis fails now). */
	public void invalidateNow() {
		generation.incrementAndGet();
		cache.invalidateAll();
		if (redis != null) {
			bumpPending.set(true);
			redisGeneration(); // sends the pending bump now, unless Redis is down
		}
	}

	/** The shared generation, after sending a pending bump; null without Redis or while it is failing. */
	private @Nullable Long redisGeneration() {
		if (redis == null || System.currentTimeMillis() < redisDownUntil) {
			return null;
		}
		try {
			if (bumpPending.getAndSet(false)) {
				try {
					initialise();
					redis.opsForValue().increment(GENERATION_KEY);
				}
				catch (RuntimeException ex) {
					bumpPending.set(true);
					throw ex;
				}
			}
			var value = redis.opsForValue().get(GENERATION_KEY);
			if (value == null) {
				initialise();
				value = redis.opsForValue().get(GENERATION_KEY);
			}
			return value == null ? null : Long.parseLong(value);
		}
		catch (RuntimeException ex) {
			redisDown(ex);
			return null;
		}
	}

	private void initialise() {
		redis.opsForValue().setIfAbsent(GENERATION_KEY, Long.toString(System.currentTimeMillis()));
	}

	private byte[] sharedLoad(long redisGeneration, String kind, Object key, Supplier<?> loader) {
		var redisKey = PREFIX + redisGeneration + ":" + kind + ":" + hash(key);
		try {
			var stored = redis.opsForValue().get(redisKey);
			if (stored != null) {
				return stored.getBytes(StandardCharsets.UTF_8);
			}
		}
		catch (RuntimeException ex) {
			redisDown(ex);
			return json.writeValueAsBytes(loader.get());
		}
		var value = json.writeValueAsString(loader.get());
		try {
			redis.opsForValue().set(redisKey, value, redisTtls.getOrDefault(kind, redisDefaultTtl));
		}
		catch (RuntimeException ex) {
			redisDown(ex);
		}
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private void redisDown(RuntimeException ex) {
		redisDownUntil = System.currentTimeMillis() + retryAfter.toMillis();
		log.warn("Redis unavailable for the catalog cache ({}); using the in-process cache for {}", ex.toString(),
				retryAfter);
	}

	private static String hash(Object key) {
		try {
			var digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}

package com.starrymeet.celebrity.profile;

import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog cache with Redis as the second level, on the real redis-server of the test fixture: responses are
 * stored in Redis with the vision's TTLs under the shared generation, served from there when the in-process cache
 * does not have them, identical on the wire, and a generation bump by any instance (INCR) makes every instance
 * read afresh; a change through the service bumps it after commit.
 */
@ServiceTest
@TestPropertySource(properties = "starrymeet.catalog.cache.redis.enabled=true")
class RedisCacheTest {

	static final JsonMapper json = new JsonMapper();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CatalogCache cache;

	@Autowired
	StringRedisTemplate redis;

	/**
	 * The first connection to Redis can take longer than the 250 ms connect timeout on a loaded machine; the instance
	 * then rightly serves from its own cache for {@code retry-after}. These tests are about a Redis that answers, so
	 * they start once the instance uses it (its ETags are Redis generations).
	 */
	@BeforeEach
	void redisIsInUse() {
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(60))
			.pollInterval(java.time.Duration.ofMillis(500))
			.until(() -> TestHttp.at(port).get("/v1/celebrities/featured").headers().firstValue("ETag").orElse("")
				.startsWith("\"r"));
	}

	@Test
	void responsesAreSharedThroughRedisAndEveryBumpInvalidatesThem() {
		var f = new Fixtures(jdbc);
		var slug = Fixtures.unique("redis-");
		var category = f.category(slug);
		var userId = UUID.randomUUID();
		var id = f.celebrity(Fixtures.unique("red_"), "Redis Star", category, true, true, "4.50", 2, 3, Instant.now(),
				userId);
		f.meetingType(id, "Quick", 15, 12_345, true, 10);
		cache.invalidateNow(); // rows written behind the service's back
		var http = TestHttp.at(port);
		var profilePath = "/v1/celebrities/" + id;

		// Snapshots of other test classes reaching this context's cache-invalidation listener bump the generation
		// now and then (as they would in a fleet), hence a few tries for a quiet stretch.
		String etag = null;
		boolean servedFromRedis = false;
		for (int i = 0; i < 5 && !servedFromRedis; i++) {
			var first = http.get(profilePath);
			assertThat(first.statusCode()).isEqualTo(200);
			etag = first.headers().firstValue("ETag").orElseThrow();
			var generation = redis.opsForValue().get(CatalogCache.GENERATION_KEY);
			http.get("/v1/celebrities?category=" + slug);
			var profileKeys = redis.keys(CatalogCache.PREFIX + generation + ":profile:*");
			var listKeys = redis.keys(CatalogCache.PREFIX + generation + ":list:*");

			// the in-process level forgets (as on another instance), Redis still has it: a write behind the
			// service's back is not seen, and the JSON is the same as the first response's
			clearInProcess();
			jdbc.sql("UPDATE celebrity SET display_name = :name WHERE id = :id").param("name", "Sneaky " + i)
				.param("id", id).update();
			var fromRedis = http.get(profilePath);
			if (!generation.equals(redis.opsForValue().get(CatalogCache.GENERATION_KEY))
					|| !etag.equals("\"r" + generation + "\"")) {
				continue; // a bump in between
			}
			servedFromRedis = true;
			assertThat(profileKeys).hasSize(1);
			assertThat(redis.getExpire(profileKeys.iterator().next())).as("profile TTL 1 h").isBetween(3500L, 3600L);
			assertThat(listKeys).hasSize(1);
			assertThat(redis.getExpire(listKeys.iterator().next())).as("list TTL 30 min").isBetween(1700L, 1800L);
			assertThat(fromRedis.headers().firstValue("ETag").orElseThrow()).isEqualTo(etag);
			assertThat(fromRedis.body()).isEqualTo(first.body());
			assertThat(http.get(profilePath, "If-None-Match", etag).statusCode()).isEqualTo(304);
		}
		assertThat(servedFromRedis).as("a read served from Redis").isTrue();

		// another instance's change: it INCRs the shared generation after its commit; this instance reads afresh
		redis.opsForValue().increment(CatalogCache.GENERATION_KEY);
		var afterOtherInstance = http.get(profilePath, "If-None-Match", etag);
		assertThat(afterOtherInstance.statusCode()).isEqualTo(200);
		assertThat(json.readTree(afterOtherInstance.body()).at("/data/displayName").asString()).startsWith("Sneaky");

		// a change through this service bumps the shared generation after commit
		var before = Long.parseLong(redis.opsForValue().get(CatalogCache.GENERATION_KEY));
		var token = TestTokens.token(userId.toString(), "CELEBRITY");
		assertThat(http.method("PATCH", "/v1/celebrities/me", "{\"displayName\":\"Through The Service\"}", "Content-Type",
				"application/json", "Authorization", TestHttp.bearer(token)).statusCode()).isEqualTo(200);
		assertThat(Long.parseLong(redis.opsForValue().get(CatalogCache.GENERATION_KEY))).isGreaterThan(before);
		assertThat(json.readTree(http.get(profilePath).body()).at("/data/displayName").asString())
			.isEqualTo("Through The Service");
	}

	@Test
	void aLostGenerationStartsFromTheClockSoEtagsDoNotRepeat() {
		redis.delete(CatalogCache.GENERATION_KEY); // Redis restarted without its data
		var etag = TestHttp.at(port).get("/v1/celebrities/featured").headers().firstValue("ETag").orElseThrow();
		assertThat(Long.parseLong(etag.replaceAll("[\"r]", ""))).isGreaterThan(Instant.now().minusSeconds(60).toEpochMilli());
	}

	private void clearInProcess() {
		// reach the in-process level only: what another instance (or this one after a restart) would not have
		try {
			var field = CatalogCache.class.getDeclaredField("cache");
			field.setAccessible(true);
			((com.github.benmanes.caffeine.cache.Cache<?, ?>) field.get(cache)).invalidateAll();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}
}

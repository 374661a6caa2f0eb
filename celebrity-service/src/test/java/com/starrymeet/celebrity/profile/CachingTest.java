package com.starrymeet.celebrity.profile;

import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Public reads are cached and carry an ETag (304 on If-None-Match); a change through the service drops the
 * cache at commit, so the next read shows it and the old ETag no longer matches.
 */
@ServiceTest
class CachingTest {

	static final JsonMapper json = new JsonMapper();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CatalogCache cache;

	@Test
	void cachedReadsWithEtagsAreDroppedOnEveryChange() {
		var f = new Fixtures(jdbc);
		var slug = Fixtures.unique("cache-");
		var category = f.category(slug);
		var userId = UUID.randomUUID();
		var id = f.celebrity(Fixtures.unique("cached_"), "Cached Name", category, true, true, "4.00", 1, 1,
				Instant.now(), userId);
		var typeId = f.meetingType(id, "Quick", 15, 10_000, true, 10);
		cache.invalidateNow();
		var http = TestHttp.at(port);
		var profilePath = "/v1/celebrities/" + id;
		var listPath = "/v1/celebrities?category=" + slug;

		var first = http.get(profilePath);
		assertThat(first.statusCode()).isEqualTo(200);
		var etag = first.headers().firstValue("ETag").orElseThrow();
		assertThat(first.headers().firstValue("Cache-Control").orElse("")).contains("no-cache").doesNotContain("no-store");
		var notModified = http.get(profilePath, "If-None-Match", etag);
		assertThat(notModified.statusCode()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		var list = http.get(listPath);
		var listEtag = list.headers().firstValue("ETag").orElseThrow();
		assertThat(http.get(listPath, "If-None-Match", listEtag).statusCode()).isEqualTo(304);
		assertThat(http.get("/v1/celebrities/featured", "If-None-Match",
				http.get("/v1/celebrities/featured").headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(304);

		// a write behind the service's back is not seen: the reads really are cached. (Snapshots of other tests
		// reaching the cache-invalidation listener may drop the cache in between, hence a few tries.)
		boolean servedFromCache = false;
		for (int i = 0; i < 5 && !servedFromCache; i++) {
			var before = json.readTree(http.get(profilePath).body()).at("/data/displayName").asString();
			jdbc.sql("UPDATE celebrity SET display_name = :name WHERE id = :id").param("name", "Sneaky " + i)
				.param("id", id).update();
			servedFromCache = json.readTree(http.get(profilePath).body()).at("/data/displayName").asString()
				.equals(before);
		}
		assertThat(servedFromCache).as("a read served from the cache").isTrue();

		// a change through the service is seen at once, with a new ETag
		var token = TestTokens.token(userId.toString(), "CELEBRITY");
		assertThat(http.method("PATCH", "/v1/celebrities/me/meeting-types/" + typeId, "{\"priceCents\":7500}",
				"Content-Type", "application/json", "Authorization", TestHttp.bearer(token)).statusCode()).isEqualTo(200);
		var after = http.get(profilePath, "If-None-Match", etag);
		assertThat(after.statusCode()).isEqualTo(200);
		assertThat(after.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
		assertThat(json.readTree(after.body()).at("/data/meetingTypes/0/priceCents").asLong()).isEqualTo(7500);
		var listAfter = http.get(listPath, "If-None-Match", listEtag);
		assertThat(listAfter.statusCode()).isEqualTo(200);
		assertThat(json.readTree(listAfter.body()).at("/data/celebrities/0/meetingTypes/0/priceCents").asLong())
			.isEqualTo(7500);
		assertThat(http.get(listPath + "&maxPrice=75").body()).contains(id.toString());
	}

	@Test
	void aHitIsTheReadyJsonOfTheFirstReadNotASecondSerialisation() {
		var f = new Fixtures(jdbc);
		var category = f.category(Fixtures.unique("ready-"));
		var id = f.celebrity(Fixtures.unique("ready_"), "Ready Bytes", category, true, true, "4.50", 2, 1,
				Instant.now(), UUID.randomUUID());
		cache.invalidateNow();
		var loads = new java.util.concurrent.atomic.AtomicInteger();
		java.util.function.Supplier<Object> loader = () -> {
			loads.incrementAndGet();
			return java.util.Map.of("id", id.toString());
		};

		var first = cache.json("test", id, loader);
		var second = cache.json("test", id, loader);

		assertThat(loads).hasValue(1);
		assertThat(second.json()).as("the very bytes of the first read").isSameAs(first.json());
		assertThat(json.readTree(first.json()).at("/id").asString()).isEqualTo(id.toString());
		// and over HTTP the cached answer is those bytes as application/json
		var http = TestHttp.at(port);
		var response = http.get("/v1/celebrities/" + id);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
		assertThat(json.readTree(response.body()).at("/data/displayName").asString()).isEqualTo("Ready Bytes");
		assertThat(http.get("/v1/celebrities/" + id).body()).isEqualTo(response.body());
	}
}

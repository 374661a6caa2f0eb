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
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis enabled but unreachable (nothing listens on its port): reads and changes work as with the in-process cache
 * only, a change is still visible at once, nothing answers 500, and the service stays healthy.
 */
@ServiceTest
@TestPropertySource(properties = { "starrymeet.catalog.cache.redis.enabled=true", "spring.data.redis.port=1" })
class RedisDownTest {

	static final JsonMapper json = new JsonMapper();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CatalogCache cache;

	@Test
	void aDeadRedisFallsBackToTheInProcessCache() {
		var f = new Fixtures(jdbc);
		var slug = Fixtures.unique("redisdown-");
		var category = f.category(slug);
		var userId = UUID.randomUUID();
		var id = f.celebrity(Fixtures.unique("down_"), "Down Star", category, true, true, "4.00", 1, 1, Instant.now(),
				userId);
		cache.invalidateNow();
		var http = TestHttp.at(port);

		var first = http.get("/v1/celebrities/" + id);
		assertThat(first.statusCode()).isEqualTo(200);
		var etag = first.headers().firstValue("ETag").orElseThrow();
		assertThat(etag).doesNotStartWith("\"r");
		assertThat(http.get("/v1/celebrities/" + id, "If-None-Match", etag).statusCode()).isEqualTo(304);
		assertThat(http.get("/v1/celebrities?category=" + slug).statusCode()).isEqualTo(200);
		assertThat(http.get("/v1/celebrities/featured").statusCode()).isEqualTo(200);

		var token = TestTokens.token(userId.toString(), "CELEBRITY");
		assertThat(http.method("PATCH", "/v1/celebrities/me", "{\"displayName\":\"Still Works\"}", "Content-Type",
				"application/json", "Authorization", TestHttp.bearer(token)).statusCode()).isEqualTo(200);
		var after = http.get("/v1/celebrities/" + id, "If-None-Match", etag);
		assertThat(after.statusCode()).isEqualTo(200);
		assertThat(json.readTree(after.body()).at("/data/displayName").asString()).isEqualTo("Still Works");
		assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
	}
}

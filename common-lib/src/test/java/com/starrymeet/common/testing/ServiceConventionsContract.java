package com.starrymeet.common.testing;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service promises, checked against the running service on real infrastructure. A service's
 * test extends this and is annotated {@link ServiceTest}.
 */
public abstract class ServiceConventionsContract {

	protected static final JsonMapper json = new JsonMapper();

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected Environment environment;

	protected TestHttp http;

	@BeforeEach
	void connect() {
		http = TestHttp.at(port);
	}

	@Test
	void livenessAndReadinessAreUp() {
		for (var probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
			var response = http.get(probe);
			assertThat(response.statusCode()).as(probe).isEqualTo(200);
			assertThat(json.readTree(response.body()).get("status").asString()).isEqualTo("UP");
		}
	}

	@Test
	void prometheusMetricsArePublic() {
		var response = http.get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes", "hikaricp_connections");
	}

	@Test
	void publishesOpenApi31() {
		var response = http.get("/v3/api-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json.readTree(response.body()).get("openapi").asString()).startsWith("3.1");
	}

	@Test
	void ownsItsDatabaseWithOutboxAndProcessedEventTables() {
		var name = environment.getRequiredProperty("spring.application.name").replace("-service", "");
		assertThat(jdbc.sql("SELECT current_database()").query(String.class).single()).isEqualTo("starrymeet_" + name);
		assertThat(jdbc.sql("""
				SELECT count(*) FROM information_schema.tables
				WHERE table_name IN ('event_publication', 'processed_event', 'flyway_schema_history')""")
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void runsOnVirtualThreads() {
		assertThat(environment.getProperty("spring.threads.virtual.enabled", Boolean.class)).isTrue();
	}

	@Test
	void unknownPathIsProblemJson404() {
		var response = http.get("/v1/no-such-resource-here", "Authorization", TestHttp.bearer(TestTokens.token("USER")));
		assertProblem(response, 404, "NOT_FOUND");
	}

	@Test
	void protectedPathWithoutTokenIsProblemJson401() {
		var response = http.get("/v1/no-such-resource-here");
		assertProblem(response, 401, "UNAUTHORIZED");
	}

	@Test
	void forgedTokenIsRejected() {
		var token = TestTokens.token("ADMIN");
		var forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
		assertProblem(http.get("/v1/no-such-resource-here", "Authorization", TestHttp.bearer(forged)), 401,
				"UNAUTHORIZED");
	}

	protected static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
		var body = json.readTree(response.body());
		assertThat(body.get("code").asString()).isEqualTo(code);
		assertThat(body.get("success").asBoolean()).isFalse();
		assertThat(body.get("traceId").asString()).matches("[0-9a-f]{32}");
		return body;
	}
}

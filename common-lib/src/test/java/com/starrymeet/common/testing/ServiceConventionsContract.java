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

	/**
	 * Clients generate their SDKs from this document: it lints clean with Redocly's recommended rules (every
	 * operation has a summary, a security requirement and a documented problem+json 4xx), and {@code /error} is
	 * not in it.
	 */
	@Test
	void openApiDocumentLintsClean() throws Exception {
		var response = http.get("/v3/api-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		var document = json.readTree(response.body());
		assertThat(document.path("paths").has("/error")).isFalse();
		var file = java.nio.file.Path.of("target", "openapi",
				environment.getRequiredProperty("spring.application.name") + ".json");
		java.nio.file.Files.createDirectories(file.getParent());
		java.nio.file.Files.writeString(file, response.body());
		var result = OpenApiLint.lint(file);
		assertThat(result.clean()).as(result.output()).isTrue();
	}

	/**
	 * Every write operation's request body has a visible schema: a named component with properties, never an
	 * opaque JSON tree (Jackson's {@code JsonNode} shows as {@code nodeType}, {@code empty}, ...).
	 */
	@Test
	void everyWriteOperationHasATypedRequestSchema() {
		var document = json.readTree(http.get("/v3/api-docs").body());
		var problems = new java.util.ArrayList<String>();
		document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
			var body = operation.getValue().path("requestBody").path("content");
			body.properties().forEach(media -> {
				if (!media.getKey().contains("json")) {
					return;
				}
				var schema = media.getValue().path("schema");
				var ref = schema.path("$ref").asString("");
				var resolved = ref.isEmpty() ? schema
						: document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
				var where = operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
				if (!resolved.path("properties").isObject() || resolved.path("properties").isEmpty()) {
					problems.add(where + " has no typed request schema: " + schema);
				}
				else if (resolved.path("properties").has("nodeType")) {
					problems.add(where + " documents a JSON tree, not its fields");
				}
			});
		}));
		assertThat(problems).isEmpty();
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

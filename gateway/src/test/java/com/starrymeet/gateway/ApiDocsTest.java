package com.starrymeet.gateway;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service's OpenAPI document through the gateway ({@code GET /v3/api-docs/<service>} → the service's
 * {@code /v3/api-docs}, public, rate-limited, pointing at the gateway and not at the service), and one Swagger UI
 * listing them all. The fake services serve a document shaped like springdoc's, naming their own address.
 */
class ApiDocsTest extends GatewayIntegrationTest {

	@Autowired
	JsonMapper json;

	static List<String> services() {
		return Backends.SERVICES;
	}

	/** What springdoc in a service answers at /v3/api-docs: its own address as server, all its paths. */
	static String document(String service, WireMockServer backend) {
		return """
				{"openapi":"3.1.0","info":{"title":"%s-service","version":"v1"},\
				"servers":[{"url":"%s","description":"Generated server url"}],\
				"paths":{"/v1/%s":{"get":{"operationId":"list"}},\
				"/internal/%s/secret":{"get":{"operationId":"internal"}},\
				"/internal":{"get":{"operationId":"internalRoot"}},\
				"/internals/ok":{"get":{"operationId":"notInternal"}},\
				"/actuator/health":{"get":{"operationId":"health"}}},\
				"components":{"securitySchemes":{"bearer":{"type":"http","scheme":"bearer"}}}}"""
			.formatted(service, backend.baseUrl(), service, service);
	}

	@BeforeEach
	void serveDocuments() {
		BACKENDS.forEach((service, backend) -> backend.stubFor(get(urlEqualTo("/v3/api-docs")).atPriority(1)
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withHeader(Backends.BACKEND_HEADER, service)
				.withBody(document(service, backend)))));
	}

	@ParameterizedTest
	@MethodSource("services")
	void eachServicesDocumentIsServedPubliclyFromThatService(String service) {
		byte[] body = anonymous.get()
			.uri("/v3/api-docs/" + service)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectHeader()
			.valueEquals(Backends.BACKEND_HEADER, service)
			.expectHeader()
			.exists("X-RateLimit-Remaining")
			.expectBody()
			.returnResult()
			.getResponseBodyContent();

		JsonNode document = json.readTree(body);
		assertThat(document.get("openapi").asString()).isEqualTo("3.1.0");
		assertThat(document.get("info").get("title").asString()).isEqualTo(service + "-service");
		assertThat(document.get("components").get("securitySchemes").has("bearer")).isTrue();
		BACKENDS.get(service).verify(1, getRequestedFor(urlEqualTo("/v3/api-docs")));
		BACKENDS.forEach((name, server) -> {
			if (!name.equals(service)) {
				server.verify(0, anyRequestedFor(urlPathMatching("/v3/api-docs.*")));
			}
		});
	}

	@Test
	void theDocumentNamesTheGatewayAsItsServerNeverTheServicesAddress() {
		WireMockServer booking = BACKENDS.get("booking");

		byte[] body = anonymous.get().uri("/v3/api-docs/booking").exchange().expectStatus().isOk()
			.expectBody().returnResult().getResponseBodyContent();

		JsonNode servers = json.readTree(body).get("servers");
		assertThat(servers.size()).isEqualTo(1);
		assertThat(servers.get(0).get("url").asString()).isEqualTo("/");
		assertThat(new String(body)).doesNotContain(booking.baseUrl())
			.doesNotContain("127.0.0.1:" + booking.port())
			.doesNotContain("localhost:" + booking.port());
		booking.verify(1, getRequestedFor(urlEqualTo("/v3/api-docs")));
	}

	@Test
	void theDocumentLeavesOutThePathsTheGatewayNeverRoutes() {
		byte[] body = anonymous.get().uri("/v3/api-docs/payment").exchange().expectStatus().isOk()
			.expectBody().returnResult().getResponseBodyContent();

		JsonNode paths = json.readTree(body).get("paths");
		assertThat(paths.propertyNames()).containsExactlyInAnyOrder("/v1/payment", "/internals/ok");
	}

	@Test
	void theDocumentIsFetchedWithAGetAndNotCompressed() {
		anonymous.get()
			.uri("/v3/api-docs/search?group=x")
			.header(HttpHeaders.ACCEPT_ENCODING, "gzip")
			.exchange()
			.expectStatus()
			.isOk();

		BACKENDS.get("search").verify(1, getRequestedFor(urlEqualTo("/v3/api-docs?group=x"))
			.withoutHeader(HttpHeaders.ACCEPT_ENCODING));
	}

	@Test
	void aServicesErrorPassesThroughUnchanged() {
		String problem = "{\"status\":500,\"code\":\"INTERNAL_ERROR\",\"instance\":\"/v3/api-docs\"}";
		BACKENDS.get("analytics").stubFor(get(urlEqualTo("/v3/api-docs?fail=1")).atPriority(1)
			.willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/problem+json")
				.withBody(problem)));

		anonymous.get()
			.uri("/v3/api-docs/analytics?fail=1")
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectBody(String.class)
			.isEqualTo(problem);
	}

	@Test
	void aBodyThatIsNotAJsonObjectPassesThroughUnchanged() {
		BACKENDS.get("notification").stubFor(get(urlEqualTo("/v3/api-docs?odd=1")).atPriority(1)
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("[\"not\", \"a document\"]")));

		anonymous.get()
			.uri("/v3/api-docs/notification?odd=1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("[\"not\", \"a document\"]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "POST", "PUT", "DELETE", "PATCH" })
	void onlyGetIsPublicAndOnlyGetIsRouted(String method) {
		anonymous.method(HttpMethod.valueOf(method))
			.uri("/v3/api-docs/user")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		client.method(HttpMethod.valueOf(method))
			.uri("/v3/api-docs/user")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code").isEqualTo("NOT_FOUND");

		BACKENDS.get("user").verify(0, anyRequestedFor(urlPathMatching("/v3/api-docs.*")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v3/api-docs", "/v3/api-docs/gateway", "/v3/api-docs/unknown", "/v3/api-docs/user.yaml",
			"/v3/api-docs/swagger-config", "/internal/users/u-1", "/actuator/env", "/actuator/prometheus" })
	void nothingElseUnderTheDocsIsRoutedNorAnyServicesInternalOrActuatorPath(String path) {
		for (var caller : List.of(anonymous, client)) {
			caller.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}

		expectNoDocsInternalOrActuatorRequests();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v3/api-docs/user/internal", "/v3/api-docs/user/actuator/prometheus",
			"/v3/api-docs/user/", "/v3/api-docs/user/../../internal/x" })
	void deeperPathsAreNotPublicAndNotRouted(String path) {
		int anonymousStatus = anonymous.get().uri(path).exchange().returnResult(byte[].class).getStatus().value();
		int status = client.get().uri(path).exchange().returnResult(byte[].class).getStatus().value();

		// not public: 401 without a token (400 when the firewall refuses a "..")
		assertThat(anonymousStatus).isIn(400, 401);
		assertThat(status).as("with a token: refused or not found, never routed").isIn(400, 404);
		expectNoDocsInternalOrActuatorRequests();
	}

	private static void expectNoDocsInternalOrActuatorRequests() {
		BACKENDS.values().forEach((server) -> {
			server.verify(0, anyRequestedFor(urlPathMatching("/v3/api-docs.*")));
			server.verify(0, anyRequestedFor(urlPathMatching("/internal.*")));
			server.verify(0, anyRequestedFor(urlPathMatching("/actuator/(?!health/readiness).*")));
		});
	}

	@Test
	void swaggerUiListsEveryServicesDocumentThroughTheGateway() {
		anonymous.get()
			.uri("/swagger-ui.html")
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.expectHeader()
			.value(HttpHeaders.LOCATION, (location) -> assertThat(location).startsWith("/swagger-ui/index.html"));
		anonymous.get()
			.uri("/swagger-ui/index.html")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML);
		String initializer = anonymous.get()
			.uri("/swagger-ui/swagger-initializer.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(initializer).contains("/swagger-ui/api-docs/swagger-config");

		byte[] config = anonymous.get()
			.uri("/swagger-ui/api-docs/swagger-config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBodyContent();

		JsonNode urls = json.readTree(config).get("urls");
		Map<String, String> listed = new java.util.LinkedHashMap<>();
		urls.forEach((url) -> listed.put(url.get("name").asString(), url.get("url").asString()));
		Map<String, String> expected = new java.util.LinkedHashMap<>();
		Backends.SERVICES.forEach((service) -> expected.put(service, "/v3/api-docs/" + service));
		assertThat(listed).containsExactlyInAnyOrderEntriesOf(expected);
		// the gateway's own document: it has no API of its own (the circuit-breaker fallbacks are not one)
		byte[] own = anonymous.get().uri("/swagger-ui/api-docs").exchange().expectStatus().isOk()
			.expectBody().returnResult().getResponseBodyContent();
		JsonNode ownPaths = json.readTree(own).get("paths");
		assertThat(ownPaths == null || ownPaths.isEmpty()).as("paths of the gateway's own document").isTrue();
		BACKENDS.values().forEach((server) -> server.verify(0, anyRequestedFor(anyUrl())));
	}

}

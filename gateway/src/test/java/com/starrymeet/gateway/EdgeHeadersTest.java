package com.starrymeet.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/** CORS for the configured origin with credentials, answered at the edge; security headers on every response. */
class EdgeHeadersTest extends GatewayIntegrationTest {

	private static final String ALLOWED_ORIGIN = "http://localhost:3000";

	@Test
	void preflightFromTheAllowedOriginIsAnsweredAtTheGatewayWithCredentials() {
		anonymous.options()
			.uri("/v1/bookings")
			.header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, (methods) -> assertThat(methods).contains("POST"))
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
					(headers) -> assertThat(headers.toLowerCase()).contains("authorization"));

		BACKENDS.values().forEach((server) -> server.verify(0, anyRequestedFor(anyUrl())));
	}

	@Test
	void preflightFromAnotherOriginIsRejected() {
		anonymous.options()
			.uri("/v1/bookings")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code").isEqualTo("CORS_REJECTED")
			.jsonPath("$.status").isEqualTo(403)
			.jsonPath("$.instance").isEqualTo("/v1/bookings")
			.jsonPath("$.traceId").value(String.class, (traceId) -> assertThat(traceId).matches(TRACE_ID));

		BACKENDS.values().forEach((server) -> server.verify(0, anyRequestedFor(anyUrl())));
	}

	@Test
	void actualRequestFromAnotherOriginIsRejectedBeforeReachingTheService() {
		client.get()
			.uri("/v1/bookings")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code").isEqualTo("CORS_REJECTED");

		BACKENDS.values().forEach((server) -> server.verify(0, anyRequestedFor(anyUrl())));
	}

	@Test
	void actualCrossOriginRequestCarriesCorsHeaders() {
		client.get()
			.uri("/v1/bookings")
			.header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, (exposed) -> assertThat(exposed).contains("X-Trace-Id"));
	}

	@Test
	void proxiedResponsesCarryTheSecurityHeadersButNoHstsOverPlainHttp() {
		expectSecurityHeaders(client.get().uri("/v1/bookings").exchange().expectStatus().isOk().expectHeader()
			.valueEquals("Content-Security-Policy",
					"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"));
	}

	@Test
	void gatewayErrorsCarryTheSecurityHeadersToo() {
		expectSecurityHeaders(anonymous.get().uri("/v1/bookings").exchange().expectStatus().isUnauthorized()
			.expectHeader()
			.exists("Content-Security-Policy"));
	}

	@Test
	void apiDocsPagesGetAPolicyThatLetsTheirOwnScriptsAndStylesLoad() {
		anonymous.get()
			.uri("/swagger-ui/index.html")
			.exchange()
			.expectHeader()
			.value("Content-Security-Policy", (csp) -> assertThat(csp).contains("script-src 'self'")
				.contains("style-src 'self'")
				.contains("frame-ancestors 'none'")
				.doesNotContain("default-src 'none'"));
	}

	private static void expectSecurityHeaders(
			org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
		response.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY")
			.expectHeader()
			.valueEquals("Referrer-Policy", "no-referrer")
			.expectHeader()
			.value("Content-Security-Policy", (csp) -> assertThat(csp).contains("frame-ancestors 'none'"))
			.expectHeader()
			.doesNotExist("Strict-Transport-Security");
	}

}

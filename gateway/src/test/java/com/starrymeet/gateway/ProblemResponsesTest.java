package com.starrymeet.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Errors the gateway produces are problem+json; errors a service produces pass through untouched. */
class ProblemResponsesTest extends GatewayIntegrationTest {

	@ParameterizedTest
	@ValueSource(strings = { "/internal/x", "/internal/users/u-1/roles", "/v1/nothing-here", "/v1",
			"/v1/webhooks/other", "/fallback/user" })
	void unroutedPathIsNotFoundProblem(String path) {
		EntityExchangeResult<byte[]> result = client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://api.starrymeet.com/problems/not-found")
			.jsonPath("$.title").isEqualTo("Not Found")
			.jsonPath("$.status").isEqualTo(404)
			.jsonPath("$.detail").isNotEmpty()
			.jsonPath("$.instance").isEqualTo(path)
			.jsonPath("$.code").isEqualTo("NOT_FOUND")
			.jsonPath("$.success").isEqualTo(false)
			.jsonPath("$.traceId").value(String.class, (traceId) -> assertThat(traceId).matches(TRACE_ID))
			.returnResult();

		String traceId = result.getResponseHeaders().getFirst("X-Trace-Id");
		assertThat(new String(result.getResponseBodyContent())).contains("\"traceId\":\"" + traceId + "\"");
		BACKENDS.values().forEach((server) -> server.verify(0, anyRequestedFor(anyUrl())));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/internal/x", "/internal/users/u-1/roles" })
	void internalPathsAreNotFoundEvenWithoutAToken(String path) {
		anonymous.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code").isEqualTo("NOT_FOUND");
		BACKENDS.values().forEach((server) -> server.verify(0, anyRequestedFor(anyUrl())));
	}

	@Test
	void unsupportedMethodOnGatewayEndpointIsMethodNotAllowedProblem() {
		client.delete()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code").isEqualTo("METHOD_NOT_ALLOWED")
			.jsonPath("$.type").isEqualTo("https://api.starrymeet.com/problems/method-not-allowed")
			.jsonPath("$.instance").isEqualTo("/actuator/health")
			.jsonPath("$.traceId").value(String.class, (traceId) -> assertThat(traceId).matches(TRACE_ID));
	}

	@Test
	void downstreamProblemPassesThroughUnchanged() {
		String problem = """
				{"type":"https://api.starrymeet.com/problems/validation-failed","title":"Validation failed",\
				"status":400,"detail":"date must be in the future","instance":"/v1/bookings",\
				"code":"VALIDATION_FAILED","errors":[{"field":"date","message":"must be in the future"}],\
				"success":false,"traceId":"0af7651916cd43dd8448eb211c80319c"}""";
		BACKENDS.get("booking")
			.stubFor(post(urlEqualTo("/v1/bookings?invalid=1")).atPriority(1)
				.willReturn(aResponse().withStatus(400)
					.withHeader("Content-Type", "application/problem+json")
					.withHeader("X-Service-Header", "kept")
					.withBody(problem)));

		EntityExchangeResult<byte[]> result = client.post()
			.uri("/v1/bookings?invalid=1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"date\":\"2000-01-01\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("X-Service-Header", "kept")
			.expectBody()
			.returnResult();

		assertThat(new String(result.getResponseBodyContent())).isEqualTo(problem);
	}

	@Test
	void downstreamServerErrorPassesThroughAndIsNotTurnedInto503() {
		BACKENDS.get("payment")
			.stubFor(post(urlEqualTo("/v1/payments/confirm")).atPriority(1)
				.willReturn(aResponse().withStatus(500)
					.withHeader("Content-Type", "application/problem+json")
					.withBody("{\"code\":\"INTERNAL_ERROR\",\"status\":500}")));

		for (int i = 0; i < 12; i++) {
			client.post()
				.uri("/v1/payments/confirm")
				.exchange()
				.expectStatus()
				.isEqualTo(500)
				.expectBody()
				.jsonPath("$.code").isEqualTo("INTERNAL_ERROR")
				.jsonPath("$.status").isEqualTo(500);
		}
		// the breaker did not count them: the service is still reachable
		client.get().uri("/v1/payments/p-1").exchange().expectStatus().isOk();
	}

}

package com.starrymeet.gateway;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/admin/**} needs ADMIN at the edge; identity headers a client makes up never reach a service. */
class AuthorizationTest extends GatewayIntegrationTest {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "USER", "CELEBRITY" })
	void adminRouteWithoutAdminRoleIsForbiddenProblem(String role) {
		anonymous.get()
			.uri("/v1/admin/users?page=1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.token(UUID.randomUUID(), role))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE,
					(challenge) -> assertThat(challenge).contains("error=\"insufficient_scope\""))
			.expectBody()
			.jsonPath("$.code").isEqualTo("FORBIDDEN")
			.jsonPath("$.status").isEqualTo(403)
			.jsonPath("$.type").isEqualTo("https://api.starrymeet.com/problems/forbidden")
			.jsonPath("$.instance").isEqualTo("/v1/admin/users")
			.jsonPath("$.traceId").value(String.class, (traceId) -> assertThat(traceId).matches(TRACE_ID));

		BACKENDS.get("user").verify(0, anyRequestedFor(anyUrl()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1/celebrities/../admin/users", "/v1/celebrities/%2e%2e/admin/users",
			"/v1/celebrities/..%2Fadmin%2Fusers", "/v1/celebrities//../admin/users" })
	void publicPrefixCannotBeUsedToReachAnAdminRoute(String path) {
		var result = anonymous.get()
			.uri(java.net.URI.create("http://localhost:" + port + path))
			.exchange()
			.returnResult(byte[].class);

		assertThat(result.getStatus().value()).isBetween(400, 499);
		assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		BACKENDS.values().forEach((server) -> server.verify(0, anyRequestedFor(anyUrl())));
	}

	@Test
	void adminRouteWithAdminRoleIsForwarded() {
		anonymous.get()
			.uri("/v1/admin/users?page=1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.ADMIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(Backends.BACKEND_HEADER, "user");

		BACKENDS.get("user").verify(1, getRequestedFor(urlEqualTo("/v1/admin/users?page=1")));
	}

	@Test
	void forgedIdentityHeadersNeverReachTheService() {
		String token = TestTokens.user();

		anonymous.post()
			.uri("/v1/bookings")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("X-User-Id", TestTokens.ADMIN_ID.toString())
			.header("x-user-role", "ADMIN")
			.header("X-Roles", "ADMIN")
			.header("X-Auth-User", "admin")
			.header("X-Authenticated-Userid", "admin")
			.header("X-Forwarded-User", "admin")
			.header("X-Custom", "kept")
			.exchange()
			.expectStatus()
			.isOk();

		BACKENDS.get("booking")
			.verify(1, postRequestedFor(urlEqualTo("/v1/bookings")).withHeader("X-User-Id", absent())
				.withHeader("X-User-Role", absent())
				.withHeader("X-Roles", absent())
				.withHeader("X-Auth-User", absent())
				.withHeader("X-Authenticated-Userid", absent())
				.withHeader("X-Forwarded-User", absent())
				.withHeader("X-Custom", equalTo("kept"))
				.withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer " + token)));
	}

	@Test
	void forgedIdentityHeadersAreStrippedOnPublicRoutesToo() {
		anonymous.get()
			.uri("/v1/celebrities/c-1")
			.header("X-User-Id", TestTokens.ADMIN_ID.toString())
			.exchange()
			.expectStatus()
			.isOk();

		BACKENDS.get("celebrity").verify(1, getRequestedFor(urlEqualTo("/v1/celebrities/c-1"))
			.withHeader("X-User-Id", absent()));
	}

}

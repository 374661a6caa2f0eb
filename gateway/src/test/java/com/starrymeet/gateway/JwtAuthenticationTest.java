package com.starrymeet.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.nimbusds.jwt.JWTClaimsSet;
import com.starrymeet.gateway.security.CachingJwtDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Bearer tokens at the edge: every forgery and expiry refused with 401, valid ones forwarded, verified once. */
class JwtAuthenticationTest extends GatewayIntegrationTest {

	private static final UUID USER = UUID.randomUUID();

	@Autowired
	CachingJwtDecoder decoder;

	static Stream<Arguments> rejectedTokens() {
		Instant now = Instant.now();
		return Stream.of(
				arguments("alg none", (Supplier<String>) () -> TestTokens.unsigned(claims().build())),
				arguments("HS256 keyed with the public key",
						(Supplier<String>) () -> TestTokens.hs256WithPublicKey(claims().build())),
				arguments("bad signature (other key, our kid)", (Supplier<String>) () -> TestTokens
					.sign(TestTokens.FOREIGN_KEY, TestTokens.KEY.getKeyID(), claims().build())),
				arguments("tampered claims (role raised)", (Supplier<String>) () -> TestTokens.tampered(
						TestTokens.token(USER, "USER"), claims().claim("role", "ADMIN").build())),
				arguments("expired", (Supplier<String>) () -> TestTokens.sign(claims()
					.issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
					.expirationTime(Date.from(now.minus(Duration.ofMinutes(5))))
					.build())),
				arguments("not yet valid (nbf in the future)", (Supplier<String>) () -> TestTokens
					.sign(claims().notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5)))).build())),
				arguments("wrong iss", (Supplier<String>) () -> TestTokens
					.sign(claims().issuer("https://evil.example").build())),
				arguments("wrong aud", (Supplier<String>) () -> TestTokens
					.sign(claims().audience("another-api").build())),
				arguments("unknown kid", (Supplier<String>) () -> TestTokens
					.sign(TestTokens.FOREIGN_KEY, "unknown-kid", claims().build())),
				arguments("no jti", (Supplier<String>) () -> TestTokens.sign(claims().jwtID(null).build())),
				arguments("no exp", (Supplier<String>) () -> TestTokens.sign(claims().expirationTime(null).build())),
				arguments("not a JWT", (Supplier<String>) () -> "not-a-jwt"));
	}

	private static JWTClaimsSet.Builder claims() {
		return TestTokens.claims(USER, "USER");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rejectedTokens")
	void invalidTokenIsUnauthorizedProblemAndNeverForwarded(String name, Supplier<String> token) {
		anonymous.get()
			.uri("/v1/bookings")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token.get())
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE,
					(challenge) -> assertThat(challenge).startsWith("Bearer ").contains("error=\"invalid_token\""))
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://api.starrymeet.com/problems/unauthorized")
			.jsonPath("$.title").isEqualTo("Unauthorized")
			.jsonPath("$.status").isEqualTo(401)
			.jsonPath("$.detail").isEqualTo("The access token is invalid or expired.")
			.jsonPath("$.instance").isEqualTo("/v1/bookings")
			.jsonPath("$.code").isEqualTo("UNAUTHORIZED")
			.jsonPath("$.success").isEqualTo(false)
			.jsonPath("$.traceId").value(String.class, (traceId) -> assertThat(traceId).matches(TRACE_ID));

		BACKENDS.get("booking").verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void missingTokenIsUnauthorizedWithPlainChallenge() {
		anonymous.post()
			.uri("/v1/bookings")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"starrymeet\"")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code").isEqualTo("UNAUTHORIZED")
			.jsonPath("$.detail").isEqualTo("An access token is required.");

		BACKENDS.get("booking").verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void malformedAuthorizationHeaderIsUnauthorized() {
		anonymous.get()
			.uri("/v1/users/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer ")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (challenge) -> assertThat(challenge).startsWith("Bearer "))
			.expectBody()
			.jsonPath("$.code").isEqualTo("UNAUTHORIZED");
	}

	@Test
	void validTokenReachesTheServiceWithAuthorizationIntact() {
		String token = TestTokens.user();

		anonymous.get()
			.uri("/v1/users/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(Backends.BACKEND_HEADER, "user");

		BACKENDS.get("user")
			.verify(1, getRequestedFor(urlEqualTo("/v1/users/me")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer " + token)));
	}

	static Stream<Arguments> publicRoutes() {
		return Stream.of(arguments("POST", "/v1/auth/register", "user"), arguments("POST", "/v1/auth/login", "user"),
				arguments("POST", "/v1/auth/refresh", "user"), arguments("POST", "/v1/auth/forgot-password", "user"),
				arguments("POST", "/v1/auth/reset-password", "user"), arguments("POST", "/v1/auth/verify-email", "user"),
				arguments("POST", "/v1/auth/resend-verification", "user"),
				arguments("GET", "/.well-known/jwks.json", "user"), arguments("GET", "/v1/categories", "celebrity"),
				arguments("GET", "/v1/categories/music", "celebrity"), arguments("GET", "/v1/celebrities", "celebrity"),
				arguments("GET", "/v1/celebrities/c-1", "celebrity"),
				arguments("GET", "/v1/celebrities/c-1/availability", "booking"),
				arguments("GET", "/v1/celebrities/c-1/availability?month=2026-12", "booking"),
				arguments("GET", "/v1/celebrities/c-1/reviews", "celebrity"),
				arguments("GET", "/v1/celebrities/search?q=jazz", "search"),
				arguments("GET", "/v1/search/celebrities?q=jazz", "search"),
				arguments("POST", "/v1/search/filters", "search"),
				arguments("POST", "/v1/webhooks/stripe", "payment"),
				arguments("GET", "/v1/notifications/unsubscribe?token=t", "notification"),
				arguments("POST", "/v1/analytics/events", "analytics"),
				arguments("GET", "/v3/api-docs/user", "user"), arguments("GET", "/v3/api-docs/search", "search"));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("publicRoutes")
	void publicRouteWithoutTokenReachesTheService(String method, String path, String service) {
		anonymous.method(HttpMethod.valueOf(method))
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(Backends.BACKEND_HEADER, service);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("protectedRoutes")
	void protectedRouteWithoutTokenIsUnauthorized(String method, String path) {
		anonymous.method(HttpMethod.valueOf(method)).uri(path).exchange().expectStatus().isUnauthorized();

		BACKENDS.values().forEach((server) -> server.verify(0, anyRequestedFor(anyUrl())));
	}

	static Stream<Arguments> protectedRoutes() {
		// the same paths as public ones, with another method, are not public
		return Stream.of(arguments("POST", "/v1/auth/logout"), arguments("GET", "/v1/users/me"),
				arguments("POST", "/v1/celebrities"), arguments("PUT", "/v1/categories/music"),
				arguments("GET", "/v1/auth/login"), arguments("GET", "/v1/analytics/events"),
				arguments("POST", "/v1/bookings"), arguments("GET", "/v1/notifications"),
				arguments("GET", "/v1/admin/users"), arguments("GET", "/v1/uploads/x"),
				// own data under the public catalog prefix
				arguments("GET", "/v1/celebrities/me"), arguments("GET", "/v1/celebrities/me/meeting-types"),
				arguments("GET", "/v1/celebrities/applications/me"),
				arguments("GET", "/v1/celebrities/c-1/availability/locations"),
				arguments("GET", "/v1/celebrities/c-1/availability/windows?from=2026-12-01"),
				arguments("GET", "/v1/celebrities/c-1/availability/blocked-dates"),
				arguments("POST", "/v1/celebrities/applications"),
				arguments("POST", "/v1/celebrities/c-1/availability/windows"),
				// the API documents are public for GET only
				arguments("POST", "/v3/api-docs/user"), arguments("DELETE", "/v3/api-docs/booking"));
	}

	@Test
	void publicRouteWithAnInvalidTokenIsUnauthorizedToo() {
		anonymous.get()
			.uri("/v1/categories")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.sign(claims().issuer("https://evil.example").build()))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code").isEqualTo("UNAUTHORIZED");

		BACKENDS.get("celebrity").verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aTokenIsVerifiedOnceAndTheKeysAreFetchedAtMostOnce() {
		String first = TestTokens.user();
		String second = TestTokens.user();
		long before = decoder.verifications();

		for (int i = 0; i < 3; i++) {
			for (String token : List.of(first, second)) {
				anonymous.get()
					.uri("/v1/bookings")
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
					.exchange()
					.expectStatus()
					.isOk();
			}
		}

		assertThat(decoder.verifications() - before).as("signature checks for 2 tokens used 3 times each").isEqualTo(2);
		assertThat(BACKENDS.get("user").countRequestsMatching(getRequestedFor(urlEqualTo(Backends.JWKS_PATH)).build())
			.getCount()).isLessThanOrEqualTo(1);
	}

	@Test
	void madeUpKeyIdsDoNotMakeTheGatewayRefetchTheKeysEachTime() {
		for (int i = 0; i < 5; i++) {
			anonymous.get()
				.uri("/v1/bookings")
				.header(HttpHeaders.AUTHORIZATION,
						"Bearer " + TestTokens.sign(TestTokens.FOREIGN_KEY, "kid-" + i, claims().build()))
				.exchange()
				.expectStatus()
				.isUnauthorized();
		}

		assertThat(BACKENDS.get("user").countRequestsMatching(getRequestedFor(urlEqualTo(Backends.JWKS_PATH)).build())
			.getCount()).isLessThanOrEqualTo(1);
	}

}

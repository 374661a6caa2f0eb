package com.starrymeet.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway half of logout and suspension: keys user-service writes in Redis stop a live
 * (signed, unexpired, already cached) access token on the very next request.
 */
class TokenRevocationTest extends GatewayIntegrationTest {

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Test
	void denyListedTokenIsRevokedWhileTheUsersOtherTokensStillWork() {
		UUID user = UUID.randomUUID();
		JWTClaimsSet loggedOutClaims = TestTokens.claims(user, "USER").build();
		String loggedOut = TestTokens.sign(loggedOutClaims);
		String otherSession = TestTokens.token(user, "USER");
		expectStatus(loggedOut, 200); // verified and cached before the logout

		redis.opsForValue().set("denied:jti:" + loggedOutClaims.getJWTID(), "1", Duration.ofMinutes(15)).block();

		anonymous.get()
			.uri("/v1/users/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + loggedOut)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (challenge) -> assertThat(challenge).startsWith("Bearer ")
				.contains("error=\"invalid_token\""))
			.expectBody()
			.jsonPath("$.code").isEqualTo("TOKEN_REVOKED")
			.jsonPath("$.status").isEqualTo(401)
			.jsonPath("$.type").isEqualTo("https://api.starrymeet.com/problems/token-revoked")
			.jsonPath("$.success").isEqualTo(false);
		expectStatus(otherSession, 200);
		BACKENDS.get("user").verify(2, anyRequestedFor(urlEqualTo("/v1/users/me")));
	}

	@Test
	void tokensIssuedBeforeTheUsersNotBeforeAreRevokedAndLaterOnesAccepted() {
		UUID user = UUID.randomUUID();
		Instant now = Instant.now();
		String before = TestTokens.sign(TestTokens.claims(user, "USER")
			.issueTime(Date.from(now.minus(Duration.ofMinutes(2))))
			.build());
		String after = TestTokens.sign(TestTokens.claims(user, "USER").issueTime(Date.from(now)).build());
		String someoneElse = TestTokens.sign(TestTokens.claims(UUID.randomUUID(), "USER")
			.issueTime(Date.from(now.minus(Duration.ofMinutes(2))))
			.build());
		expectStatus(before, 200);

		// suspension / password reset: every token issued before this second is dead
		redis.opsForValue()
			.set("auth:not-before:" + user, Long.toString(now.minusSeconds(30).getEpochSecond()),
					Duration.ofMinutes(15))
			.block();

		expectStatus(before, 401);
		expectStatus(after, 200);
		expectStatus(someoneElse, 200);
	}

	@Test
	void revokedTokenIsRefusedOnPublicRoutesToo() {
		JWTClaimsSet claims = TestTokens.claims(UUID.randomUUID(), "USER").build();
		redis.opsForValue().set("denied:jti:" + claims.getJWTID(), "1", Duration.ofMinutes(15)).block();

		anonymous.get()
			.uri("/v1/categories")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.sign(claims))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code").isEqualTo("TOKEN_REVOKED");
	}

	private void expectStatus(String token, int status) {
		anonymous.get()
			.uri("/v1/users/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isEqualTo(status);
	}

}

package com.starrymeet.gateway.security;

import com.starrymeet.gateway.security.EdgeAccess.Rule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/** The edge's access rules, one request at a time, in the order they apply. */
class EdgeAccessTest {

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({
			// public reads
			"GET, /v1/categories, PUBLIC", "GET, /v1/celebrities, PUBLIC", "GET, /v1/celebrities/abc, PUBLIC",
			"GET, /v1/celebrities/abc/availability, PUBLIC", "GET, /v1/search/celebrities, PUBLIC",
			"GET, /.well-known/jwks.json, PUBLIC", "GET, /v3/api-docs/user, PUBLIC", "GET, /v1/ws, PUBLIC",
			"GET, /v1/notifications/unsubscribe, PUBLIC",
			// private although under a public prefix: checked first
			"GET, /v1/celebrities/me, AUTHENTICATED", "GET, /v1/celebrities/me/bookings, AUTHENTICATED",
			"GET, /v1/celebrities/applications/x, AUTHENTICATED",
			"GET, /v1/celebrities/abc/availability/windows, AUTHENTICATED",
			"GET, /v1/celebrities/abc/availability/blocked-dates/2026-12-01, AUTHENTICATED",
			// a public read path is not public for other methods
			"POST, /v1/celebrities, AUTHENTICATED", "HEAD, /v1/categories, AUTHENTICATED",
			"DELETE, /v1/celebrities/abc, AUTHENTICATED",
			// public posts, and only as posts
			"POST, /v1/auth/login, PUBLIC", "POST, /v1/webhooks/stripe, PUBLIC", "POST, /v1/search/filters, PUBLIC",
			"GET, /v1/auth/login, AUTHENTICATED", "POST, /v1/auth/logout, AUTHENTICATED",
			// any method
			"DELETE, /internal/anything, PUBLIC", "POST, /fallback/booking, PUBLIC", "GET, /actuator/health, PUBLIC",
			// admin
			"GET, /v1/admin/users, ADMIN", "POST, /v1/admin/celebrity-applications/x/approve, ADMIN",
			// everything else
			"GET, /v1/bookings, AUTHENTICATED", "GET, /v1/users/me, AUTHENTICATED", "GET, /, AUTHENTICATED",
			"GET, /v1/categoriesx, AUTHENTICATED", "GET, /v1/administrator, AUTHENTICATED" })
	void rule(String method, String path, Rule expected) {
		MockServerHttpRequest request = MockServerHttpRequest.method(HttpMethod.valueOf(method), path).build();

		assertThat(EdgeAccess.of(request)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} {1} with token {2} -> short chain {3}")
	@CsvSource({ "GET, /v1/categories, false, true", "GET, /v1/categories, true, false",
			"GET, /v1/celebrities/me, false, false", "POST, /v1/auth/login, false, true",
			"GET, /v1/bookings, false, false" })
	void onlyAnonymousPublicRequestsTakeTheShortChain(String method, String path, boolean token, boolean shortChain) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.method(HttpMethod.valueOf(method), path);
		if (token) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer abc");
		}

		assertThat(EdgeAccess.isAnonymousPublic(MockServerWebExchange.from(request))).isEqualTo(shortChain);
	}

}

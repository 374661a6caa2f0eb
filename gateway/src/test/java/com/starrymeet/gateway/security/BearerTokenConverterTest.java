package com.starrymeet.gateway.security;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link BearerTokenConverter} answers every header exactly as Spring Security's converter does. */
class BearerTokenConverterTest {

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "Bearer abc.def.ghi", "bearer abc", "BEARER abc", "Bearer a-b._~+/c==", "Bearer abc=",
			"Bearer ==", "Bearer =abc", "Bearer ", "Bearer", "Bearer  abc", "Bearer abc def", "Bearer abc ",
			"Bearer ab\"c", "Bearer ab%c", "Bearerabc", "Basic dXNlcjpwYXNz", "Token abc", "", "B",
			"Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "Bearer a=b", "Bearer\tabc" })
	void answersLikeSpringSecurity(String authorization) {
		MockServerHttpRequest request = MockServerHttpRequest.get("/v1/bookings")
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.build();

		assertThat(outcome(new BearerTokenConverter(), request))
			.isEqualTo(outcome(new ServerBearerTokenAuthenticationConverter(), request));
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "Bearer abc", "Bearer a-b._~+/c==" })
	void wellFormedTokensAreRead(String authorization) {
		MockServerHttpRequest request = MockServerHttpRequest.get("/v1/bookings")
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.build();

		assertThat(outcome(new BearerTokenConverter(), request)).isEqualTo("token " + authorization.substring(7));
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "/v1/bookings?access_token=abc" })
	void aTokenInTheQueryStringIsNotATokenEither(String uri) {
		MockServerHttpRequest request = MockServerHttpRequest.get(uri).build();

		assertThat(outcome(new BearerTokenConverter(), request)).isEqualTo("none")
			.isEqualTo(outcome(new ServerBearerTokenAuthenticationConverter(), request));
	}

	/** "none", "token &lt;value&gt;" or "error &lt;OAuth2 error code&gt;". */
	private static String outcome(ServerAuthenticationConverter converter, MockServerHttpRequest request) {
		try {
			Optional<Authentication> authentication = converter.convert(MockServerWebExchange.from(request))
				.blockOptional();
			return authentication.map((token) -> "token " + ((BearerTokenAuthenticationToken) token).getToken())
				.orElse("none");
		}
		catch (OAuth2AuthenticationException ex) {
			return "error " + ex.getError().getErrorCode();
		}
	}

}

package com.starrymeet.gateway.security;

import com.starrymeet.gateway.error.GatewayProblem;
import com.starrymeet.gateway.error.ProblemWriter;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * 401 and 403 as problem+json with an RFC 6750 {@code WWW-Authenticate} challenge. The detail is
 * one of a few fixed sentences: why exactly a token failed (which claim, which key) is not told. Also the
 * {@code 400} of a URL the firewall refuses ({@code ..}, encoded slashes, ...), which Spring Security would
 * answer with an empty body.
 */
@Component
class SecurityProblems
		implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler, ServerExchangeRejectedHandler {

	private static final String REALM = "Bearer realm=\"starrymeet\"";

	private final ProblemWriter problems;

	SecurityProblems(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		GatewayProblem problem;
		String challenge;
		if (ex instanceof TokenRevokedException) {
			problem = GatewayProblem.tokenRevoked();
			challenge = challenge(BearerTokenErrorCodes.INVALID_TOKEN, "The access token has been revoked");
		}
		else if (ex instanceof OAuth2AuthenticationException oauth
				&& BearerTokenErrorCodes.INVALID_REQUEST.equals(oauth.getError().getErrorCode())) {
			problem = GatewayProblem.unauthorized("The Authorization header is malformed.");
			challenge = challenge(BearerTokenErrorCodes.INVALID_REQUEST, "Malformed bearer token");
		}
		else if (ex instanceof OAuth2AuthenticationException) {
			problem = GatewayProblem.unauthorized("The access token is invalid or expired.");
			challenge = challenge(BearerTokenErrorCodes.INVALID_TOKEN, "The access token is invalid or expired");
		}
		else {
			problem = GatewayProblem.unauthorized("An access token is required.");
			challenge = REALM;
		}
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
		return problems.write(exchange, problem);
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		exchange.getResponse()
			.getHeaders()
			.set(HttpHeaders.WWW_AUTHENTICATE, challenge(BearerTokenErrorCodes.INSUFFICIENT_SCOPE,
					"The access token does not grant access to this resource"));
		return problems.write(exchange, GatewayProblem.forbidden());
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
		return problems.write(exchange, GatewayProblem.badRequest());
	}

	private static String challenge(String error, String description) {
		return REALM + ", error=\"" + error + "\", error_description=\"" + description + "\"";
	}

}

package com.starrymeet.user.token;

import java.time.Instant;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;

/**
 * The access token of the current request, as far as deny-listing it needs: its {@code jti} and expiry. Who the
 * caller is comes from common-lib's {@code Caller}, never from here.
 */
public record PresentedAccessToken(String jti, Instant expiresAt) {

	/**
	 * The bearer token the current request was authenticated with.
	 * @throws InsufficientAuthenticationException (401) when the request has none
	 */
	public static PresentedAccessToken current() {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken authentication
				&& authentication.getToken().getId() != null) {
			var jwt = authentication.getToken();
			var expiresAt = jwt.getExpiresAt();
			return new PresentedAccessToken(jwt.getId(), expiresAt != null ? expiresAt : Instant.now().plus(AccessTokens.LIFETIME));
		}
		throw new InsufficientAuthenticationException("A bearer access token is required");
	}
}

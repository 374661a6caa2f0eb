package com.starrymeet.gateway.security;

import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** A verified access token that was deny-listed (logout) or issued before its user's not-before. */
class TokenRevokedException extends InvalidBearerTokenException {

	TokenRevokedException() {
		super("The access token has been revoked");
	}

}

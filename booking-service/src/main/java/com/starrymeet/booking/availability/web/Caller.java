package com.starrymeet.booking.availability.web;

import java.util.UUID;

import com.starrymeet.common.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;

/** The authenticated caller: the token's subject and role. */
record Caller(UUID userId, boolean celebrity, boolean admin) {

	static Caller of(Authentication authentication) {
		UUID id;
		try {
			id = UUID.fromString(authentication.getName());
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "The token's subject is not an account id");
		}
		var authorities = authentication.getAuthorities();
		return new Caller(id, authorities.stream().anyMatch(a -> "ROLE_CELEBRITY".equals(a.getAuthority())),
				authorities.stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority())));
	}
}

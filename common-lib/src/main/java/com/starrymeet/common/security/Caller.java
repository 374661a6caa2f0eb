package com.starrymeet.common.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling, with which role: the one way every controller learns it. Declare a {@code Caller} parameter
 * on a handler method (resolved by {@link CallerArgumentResolver}); declare {@code Optional<Caller>} where an
 * anonymous caller is allowed.
 * <p>
 * <b>The rule for 401, 403 and 404</b> (ARCHITECTURE.md, API conventions), the same in every service:
 * <ul>
 * <li>no token, an invalid or expired one, or one whose subject is not an account id: <b>401</b>
 * {@code UNAUTHORIZED};</li>
 * <li>a valid token whose role may not use the route at all (an admin route, a celebrity-only route):
 * <b>403</b> {@code FORBIDDEN} — {@link #requireRole};</li>
 * <li>an object the caller may not see (another fan's booking, another celebrity's calendar): <b>404</b>, as
 * if it did not exist, so ids cannot be probed — except where the object is public anyway (a public profile
 * another celebrity may not edit), which is 403.</li>
 * </ul>
 */
public record Caller(UUID userId, Role role) {

	/** The roles of the {@code role} claim, from least to most privileged. */
	public enum Role {

		USER, CELEBRITY, ADMIN;

		static @Nullable Role ofAuthority(String authority) {
			if (!authority.startsWith("ROLE_")) {
				return null;
			}
			try {
				return valueOf(authority.substring(5).toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
	}

	/**
	 * The caller of an authenticated request.
	 * @throws InsufficientAuthenticationException (401) when the request is anonymous
	 * @throws BadCredentialsException (401) when the token's subject is not an account id
	 */
	public static Caller of(@Nullable Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			throw new InsufficientAuthenticationException("Authentication is required");
		}
		UUID id;
		try {
			id = UUID.fromString(authentication.getName());
		}
		catch (IllegalArgumentException ex) {
			throw new BadCredentialsException("The token's subject is not an account id");
		}
		var role = authentication.getAuthorities()
			.stream()
			.map(a -> Role.ofAuthority(String.valueOf(a.getAuthority())))
			.filter(r -> r != null)
			.max(Enum::compareTo)
			.orElse(Role.USER);
		return new Caller(id, role);
	}

	public boolean isAdmin() {
		return role == Role.ADMIN;
	}

	public boolean isCelebrity() {
		return role == Role.CELEBRITY;
	}

	/** Whether this caller is the account {@code userId}. */
	public boolean is(@Nullable UUID userId) {
		return this.userId.equals(userId);
	}

	/**
	 * This caller, if its role is one of {@code allowed}.
	 * @throws AccessDeniedException (403) otherwise
	 */
	public Caller requireRole(Role... allowed) {
		if (Arrays.asList(allowed).contains(role)) {
			return this;
		}
		throw new AccessDeniedException("This route needs the role " + Arrays.toString(allowed));
	}
}

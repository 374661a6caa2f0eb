package com.starrymeet.gateway.security;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Removes identity headers a client may have made up, before anything else reads the request, so
 * that no service can be tricked into trusting them: services trust only the token, which is
 * forwarded untouched in {@code Authorization}.
 */
@Component
class IdentityHeaderStrippingWebFilter implements WebFilter, Ordered {

	/** Lower-case prefixes of removed headers. */
	static final List<String> PREFIXES = List.of("x-user-", "x-auth-", "x-authenticated-", "x-forwarded-user",
			"x-remote-user", "x-jwt-", "x-principal");

	/** Lower-case names of removed headers. */
	static final Set<String> NAMES = Set.of("x-user", "x-userid", "x-roles", "x-role", "x-email", "x-scopes",
			"remote-user");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		List<String> forged = request.getHeaders().headerNames().stream().filter(IdentityHeaderStrippingWebFilter::isIdentity).toList();
		if (forged.isEmpty()) {
			return chain.filter(exchange);
		}
		ServerHttpRequest stripped = request.mutate().headers((headers) -> forged.forEach(headers::remove)).build();
		return chain.filter(exchange.mutate().request(stripped).build());
	}

	static boolean isIdentity(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return NAMES.contains(lower) || PREFIXES.stream().anyMatch(lower::startsWith);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 20;
	}

}

package com.starrymeet.gateway.security;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthenticatedReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorityReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The edge's access rules: which requests are public, which need a token and which need {@code ADMIN}.
 * <p>
 * One synchronous pass over precompiled path patterns, first rule that applies wins (the order of the lists
 * below). It replaces Spring Security's {@code pathMatchers(...)} chain, which evaluated every pattern as its own
 * reactive matcher (about 35 per request, each logging at debug) and cost more than the proxying itself in the
 * gateway benchmark. The same rules decide two things: the authorization of every request that goes through the
 * full chain ({@link #authorization()}), and which requests may take the short chain for anonymous public reads
 * ({@link #anonymousPublicRequest()}).
 */
final class EdgeAccess {

	/** What a request needs. */
	enum Rule {

		/** Anyone; a token, when sent, is still verified (an invalid token is 401 on public routes too). */
		PUBLIC,

		/** A verified, unrevoked token. */
		AUTHENTICATED,

		/** A token with the {@code ADMIN} role. */
		ADMIN

	}

	/**
	 * Public: {@code POST} auth endpoints that come before a token exists, webhooks, ingestion, and faceted search (a
	 * query in a body).
	 */
	static final List<String> PUBLIC_POSTS = List.of("/v1/auth/register", "/v1/auth/login", "/v1/auth/refresh",
			"/v1/auth/forgot-password", "/v1/auth/reset-password", "/v1/auth/verify-email",
			"/v1/auth/resend-verification", "/v1/webhooks/stripe", "/v1/analytics/events", "/v1/search/filters");

	/**
	 * Not public although under a public prefix: a caller's own profile and application, and the owner's views of an
	 * availability calendar (its locations, windows and blocked dates). Checked before {@link #PUBLIC_GETS}; the
	 * services check ownership too.
	 */
	static final List<String> PRIVATE_GETS = List.of("/v1/celebrities/me", "/v1/celebrities/me/**",
			"/v1/celebrities/applications/**", "/v1/celebrities/*/availability/locations",
			"/v1/celebrities/*/availability/locations/**", "/v1/celebrities/*/availability/windows",
			"/v1/celebrities/*/availability/windows/**", "/v1/celebrities/*/availability/blocked-dates",
			"/v1/celebrities/*/availability/blocked-dates/**");

	/**
	 * Public: the signing keys, the catalog (incl. availability), search, each service's OpenAPI document and the
	 * Swagger UI, the unsubscribe link of e-mails (its signed token is the authorization), and the WebSocket upgrade
	 * of live updates ({@code /v1/ws}: a browser cannot send a header with it; notification-service authenticates the
	 * first frame with the access token and closes the socket when the token expires).
	 */
	static final List<String> PUBLIC_GETS = List.of("/.well-known/jwks.json", "/v1/categories", "/v1/categories/**",
			"/v1/celebrities", "/v1/celebrities/**", "/v1/search", "/v1/search/**", "/v3/api-docs", "/v3/api-docs/*",
			"/swagger-ui.html", "/swagger-ui/**", "/v1/notifications/unsubscribe", "/v1/ws");

	/**
	 * Public with any method: {@code /actuator/**} (on the public port only the health status and the probes exist,
	 * see {@code PublicHealth}; everything else there is 404; on the management port actuator answers),
	 * circuit-breaker fallbacks, and {@code /internal/**}, which is never routed: it answers 404 to everyone rather
	 * than hinting with a 401.
	 */
	static final List<String> PUBLIC_ANY = List.of("/internal/**", "/actuator", "/actuator/**", "/fallback/**");

	/** Needs {@code ADMIN}, any method. */
	static final List<String> ADMIN_ANY = List.of("/v1/admin/**");

	private static final PathPattern[] publicPosts = compile(PUBLIC_POSTS);

	private static final PathPattern[] privateGets = compile(PRIVATE_GETS);

	private static final PathPattern[] publicGets = compile(PUBLIC_GETS);

	private static final PathPattern[] publicAny = compile(PUBLIC_ANY);

	private static final PathPattern[] adminAny = compile(ADMIN_ANY);

	private static final Mono<AuthorizationResult> GRANTED = Mono.just(new AuthorizationDecision(true));

	private EdgeAccess() {
	}

	/** The rule for a request, decided by its method and its path within the application. */
	static Rule of(ServerHttpRequest request) {
		return of(request.getMethod(), request.getPath().pathWithinApplication());
	}

	static Rule of(HttpMethod method, PathContainer path) {
		if (HttpMethod.POST.equals(method) && matches(publicPosts, path)) {
			return Rule.PUBLIC;
		}
		if (HttpMethod.GET.equals(method)) {
			if (matches(privateGets, path)) {
				return Rule.AUTHENTICATED;
			}
			if (matches(publicGets, path)) {
				return Rule.PUBLIC;
			}
		}
		if (matches(publicAny, path)) {
			return Rule.PUBLIC;
		}
		return matches(adminAny, path) ? Rule.ADMIN : Rule.AUTHENTICATED;
	}

	/**
	 * The authorization of the full chain: public requests are granted, the others need an authenticated caller, and
	 * {@code ADMIN} routes that role too.
	 */
	static ReactiveAuthorizationManager<AuthorizationContext> authorization() {
		ReactiveAuthorizationManager<AuthorizationContext> authenticated = AuthenticatedReactiveAuthorizationManager
			.authenticated();
		ReactiveAuthorizationManager<AuthorizationContext> admin = AuthorityReactiveAuthorizationManager.hasRole("ADMIN");
		return new ReactiveAuthorizationManager<>() {
			@Override
			public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
				return switch (of(context.getExchange().getRequest())) {
					case PUBLIC -> GRANTED;
					case AUTHENTICATED -> authenticated.authorize(authentication, context);
					case ADMIN -> admin.authorize(authentication, context);
				};
			}
		};
	}

	/**
	 * A request the short chain may serve: public by {@link #of}, and without an {@code Authorization} header (a
	 * token, when sent, goes through the full chain so that an invalid or revoked one is refused on public routes
	 * too).
	 */
	static ServerWebExchangeMatcher anonymousPublicRequest() {
		return (exchange) -> isAnonymousPublic(exchange) ? ServerWebExchangeMatcher.MatchResult.match()
				: ServerWebExchangeMatcher.MatchResult.notMatch();
	}

	static boolean isAnonymousPublic(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		return !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION) && of(request) == Rule.PUBLIC;
	}

	private static boolean matches(PathPattern[] patterns, PathContainer path) {
		for (PathPattern pattern : patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	private static PathPattern[] compile(List<String> patterns) {
		PathPatternParser parser = new PathPatternParser();
		return patterns.stream().map(parser::parse).toArray(PathPattern[]::new);
	}

}

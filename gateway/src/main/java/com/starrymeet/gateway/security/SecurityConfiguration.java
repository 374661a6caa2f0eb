package com.starrymeet.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Ticker;
import com.starrymeet.gateway.GatewaySettings;
import com.starrymeet.gateway.error.ProblemWriter;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The gateway's edge security: which routes are public, RS256 bearer tokens verified against
 * user-service's JWKS (cached per token) and checked against the deny-list on every request,
 * {@code ADMIN} for {@code /v1/admin/**}, CORS and security headers. Stateless: no session, no
 * CSRF token (the API takes bearer tokens; the refresh cookie is SameSite=Strict).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	/**
	 * Public: {@code POST} auth endpoints that come before a token exists, webhooks, ingestion, and faceted
	 * search (a query in a body).
	 */
	static final String[] PUBLIC_POSTS = { "/v1/auth/register", "/v1/auth/login", "/v1/auth/refresh",
			"/v1/auth/forgot-password", "/v1/auth/reset-password", "/v1/auth/verify-email",
			"/v1/auth/resend-verification", "/v1/webhooks/stripe", "/v1/analytics/events", "/v1/search/filters" };

	/**
	 * Not public although under a public prefix: a caller's own profile and application, and the owner's views
	 * of an availability calendar (its locations, windows and blocked dates). Checked before {@link #PUBLIC_GETS};
	 * the services check ownership too.
	 */
	static final String[] PRIVATE_GETS = { "/v1/celebrities/me", "/v1/celebrities/me/**",
			"/v1/celebrities/applications/**", "/v1/celebrities/*/availability/locations",
			"/v1/celebrities/*/availability/locations/**", "/v1/celebrities/*/availability/windows",
			"/v1/celebrities/*/availability/windows/**", "/v1/celebrities/*/availability/blocked-dates",
			"/v1/celebrities/*/availability/blocked-dates/**" };

	/**
	 * Public: the signing keys, the catalog (incl. availability), search, each service's OpenAPI document and the
	 * Swagger UI, the unsubscribe link of e-mails (its signed token is the authorization), and the WebSocket upgrade
	 * of live updates ({@code /v1/ws}: a browser cannot send a header with it; notification-service authenticates the
	 * first frame with the access token and closes the socket when the token expires).
	 */
	static final String[] PUBLIC_GETS = { "/.well-known/jwks.json", "/v1/categories", "/v1/categories/**",
			"/v1/celebrities", "/v1/celebrities/**", "/v1/search", "/v1/search/**", "/v3/api-docs", "/v3/api-docs/*",
			"/swagger-ui.html", "/swagger-ui/**", "/v1/notifications/unsubscribe", "/v1/ws" };

	/**
	 * Public with any method: {@code /actuator/**} (on the public port only the health status and the probes
	 * exist, see {@code PublicHealth}; everything else there is 404; on the management port actuator answers),
	 * circuit-breaker fallbacks, and {@code /internal/**}, which is never routed: it answers 404 to everyone rather
	 * than hinting with a 401.
	 */
	static final String[] PUBLIC_ANY = { "/internal/**", "/actuator", "/actuator/**", "/fallback/**" };

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, CachingJwtDecoder jwtDecoder,
			SecurityProblems securityProblems, TokenRevocations revocations, ProblemWriter problems,
			GatewaySettings settings) {
		JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
		roles.setAuthoritiesClaimName("role");
		roles.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
		authentication.setJwtGrantedAuthoritiesConverter(roles);

		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.cors(ServerHttpSecurity.CorsSpec::disable)
			.addFilterAt(new CorsProblemWebFilter(corsConfigurationSource(settings.cors()), problems),
					SecurityWebFiltersOrder.CORS)
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.POST, PUBLIC_POSTS)
				.permitAll()
				.pathMatchers(HttpMethod.GET, PRIVATE_GETS)
				.authenticated()
				.pathMatchers(HttpMethod.GET, PUBLIC_GETS)
				.permitAll()
				.pathMatchers(PUBLIC_ANY)
				.permitAll()
				.pathMatchers("/v1/admin/**")
				.hasRole("ADMIN")
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.jwtDecoder(jwtDecoder)
					.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(authentication)))
				.authenticationEntryPoint(securityProblems)
				.accessDeniedHandler(securityProblems))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(securityProblems)
				.accessDeniedHandler(securityProblems))
			.addFilterAfter(new TokenRevocationWebFilter(revocations, securityProblems, problems, settings),
					SecurityWebFiltersOrder.AUTHENTICATION)
			.headers((headers) -> headers.frameOptions((frame) -> frame.mode(Mode.DENY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.writer(new ContentSecurityPolicyWriter()))
			.build();
	}

	@Bean
	CachingJwtDecoder jwtDecoder(GatewaySettings settings) {
		GatewaySettings.Auth auth = settings.auth();
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings.timeouts().connectMs())
			.responseTimeout(Duration.ofMillis(settings.timeouts().responseMs()));
		WebClient webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build();
		JwkSetSource keys = new JwkSetSource(webClient, auth.jwkSetUri(), auth.jwksRefreshInterval(),
				auth.jwksMinRefetchInterval(), Clock.systemUTC());
		// RS256 only: "none", HS256 (e.g. keyed with the public key) and any other algorithm are refused
		NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withJwkSource(keys)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		nimbus.setJwtValidator(validator(auth));
		return new CachingJwtDecoder(nimbus, auth.tokenCacheSize(), Clock.systemUTC(), Ticker.systemTicker());
	}

	static OAuth2TokenValidator<Jwt> validator(GatewaySettings.Auth auth) {
		OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
				(aud) -> aud != null && aud.contains(auth.audience()));
		OAuth2TokenValidator<Jwt> required = (jwt) -> {
			boolean complete = jwt.getSubject() != null && jwt.getId() != null && jwt.getIssuedAt() != null
					&& jwt.getExpiresAt() != null;
			return complete ? OAuth2TokenValidatorResult.success()
					: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
							"The token lacks one of sub, jti, iat, exp", null));
		};
		return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(auth.clockSkew()),
				new JwtIssuerValidator(auth.issuer()), audience, required);
	}

	static CorsConfigurationSource corsConfigurationSource(GatewaySettings.Cors settings) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(settings.allowedOrigins());
		cors.setAllowCredentials(true);
		cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key", "traceparent",
				"X-Requested-With"));
		cors.setExposedHeaders(List.of("X-Trace-Id", "Retry-After", "X-RateLimit-Remaining", "Location",
				"WWW-Authenticate"));
		cors.setMaxAge(settings.maxAge());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors);
		return source;
	}

}

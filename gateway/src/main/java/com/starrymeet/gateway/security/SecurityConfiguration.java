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
import org.springframework.core.annotation.Order;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
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
 * The gateway's edge security: which routes are public ({@link EdgeAccess}), RS256 bearer tokens verified against
 * user-service's JWKS (cached per token) and checked against the deny-list on every request,
 * {@code ADMIN} for {@code /v1/admin/**}, CORS and security headers. Stateless: no session, no
 * CSRF token (the API takes bearer tokens; the refresh cookie is SameSite=Strict).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	/**
	 * Security's own observations (one per filter, and per authentication and authorization) are off: they cost ~20 %
	 * of the gateway's throughput, and the request's server and client spans stay. Without this bean Security still
	 * wraps every filter of its chain in an observation decorator even when
	 * {@code management.observations.enable.spring.security} is false.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * The short chain for anonymous public reads ({@link EdgeAccess#anonymousPublicRequest()}: a public route, no
	 * {@code Authorization} header): the firewall, CORS and the security headers, nothing else, because there is no
	 * token to verify or revoke and nothing to authorize. The catalog and search, the hot paths of the site, take it.
	 */
	@Bean
	@Order(0)
	SecurityWebFilterChain anonymousPublicChain(ServerHttpSecurity http, ProblemWriter problems,
			GatewaySettings settings) {
		// no authorizeExchange: everything this chain matches is public, so an authorization filter would only grant
		return edge(http.securityMatcher(EdgeAccess.anonymousPublicRequest()), problems, settings).build();
	}

	/** Every other request: bearer tokens, the deny-list, and {@link EdgeAccess}'s rules. */
	@Bean
	@Order(1)
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, CachingJwtDecoder jwtDecoder,
			SecurityProblems securityProblems, TokenRevocations revocations, ProblemWriter problems,
			GatewaySettings settings) {
		JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
		roles.setAuthoritiesClaimName("role");
		roles.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
		authentication.setJwtGrantedAuthoritiesConverter(roles);

		return edge(http, problems, settings)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().access(EdgeAccess.authorization()))
			.oauth2ResourceServer((resourceServer) -> resourceServer.bearerTokenConverter(new BearerTokenConverter())
				.jwt((jwt) -> jwt.jwtDecoder(jwtDecoder)
					.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(authentication)))
				.authenticationEntryPoint(securityProblems)
				.accessDeniedHandler(securityProblems))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(securityProblems)
				.accessDeniedHandler(securityProblems))
			.addFilterAfter(new TokenRevocationWebFilter(revocations, securityProblems, problems, settings),
					SecurityWebFiltersOrder.AUTHENTICATION)
			.build();
	}

	/** What both chains have: stateless, CORS with problem answers, the security headers. */
	private static ServerHttpSecurity edge(ServerHttpSecurity http, ProblemWriter problems, GatewaySettings settings) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.cors(ServerHttpSecurity.CorsSpec::disable)
			.addFilterAt(new CorsProblemWebFilter(corsConfigurationSource(settings.cors()), problems),
					SecurityWebFiltersOrder.CORS)
			.headers((headers) -> headers.frameOptions((frame) -> frame.mode(Mode.DENY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.writer(new ContentSecurityPolicyWriter()));
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

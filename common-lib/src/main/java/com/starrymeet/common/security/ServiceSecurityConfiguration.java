package com.starrymeet.common.security;

import com.starrymeet.common.web.ProblemWriter;
import com.starrymeet.common.web.Problems;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The default filter chain of a service: stateless, every request needs a valid bearer token except the
 * declared public paths; 401 and 403 answer problem+json and keep the {@code WWW-Authenticate} header.
 */
public final class ServiceSecurityConfiguration {

	static final String[] ALWAYS_PUBLIC = { "/actuator/health/**", "/actuator/health", "/actuator/info",
			"/actuator/prometheus", "/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html",
			"/error" };

	private ServiceSecurityConfiguration() {
	}

	public static SecurityFilterChain build(HttpSecurity http, ServiceSecurityProperties properties,
			ProblemWriter problems) throws Exception {

		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.authorizeHttpRequests(auth -> {
				auth.requestMatchers(ALWAYS_PUBLIC).permitAll();
				for (var entry : properties.publicPaths()) {
					var parts = entry.trim().split("\\s+", 2);
					if (parts.length == 2) {
						auth.requestMatchers(HttpMethod.valueOf(parts[0]), parts[1]).permitAll();
					}
					else {
						auth.requestMatchers(parts[0]).permitAll();
					}
				}
				auth.anyRequest().authenticated();
			})
			.oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(entryPoint(problems))
				.accessDeniedHandler(deniedHandler(problems)))
			.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint(problems))
				.accessDeniedHandler(deniedHandler(problems)));
		return http.build();
	}

	static AuthenticationEntryPoint entryPoint(ProblemWriter problems) {
		var bearer = new BearerTokenAuthenticationEntryPoint();
		return (request, response, ex) -> {
			bearer.commence(request, response, ex); // status + WWW-Authenticate
			problems.write(request, response, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
					Problems.defaultDetail(HttpStatus.UNAUTHORIZED));
		};
	}

	static AccessDeniedHandler deniedHandler(ProblemWriter problems) {
		var bearer = new BearerTokenAccessDeniedHandler();
		return (request, response, ex) -> {
			bearer.handle(request, response, ex);
			problems.write(request, response, HttpStatus.FORBIDDEN, "FORBIDDEN",
					Problems.defaultDetail(HttpStatus.FORBIDDEN));
		};
	}
}

package com.starrymeet.celebrity.profile.web;

import java.util.List;

import com.starrymeet.common.security.ServiceSecurityConfiguration;
import com.starrymeet.common.security.ServiceSecurityProperties;
import com.starrymeet.common.web.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code GET /v1/celebrities/**} is public, but {@code /v1/celebrities/me/**} is the talent's own profile and
 * {@code /v1/celebrities/applications/**} an account's application to become one: a first chain matches only those
 * paths and has no public path at all; the second is the service default (public paths from
 * {@code starrymeet.security.public-paths}).
 * <p>
 * Routes that only one role may use say so here too, so that a wrong role is 403 before its request body is read
 * and validated (a fan posting an invalid body to an admin route learns nothing about the body's rules); the
 * controllers still check the role of their {@code Caller}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String[] OWN_PROFILE = { "/v1/celebrities/me", "/v1/celebrities/me/**", "/v1/celebrities/applications",
			"/v1/celebrities/applications/**" };

	@Bean
	@Order(1)
	SecurityFilterChain ownProfileChain(HttpSecurity http, ProblemWriter problems) throws Exception {
		http.securityMatcher(OWN_PROFILE)
			.authorizeHttpRequests(auth -> auth.requestMatchers("/v1/celebrities/me", "/v1/celebrities/me/**")
				.hasRole("CELEBRITY"));
		return ServiceSecurityConfiguration.build(http, new ServiceSecurityProperties(List.of()), problems);
	}

	@Bean
	@Order(2)
	SecurityFilterChain serviceChain(HttpSecurity http, ServiceSecurityProperties properties, ProblemWriter problems)
			throws Exception {
		http.authorizeHttpRequests(auth -> auth.requestMatchers("/v1/admin/**")
			.hasRole("ADMIN")
			.requestMatchers(HttpMethod.PATCH, "/v1/celebrities/*")
			.hasAnyRole("CELEBRITY", "ADMIN"));
		return ServiceSecurityConfiguration.build(http, properties, problems);
	}
}

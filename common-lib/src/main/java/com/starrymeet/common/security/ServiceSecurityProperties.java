package com.starrymeet.common.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a service lets through without a token. Each entry is a path pattern, optionally preceded by an
 * HTTP method: {@code "GET /v1/categories/**"} or {@code "/v1/webhooks/stripe"}. Health, metrics, API docs
 * and the error page are always public. Tokens themselves are validated by Spring Boot's resource server
 * ({@code spring.security.oauth2.resourceserver.jwt.*}: JWKS URI, audiences, role claim).
 */
@ConfigurationProperties("starrymeet.security")
public record ServiceSecurityProperties(@DefaultValue List<String> publicPaths) {
}

package com.starrymeet.gateway.security;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code Content-Security-Policy} on every response that has none: the API answers JSON, which
 * needs nothing, so it gets a deny-all policy; the Swagger UI pages get one that lets their own
 * scripts, styles and images load from the gateway. Both forbid framing.
 */
class ContentSecurityPolicyWriter implements ServerHttpHeadersWriter {

	static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

	static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

	static final String DOCS_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
			+ "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

	@Override
	public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		if (!headers.containsHeader(CONTENT_SECURITY_POLICY)) {
			String path = exchange.getRequest().getPath().pathWithinApplication().value();
			boolean docs = path.startsWith("/swagger-ui/") || path.equals("/swagger-ui.html");
			headers.set(CONTENT_SECURITY_POLICY, docs ? DOCS_POLICY : API_POLICY);
		}
		return Mono.empty();
	}

}

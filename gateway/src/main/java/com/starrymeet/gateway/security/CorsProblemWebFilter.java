package com.starrymeet.gateway.security;

import com.starrymeet.gateway.error.GatewayProblem;
import com.starrymeet.gateway.error.ProblemWriter;
import reactor.core.publisher.Mono;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Spring's {@code CorsWebFilter}, except that a refused CORS request is answered like every other error of the
 * gateway: {@code 403} problem+json {@code CORS_REJECTED} (Spring's answers an empty 403). Preflights are
 * answered here and never reach a service. Sits in the security chain where Spring Security puts its own CORS
 * filter: after the security headers, before authentication.
 */
final class CorsProblemWebFilter implements WebFilter {

	private final CorsConfigurationSource source;

	private final ProblemWriter problems;

	private final CorsProcessor processor = new DefaultCorsProcessor();

	CorsProblemWebFilter(CorsConfigurationSource source, ProblemWriter problems) {
		this.source = source;
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		CorsConfiguration config = source.getCorsConfiguration(exchange);
		if (!processor.process(config, exchange)) {
			return problems.write(exchange, GatewayProblem.corsRejected());
		}
		if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
			return Mono.empty();
		}
		return chain.filter(exchange);
	}

}

package com.starrymeet.gateway.observability;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Records the trace id and original path of every request and puts the trace id on every
 * response as {@value RequestCorrelation#TRACE_ID_HEADER} (replacing one a downstream sent).
 */
@Component
class RequestCorrelationWebFilter implements WebFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getAttributes().put(RequestCorrelation.PATH_ATTR, exchange.getRequest().getPath().value());
		String traceId = RequestCorrelation.traceId(exchange);
		if (traceId != null) {
			exchange.getAttributes().put(RequestCorrelation.TRACE_ID_ATTR, traceId);
			exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(
					() -> exchange.getResponse().getHeaders().set(RequestCorrelation.TRACE_ID_HEADER, traceId)));
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}

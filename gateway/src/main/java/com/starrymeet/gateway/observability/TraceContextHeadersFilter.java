package com.starrymeet.gateway.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Forwards the request's trace context to the service: the {@code traceparent} of the gateway's server span, so the
 * service's spans join the same trace as the gateway's child. Whatever trace headers the client sent are replaced
 * (they are continued by the server span already).
 * <p>
 * It stands in for Spring Cloud Gateway's own client observation
 * ({@code spring.cloud.gateway.server.webflux.observability.enabled}, off in application.yml): a second observation,
 * span and timer around every proxied call cost about a tenth of the gateway's throughput in the benchmark
 * (bench/README.md), while the service's server span measures the same call. With that property back on, the
 * gateway's own filter propagates and this one steps aside.
 */
@Component
@ConditionalOnProperty(name = "spring.cloud.gateway.server.webflux.observability.enabled", havingValue = "false")
class TraceContextHeadersFilter implements HttpHeadersFilter, Ordered {

	private final @Nullable Propagator propagator;

	TraceContextHeadersFilter(ObjectProvider<Propagator> propagator) {
		this.propagator = propagator.getIfAvailable();
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		Span span = RequestCorrelation.serverSpan(exchange);
		if (span == null || propagator == null) {
			return input;
		}
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(input);
		propagator.fields().forEach(headers::remove);
		propagator.inject(span.context(), headers, HttpHeaders::set);
		return headers;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}

package com.starrymeet.gateway.observability;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where the trace id and the original request path of an exchange are found. The server
 * observation (started by WebFlux before any filter) carries the span; the gateway records
 * the trace id and the client's path as exchange attributes, because a circuit breaker
 * fallback forwards the exchange to another path.
 */
public final class RequestCorrelation {

	/** Response header that carries the trace id. */
	public static final String TRACE_ID_HEADER = "X-Trace-Id";

	static final String TRACE_ID_ATTR = RequestCorrelation.class.getName() + ".traceId";

	static final String PATH_ATTR = RequestCorrelation.class.getName() + ".path";

	private RequestCorrelation() {
	}

	/** The trace id of the request, or {@code null} when tracing is off. */
	public static @Nullable String traceId(ServerWebExchange exchange) {
		String recorded = exchange.getAttribute(TRACE_ID_ATTR);
		if (recorded != null) {
			return recorded;
		}
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map(RequestCorrelation::traceId)
			.orElse(null);
	}

	/** The path the client asked for (without query string). */
	public static String originalPath(ServerWebExchange exchange) {
		String recorded = exchange.getAttribute(PATH_ATTR);
		return (recorded != null) ? recorded : exchange.getRequest().getPath().value();
	}

	static @Nullable String traceId(Observation.Context context) {
		Span span = span(context);
		return (span != null) ? span.context().traceId() : null;
	}

	/** The span of the request's server observation, or {@code null} when tracing is off. */
	static @Nullable Span serverSpan(ServerWebExchange exchange) {
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map(RequestCorrelation::span)
			.orElse(null);
	}

	/**
	 * The span with a trace context, sampled or not: an unsampled request (a span that records nothing) still has its
	 * trace id, for {@code X-Trace-Id}, problem bodies, logs and the services. {@code null} when tracing is off.
	 */
	private static @Nullable Span span(Observation.Context context) {
		TracingContext tracing = context.get(TracingContext.class);
		Span span = (tracing != null) ? tracing.getSpan() : null;
		return (span == null || !hasTraceId(span.context().traceId())) ? null : span;
	}

	private static boolean hasTraceId(@Nullable String traceId) {
		return traceId != null && !traceId.isEmpty() && !traceId.chars().allMatch((c) -> c == '0');
	}

}

package com.starrymeet.common.observability;

import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The W3C trace id of the work in progress, for error bodies and log correlation. Falls back to the
 * incoming {@code traceparent} header when no span is active (e.g. on the error dispatch).
 */
public class TraceIds {

	private final ObjectProvider<Tracer> tracer;

	public TraceIds(ObjectProvider<Tracer> tracer) {
		this.tracer = tracer;
	}

	public @Nullable String current() {
		var t = tracer.getIfAvailable();
		if (t == null) {
			return null;
		}
		var span = t.currentSpan();
		return span == null ? null : span.context().traceId();
	}

	public @Nullable String current(HttpServletRequest request) {
		var id = current();
		if (id != null) {
			return id;
		}
		var attribute = request.getAttribute(TRACE_ID_ATTRIBUTE);
		if (attribute instanceof String s) {
			return s;
		}
		return fromTraceparent(request.getHeader("traceparent"));
	}

	/** Request attribute under which the trace id is kept for the error dispatch. */
	public static final String TRACE_ID_ATTRIBUTE = TraceIds.class.getName() + ".traceId";

	static @Nullable String fromTraceparent(@Nullable String traceparent) {
		// version-traceid-spanid-flags, e.g. 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
		if (traceparent == null) {
			return null;
		}
		var parts = traceparent.split("-");
		return parts.length == 4 && parts[1].length() == 32 ? parts[1] : null;
	}
}

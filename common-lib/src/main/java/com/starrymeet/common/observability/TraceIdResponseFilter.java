package com.starrymeet.common.observability;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Returns the trace id in {@code X-Trace-Id} and keeps it on the request for the error dispatch, where the
 * request's span is no longer current. Runs just after Spring's observation filter opened the span.
 */
public class TraceIdResponseFilter extends OncePerRequestFilter {

	public static final String HEADER = "X-Trace-Id";

	private final TraceIds traceIds;

	public TraceIdResponseFilter(TraceIds traceIds) {
		this.traceIds = traceIds;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var id = traceIds.current(request);
		if (id != null) {
			request.setAttribute(TraceIds.TRACE_ID_ATTRIBUTE, id);
			response.setHeader(HEADER, id);
		}
		chain.doFilter(request, response);
	}
}

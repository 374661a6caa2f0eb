package com.starrymeet.booking.booking.web;

import com.starrymeet.booking.booking.CatalogUnavailableException;
import com.starrymeet.booking.booking.Messages;
import com.starrymeet.common.observability.TraceIds;
import com.starrymeet.common.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Runs before common-lib's handler for the one answer that needs more than a status and a code: the
 * {@code Retry-After} of 503 {@code CATALOG_UNAVAILABLE} and of the chat's 429 {@code RATE_LIMITED}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class BookingProblemAdvice {

	private final TraceIds traceIds;

	BookingProblemAdvice(TraceIds traceIds) {
		this.traceIds = traceIds;
	}

	@ExceptionHandler(CatalogUnavailableException.class)
	ResponseEntity<Object> catalogUnavailable(CatalogUnavailableException ex, HttpServletRequest request) {
		var body = Problems.body(ex.status(), ex.code(), ex.getMessage(), request.getRequestURI(),
				traceIds.current(request), null);
		return ResponseEntity.status(ex.status())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.contentType(Problems.PROBLEM_JSON)
			.body(body);
	}

	@ExceptionHandler(Messages.RateLimited.class)
	ResponseEntity<Object> rateLimited(Messages.RateLimited ex, HttpServletRequest request) {
		var body = Problems.body(ex.status(), ex.code(), ex.getMessage(), request.getRequestURI(),
				traceIds.current(request), null);
		return ResponseEntity.status(ex.status())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.contentType(Problems.PROBLEM_JSON)
			.body(body);
	}
}

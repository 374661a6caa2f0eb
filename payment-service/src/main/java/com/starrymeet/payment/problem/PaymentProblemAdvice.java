package com.starrymeet.payment.problem;

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
 * Runs before common-lib's handler for the one answer that needs more than a status and a code: a 503's
 * {@code Retry-After}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PaymentProblemAdvice {

	private final TraceIds traceIds;

	PaymentProblemAdvice(TraceIds traceIds) {
		this.traceIds = traceIds;
	}

	@ExceptionHandler(RetryLaterException.class)
	ResponseEntity<Object> retryLater(RetryLaterException ex, HttpServletRequest request) {
		var body = Problems.body(ex.status(), ex.code(), ex.getMessage(), request.getRequestURI(),
				traceIds.current(request), null);
		return ResponseEntity.status(ex.status())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.contentType(Problems.PROBLEM_JSON)
			.body(body);
	}
}

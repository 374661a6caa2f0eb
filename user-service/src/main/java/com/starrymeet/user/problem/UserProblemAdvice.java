package com.starrymeet.user.problem;

import java.util.List;

import com.starrymeet.common.observability.TraceIds;
import com.starrymeet.common.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Runs before common-lib's handler for the few answers that need more than a status and a code.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UserProblemAdvice {

	private final TraceIds traceIds;

	UserProblemAdvice(TraceIds traceIds) {
		this.traceIds = traceIds;
	}

	@ExceptionHandler(InvalidFieldsException.class)
	ResponseEntity<Object> invalidFields(InvalidFieldsException ex, HttpServletRequest request) {
		return problem(HttpStatus.BAD_REQUEST, ex.code(), ex.getMessage(), ex.errors(), new HttpHeaders(), request);
	}

	@ExceptionHandler(RetryLaterException.class)
	ResponseEntity<Object> retryLater(RetryLaterException ex, HttpServletRequest request) {
		var headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()));
		return problem(ex.status(), ex.code(), ex.getMessage(), null, headers, request);
	}

	/**
	 * Only documented fields are accepted: an unknown one (role, email, ...) is named in a 400. Matched as the
	 * cause of Spring's HttpMessageNotReadableException; other unreadable bodies stay common-lib's.
	 */
	@ExceptionHandler(UnrecognizedPropertyException.class)
	ResponseEntity<Object> unknownField(UnrecognizedPropertyException ex, HttpServletRequest request) {
		return problem(HttpStatus.BAD_REQUEST, "UNKNOWN_FIELD", "The request has fields that cannot be set",
				List.of(new Problems.FieldError(ex.getPropertyName(), "is not an accepted field")), new HttpHeaders(),
				request);
	}

	private ResponseEntity<Object> problem(HttpStatus status, String code, String detail,
			@Nullable List<Problems.FieldError> errors, HttpHeaders headers, HttpServletRequest request) {
		var body = Problems.body(status, code, detail, request.getRequestURI(), traceIds.current(request), errors);
		return ResponseEntity.status(status).headers(headers).contentType(Problems.PROBLEM_JSON).body(body);
	}
}

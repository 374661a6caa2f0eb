package com.starrymeet.common.web;

import java.util.ArrayList;
import java.util.List;

import com.starrymeet.common.observability.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.web.ErrorResponse;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception that reaches Spring MVC into problem+json. Spring's own exceptions keep their
 * status (404 for an unknown path, 405, 415, ...); validation adds {@code errors[]}; anything unexpected is
 * a 500 whose body says nothing of the cause (the cause goes to the log with the trace id).
 */
@RestControllerAdvice
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	private final TraceIds traceIds;

	public ProblemExceptionHandler(TraceIds traceIds) {
		this.traceIds = traceIds;
	}

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Object> handleApi(ApiException ex, NativeWebRequest request) {
		return problem(ex.status(), ex.code(), ex.getMessage(), null, new HttpHeaders(), request);
	}

	/** Field errors collected by a {@link BodyReader} (or raised directly): 400 with {@code errors[]}. */
	@ExceptionHandler(ValidationFailed.class)
	ResponseEntity<Object> handleValidationFailed(ValidationFailed ex, NativeWebRequest request) {
		return problem(HttpStatus.BAD_REQUEST, ex.code(), ex.getMessage(), ex.errors(), new HttpHeaders(), request);
	}

	/** Method validation through {@code @Validated} beans (outside MVC's own parameter validation). */
	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, NativeWebRequest request) {
		var errors = ex.getConstraintViolations()
			.stream()
			.map(v -> new Problems.FieldError(leaf(v.getPropertyPath().toString()), v.getMessage()))
			.toList();
		return problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request has invalid fields", errors,
				new HttpHeaders(), request);
	}

	private static String leaf(String path) {
		return path.substring(path.lastIndexOf('.') + 1);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<Object> handleDenied(AccessDeniedException ex, NativeWebRequest request) {
		return problem(HttpStatus.FORBIDDEN, "FORBIDDEN", Problems.defaultDetail(HttpStatus.FORBIDDEN), null,
				new HttpHeaders(), request);
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<Object> handleUnauthenticated(AuthenticationException ex, NativeWebRequest request) {
		return problem(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", Problems.defaultDetail(HttpStatus.UNAUTHORIZED), null,
				new HttpHeaders(), request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, NativeWebRequest request) {
		log.error("Unhandled error on {}", path(request), ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
				Problems.defaultDetail(HttpStatus.INTERNAL_SERVER_ERROR), null, new HttpHeaders(), request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {

		if (ex instanceof HttpMessageNotReadableException && PayloadTooLargeException.isCause(ex)) {
			return problem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
					Problems.defaultDetail(HttpStatus.CONTENT_TOO_LARGE), null, headers, request);
		}
		if (ex instanceof HttpMessageNotReadableException unreadable) {
			var bodyErrors = BodyFieldErrors.of(unreadable);
			if (bodyErrors != null) {
				return problem(status, ValidationFailed.CODE, "The request has invalid fields", bodyErrors, headers,
						request);
			}
			return problem(status, "MALFORMED_JSON", "The request body is missing or is not valid JSON", null, headers,
					request);
		}
		var fieldErrors = fieldErrors(ex);
		if (fieldErrors != null) {
			return problem(status, "VALIDATION_FAILED", "The request has invalid fields", fieldErrors, headers, request);
		}
		String detail = status.is5xxServerError() ? Problems.defaultDetail(status) : safeDetail(ex, status);
		if (status.is5xxServerError()) {
			log.error("Server error on {}", path(request), ex);
		}
		return problem(status, Problems.codeFor(status), detail, null, headers, request);
	}

	private static @Nullable List<Problems.FieldError> fieldErrors(Exception ex) {
		if (ex instanceof BindException bind) { // MethodArgumentNotValidException is one
			var errors = new ArrayList<Problems.FieldError>();
			bind.getFieldErrors().forEach(e -> errors.add(new Problems.FieldError(e.getField(), message(e.getDefaultMessage()))));
			bind.getGlobalErrors().forEach(e -> errors.add(new Problems.FieldError(e.getObjectName(), message(e.getDefaultMessage()))));
			return errors;
		}
		if (ex instanceof TypeMismatchException mismatch) { // a query or path parameter of the wrong type
			var name = mismatch instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
					: mismatch.getPropertyName();
			return List.of(new Problems.FieldError(name == null ? "parameter" : name,
					BodyFieldErrors.describe(mismatch.getRequiredType())));
		}
		if (ex instanceof MissingServletRequestParameterException missing) {
			return List.of(new Problems.FieldError(missing.getParameterName(), "is required"));
		}
		if (ex instanceof MissingRequestHeaderException header) {
			return List.of(new Problems.FieldError(header.getHeaderName(), "header is required"));
		}
		if (ex instanceof HandlerMethodValidationException validation) {
			var errors = new ArrayList<Problems.FieldError>();
			validation.getParameterValidationResults().forEach(result -> {
				var name = result.getMethodParameter().getParameterName();
				result.getResolvableErrors()
					.forEach(e -> errors.add(new Problems.FieldError(name == null ? "parameter" : name,
							message(e.getDefaultMessage()))));
			});
			return errors;
		}
		return null;
	}

	private static String message(@Nullable String message) {
		return message == null ? "is invalid" : message;
	}

	/** Spring's own problem details are written for clients (no internals), so they can be shown. */
	private static String safeDetail(Exception ex, HttpStatusCode status) {
		if (ex instanceof ErrorResponse response && response.getBody().getDetail() != null) {
			return response.getBody().getDetail();
		}
		return Problems.defaultDetail(status);
	}

	private ResponseEntity<Object> problem(HttpStatusCode status, String code, String detail,
			@Nullable List<Problems.FieldError> errors, HttpHeaders headers, WebRequest request) {

		var servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
		var trace = servlet != null ? traceIds.current(servlet) : traceIds.current();
		var body = Problems.body(status, code, detail, path(request), trace, errors);
		return ResponseEntity.status(status).headers(headers).contentType(Problems.PROBLEM_JSON).body(body);
	}

	private static String path(WebRequest request) {
		var servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
		return servlet != null ? servlet.getRequestURI() : "";
	}
}

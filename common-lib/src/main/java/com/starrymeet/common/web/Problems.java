package com.starrymeet.common.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Builds the body of every error: RFC 9457 problem details plus the StarryMeet extensions
 * ({@code code}, {@code success: false}, {@code traceId}, {@code errors[]} for field validation).
 * One builder, so controllers, filters, security handlers and the error page answer alike.
 */
public final class Problems {

	public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

	static final String TYPE_BASE = "https://api.starrymeet.com/problems/";

	private Problems() {
	}

	/** A field that failed validation. */
	public record FieldError(String field, String message) {
	}

	public static Map<String, Object> body(HttpStatusCode status, String code, String detail, String instance,
			@Nullable String traceId, @Nullable List<FieldError> errors) {

		var body = new LinkedHashMap<String, Object>();
		body.put("type", TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-'));
		body.put("title", titleOf(status));
		body.put("status", status.value());
		body.put("detail", detail);
		body.put("instance", instance);
		body.put("code", code);
		body.put("success", false);
		body.put("traceId", traceId);
		if (errors != null && !errors.isEmpty()) {
			body.put("errors", errors);
		}
		return body;
	}

	/** The stable code for a status when nothing more specific is known. */
	public static String codeFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "BAD_REQUEST";
			case 401 -> "UNAUTHORIZED";
			case 403 -> "FORBIDDEN";
			case 404 -> "NOT_FOUND";
			case 405 -> "METHOD_NOT_ALLOWED";
			case 406 -> "NOT_ACCEPTABLE";
			case 409 -> "CONFLICT";
			case 413 -> "PAYLOAD_TOO_LARGE";
			case 415 -> "UNSUPPORTED_MEDIA_TYPE";
			case 429 -> "TOO_MANY_REQUESTS";
			case 503 -> "SERVICE_UNAVAILABLE";
			default -> status.is4xxClientError() ? "BAD_REQUEST" : "INTERNAL_ERROR";
		};
	}

	/** A safe, generic sentence for a status, used when the cause must not be shown. */
	public static String defaultDetail(HttpStatusCode status) {
		return switch (status.value()) {
			case 401 -> "Authentication is required to access this resource";
			case 403 -> "You are not allowed to access this resource";
			case 404 -> "No resource exists at this path";
			case 405 -> "This method is not supported for this resource";
			case 413 -> "The request body is too large";
			case 415 -> "This content type is not supported";
			default -> status.is5xxServerError() ? "An unexpected error occurred" : "The request is invalid";
		};
	}

	static String titleOf(HttpStatusCode status) {
		var resolved = org.springframework.http.HttpStatus.resolve(status.value());
		return resolved != null ? resolved.getReasonPhrase() : "Error";
	}
}

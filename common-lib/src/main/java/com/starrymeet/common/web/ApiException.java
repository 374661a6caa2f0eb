package com.starrymeet.common.web;

import org.springframework.http.HttpStatus;

/**
 * A business error with an HTTP status and a stable, machine-readable code. Rendered as problem+json.
 * The message is the client-facing detail, so it must never carry internals.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	public ApiException(HttpStatus status, String code, String detail) {
		super(detail);
		this.status = status;
		this.code = code;
	}

	public static ApiException notFound(String what) {
		return new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", what + " was not found");
	}

	public static ApiException conflict(String code, String detail) {
		return new ApiException(HttpStatus.CONFLICT, code, detail);
	}

	public HttpStatus status() {
		return status;
	}

	public String code() {
		return code;
	}
}

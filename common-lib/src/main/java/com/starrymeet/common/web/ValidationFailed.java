package com.starrymeet.common.web;

import java.util.List;


/**
 * A request with invalid fields: answered 400 with {@code errors[]} and the code {@code VALIDATION_FAILED},
 * or a more specific one (such as {@code OVERLAPPING_WINDOW}).
 */
public class ValidationFailed extends RuntimeException {

	public static final String CODE = "VALIDATION_FAILED";

	private final String code;

	private final List<Problems.FieldError> errors;

	public ValidationFailed(List<Problems.FieldError> errors) {
		this(CODE, "The request has invalid fields", errors);
	}

	public ValidationFailed(String code, String detail, List<Problems.FieldError> errors) {
		super(detail);
		this.code = code;
		this.errors = List.copyOf(errors);
	}

	public static ValidationFailed of(String field, String message) {
		return new ValidationFailed(List.of(new Problems.FieldError(field, message)));
	}

	public String code() {
		return code;
	}

	public List<Problems.FieldError> errors() {
		return errors;
	}
}

package com.starrymeet.celebrity.profile;

import java.util.List;

import com.starrymeet.common.web.Problems;

/**
 * A request with invalid fields: answered 400 {@code VALIDATION_FAILED} with {@code errors[]}.
 */
public class ValidationFailed extends RuntimeException {

	private final List<Problems.FieldError> errors;

	public ValidationFailed(List<Problems.FieldError> errors) {
		super("The request has invalid fields");
		this.errors = List.copyOf(errors);
	}

	public static ValidationFailed of(String field, String message) {
		return new ValidationFailed(List.of(new Problems.FieldError(field, message)));
	}

	public List<Problems.FieldError> errors() {
		return errors;
	}
}

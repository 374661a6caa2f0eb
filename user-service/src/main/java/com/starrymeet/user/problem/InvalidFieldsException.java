package com.starrymeet.user.problem;

import java.util.List;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.Problems;
import org.springframework.http.HttpStatus;

/**
 * A 400 VALIDATION_FAILED found by a use case rather than by bean validation, with its field errors.
 */
public class InvalidFieldsException extends ApiException {

	private final List<Problems.FieldError> errors;

	public InvalidFieldsException(List<Problems.FieldError> errors) {
		super(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request has invalid fields");
		this.errors = List.copyOf(errors);
	}

	public static InvalidFieldsException of(String field, String message) {
		return new InvalidFieldsException(List.of(new Problems.FieldError(field, message)));
	}

	public List<Problems.FieldError> errors() {
		return errors;
	}
}

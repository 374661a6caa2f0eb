package com.starrymeet.booking.availability.web;

import java.io.IOException;

import com.starrymeet.booking.availability.ValidationFailed;
import com.starrymeet.common.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** {@link ValidationFailed} → 400 problem+json with its code and {@code errors[]}. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ValidationAdvice {

	private final ProblemWriter problems;

	ValidationAdvice(ProblemWriter problems) {
		this.problems = problems;
	}

	@ExceptionHandler(ValidationFailed.class)
	void invalid(ValidationFailed ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		problems.write(request, response, HttpStatus.BAD_REQUEST, ex.code(), ex.getMessage(), ex.errors());
	}
}

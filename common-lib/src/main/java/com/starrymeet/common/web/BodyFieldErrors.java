package com.starrymeet.common.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Field errors of a JSON body that parsed but does not fit the request record: an unknown or server-owned
 * field ({@code role}, {@code status}, {@code price}) or a value of the wrong type ({@code {"celebrityId":42}}).
 * Both are {@code VALIDATION_FAILED} with {@code errors[]} naming the field by its path ({@code items[2].time});
 * only a body that is not JSON at all stays {@code MALFORMED_JSON}.
 */
final class BodyFieldErrors {

	private BodyFieldErrors() {
	}

	static @Nullable List<Problems.FieldError> of(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof PropertyBindingException unknown) { // unrecognized or ignored property
				return List.of(new Problems.FieldError(path(unknown.getPath(), unknown.getPropertyName()),
						"is not an accepted field"));
			}
			if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
				return List.of(new Problems.FieldError(path(mismatch.getPath(), null), describe(mismatch.getTargetType())));
			}
		}
		return null;
	}

	private static String path(List<JacksonException.Reference> references, @Nullable String last) {
		var path = new StringBuilder();
		for (var reference : references) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		if (path.isEmpty() && last != null) {
			return last;
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	/** What a value of {@code type} must look like, in a client's words. */
	static String describe(@Nullable Class<?> type) {
		if (type == null) {
			return "has the wrong type";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class
				|| type == Short.class || type == short.class) {
			return "must be a whole number";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
			return "must be a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "must be true or false";
		}
		if (type == UUID.class) {
			return "must be a UUID";
		}
		if (type == LocalDate.class) {
			return "must be a date (YYYY-MM-DD)";
		}
		if (type == LocalTime.class) {
			return "must be a time (HH:MM)";
		}
		if (type == Instant.class) {
			return "must be an instant (ISO-8601, e.g. 2026-01-31T18:00:00Z)";
		}
		if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
			return "must be text";
		}
		if (type.isEnum()) {
			return "must be one of " + Arrays.stream(type.getEnumConstants())
				.map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT))
				.toList();
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "must be an array";
		}
		if (Map.class.isAssignableFrom(type) || type.isRecord()) {
			return "must be an object";
		}
		return "has the wrong type";
	}
}

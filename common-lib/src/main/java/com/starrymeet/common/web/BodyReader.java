package com.starrymeet.common.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON write body field by field: only the documented fields are accepted (anything else, such as a
 * server-owned field, is a field error), types and limits are checked, and all problems are reported together
 * as one 400 ({@link #done()}). "Absent" and "null" differ: absent leaves a value as it is, null clears it
 * where that is allowed.
 */
public final class BodyReader {

	private final @Nullable JsonNode body;

	private final List<Problems.FieldError> errors = new ArrayList<>();

	public BodyReader(@Nullable JsonNode body, Set<String> accepted) {
		this.body = body;
		if (body == null || !body.isObject()) {
			errors.add(new Problems.FieldError("body", "must be a JSON object"));
			return;
		}
		var unknown = new TreeSet<String>();
		body.propertyNames().forEach(name -> {
			if (!accepted.contains(name)) {
				unknown.add(name);
			}
		});
		unknown.forEach(name -> errors.add(new Problems.FieldError(name,
				"is not accepted here (accepted: " + String.join(", ", new TreeSet<>(accepted)) + ")")));
	}

	public boolean has(String field) {
		return body != null && body.isObject() && body.has(field);
	}

	public boolean isEmpty() {
		return body == null || !body.isObject() || body.isEmpty();
	}

	public boolean hasErrors() {
		return !errors.isEmpty();
	}

	/** The raw value of a field, or null when absent. */
	public @Nullable JsonNode node(String field) {
		return has(field) ? body.get(field) : null;
	}

	public void error(String field, String message) {
		errors.add(new Problems.FieldError(field, message));
	}

	/** A string of 1..max characters after trimming; null when absent, or when null and {@code nullable}. */
	public @Nullable String text(String field, int max, boolean required, boolean nullable) {
		if (!has(field)) {
			if (required) {
				error(field, "is required");
			}
			return null;
		}
		var node = body.get(field);
		if (node.isNull()) {
			if (!nullable) {
				error(field, "must not be null");
			}
			return null;
		}
		if (!node.isString()) {
			error(field, "must be a string");
			return null;
		}
		var value = node.asString().strip();
		if (value.isEmpty() && !nullable) {
			error(field, "must not be blank");
			return null;
		}
		if (value.length() > max) {
			error(field, "must be at most " + max + " characters");
			return null;
		}
		return value.isEmpty() ? null : value;
	}

	/** An absolute https URL, or null (clears it). */
	public @Nullable String httpsUrl(String field) {
		var value = text(field, 2048, false, true);
		if (value == null) {
			return null;
		}
		try {
			var uri = new URI(value);
			if (!"https".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))
					|| uri.getHost() == null || uri.getHost().isBlank()) {
				error(field, "must be an https URL");
				return null;
			}
		}
		catch (URISyntaxException ex) {
			error(field, "must be an https URL");
			return null;
		}
		return value;
	}

	public @Nullable UUID uuid(String field, boolean required) {
		var value = text(field, 36, required, false);
		if (value == null) {
			return null;
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			error(field, "must be a UUID");
			return null;
		}
	}

	public @Nullable Long integer(String field, long min, long max, boolean required) {
		if (!has(field)) {
			if (required) {
				error(field, "is required");
			}
			return null;
		}
		var node = body.get(field);
		if (!node.isIntegralNumber() || !node.canConvertToLong()) {
			error(field, node.isNull() ? "must not be null" : "must be an integer");
			return null;
		}
		long value = node.longValue();
		if (value < min || value > max) {
			error(field, "must be between " + min + " and " + max);
			return null;
		}
		return value;
	}

	public @Nullable Boolean bool(String field) {
		if (!has(field)) {
			return null;
		}
		var node = body.get(field);
		if (!node.isBoolean()) {
			error(field, "must be true or false");
			return null;
		}
		return node.booleanValue();
	}

	/** An ISO date, {@code 2026-12-24}. */
	public @Nullable LocalDate date(String field, boolean required) {
		var value = text(field, 10, required, false);
		if (value == null) {
			return null;
		}
		return parseDate(field, value);
	}

	public @Nullable LocalDate parseDate(String field, String value) {
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			error(field, "must be a date like 2026-12-24");
			return null;
		}
	}

	/** A local time to the minute, {@code 14:30} (or {@code 14:30:00}). */
	public @Nullable LocalTime time(String field, boolean required) {
		var value = text(field, 8, required, false);
		if (value == null) {
			return null;
		}
		try {
			var time = LocalTime.parse(value);
			if (time.getSecond() != 0 || time.getNano() != 0) {
				error(field, "must be a whole minute, like 14:30");
				return null;
			}
			return time;
		}
		catch (DateTimeParseException ex) {
			error(field, "must be a time like 14:30");
			return null;
		}
	}

	/** An IANA time zone region id, {@code Europe/Paris}; offsets such as {@code +02:00} are refused. */
	public @Nullable ZoneId zone(String field, boolean required) {
		var value = text(field, 64, required, false);
		if (value == null) {
			return null;
		}
		try {
			var zone = ZoneId.of(value);
			if (!value.contains("/") && !"UTC".equals(value)) {
				error(field, "must be an IANA time zone, like Europe/Paris");
				return null;
			}
			return zone;
		}
		catch (DateTimeException ex) {
			error(field, "is not a known IANA time zone, like Europe/Paris");
			return null;
		}
	}

	/** Throws the collected field errors, if any. */
	public void done() {
		if (!errors.isEmpty()) {
			throw new ValidationFailed(errors);
		}
	}
}

package com.starrymeet.celebrity.validation;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * How request records clean text before it is validated: surrounding white space is dropped; in a field that may be
 * cleared, a blank value is the same as {@code null}.
 */
public final class Text {

	private Text() {
	}

	/** {@code value} without surrounding white space (a required field: blank stays blank and fails validation). */
	public static @Nullable String strip(@Nullable String value) {
		return value == null ? null : value.strip();
	}

	/** {@code value} stripped; blank becomes null (an optional field). */
	public static @Nullable String stripToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	/** A PATCH field that must not be cleared: absent (null) stays absent, a value is stripped. */
	@SuppressWarnings("OptionalAssignedToNull")
	public static @Nullable Optional<String> strip(@Nullable Optional<String> value) {
		return value == null ? null : value.map(String::strip);
	}

	/** A PATCH field that may be cleared: absent stays absent, blank becomes empty (clears it), a value is stripped. */
	@SuppressWarnings("OptionalAssignedToNull")
	public static @Nullable Optional<String> stripToEmpty(@Nullable Optional<String> value) {
		return value == null ? null : value.map(String::strip).filter(s -> !s.isEmpty());
	}
}

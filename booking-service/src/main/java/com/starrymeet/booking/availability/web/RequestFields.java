package com.starrymeet.booking.availability.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

/** What the availability write bodies share: the time-of-day format, IANA zones, end after start, trimming. */
final class RequestFields {

	/** A local time to the minute, {@code 14:30} (or {@code 14:30:00}). */
	static final String TIME_OF_DAY = "^([01][0-9]|2[0-3]):[0-5][0-9](:00)?$";

	static final String TIME_OF_DAY_MESSAGE = "must be a time to the minute, like 14:30";

	private RequestFields() {
	}

	static @Nullable String strip(@Nullable String value) {
		return value == null ? null : value.strip();
	}

	static @Nullable Optional<String> strip(@Nullable Optional<String> value) {
		return value == null ? null : value.map(String::strip);
	}

	/** Text that strips to nothing is no text. */
	static @Nullable String stripToNull(@Nullable String value) {
		var stripped = strip(value);
		return stripped == null || stripped.isEmpty() ? null : stripped;
	}

	static LocalTime time(String value) {
		return LocalTime.parse(value);
	}

	/**
	 * An IANA time zone region id ({@code Europe/Paris}, or {@code UTC}); offsets such as {@code +02:00}, POSIX
	 * rules such as {@code CET2} and unknown regions are refused. Null or blank is left to {@code @NotBlank}.
	 */
	@Documented
	@Target({ ElementType.FIELD, ElementType.TYPE_USE, ElementType.PARAMETER, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@Constraint(validatedBy = IanaTimeZone.Validator.class)
	@interface IanaTimeZone {

		String message() default "must be an IANA time zone, like Europe/Paris";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

		class Validator implements ConstraintValidator<IanaTimeZone, String> {

			@Override
			public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
				return value == null || value.isBlank() || zone(value) != null;
			}
		}
	}

	/** The region {@code value} names, or null when it is not an IANA region id. */
	static @Nullable ZoneId zone(String value) {
		if (!value.contains("/") && !"UTC".equals(value)) {
			return null;
		}
		try {
			return ZoneId.of(value);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** A request with a start and an end time of day. */
	interface TimeRange {

		@Nullable String startTime();

		@Nullable String endTime();
	}

	/**
	 * {@code endTime} after {@code startTime}: a window ends on its own date. Reported on {@code endTime}; checked
	 * only when both are well-formed times (a malformed one has its own error).
	 */
	@Documented
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@Constraint(validatedBy = EndsAfterStart.Validator.class)
	@interface EndsAfterStart {

		String message() default "must be after startTime (a window ends on its own date)";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

		class Validator implements ConstraintValidator<EndsAfterStart, TimeRange> {

			@Override
			public boolean isValid(@Nullable TimeRange range, ConstraintValidatorContext context) {
				if (range == null || range.startTime() == null || range.endTime() == null
						|| !range.startTime().matches(TIME_OF_DAY) || !range.endTime().matches(TIME_OF_DAY)
						|| time(range.endTime()).isAfter(time(range.startTime()))) {
					return true;
				}
				context.disableDefaultConstraintViolation();
				context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
					.addPropertyNode("endTime")
					.addConstraintViolation();
				return false;
			}
		}
	}
}

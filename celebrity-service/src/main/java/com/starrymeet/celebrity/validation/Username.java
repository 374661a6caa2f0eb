package com.starrymeet.celebrity.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

/**
 * A profile's username: 3-30 of {@code a-z 0-9 _ .}, and not one of the path segments under
 * {@code /v1/celebrities} it would shadow ({@link #RESERVED}). Null is valid (use {@code @NotNull} to require one).
 */
@Documented
@Constraint(validatedBy = Username.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Username {

	/** Path segments under /v1/celebrities that a username must not shadow. */
	Set<String> RESERVED = Set.of("featured", "search", "me", "applications");

	Pattern PATTERN = Pattern.compile("^[a-z0-9_.]{3,30}$");

	String message() default "must be 3-30 of a-z, 0-9, '_' and '.', and not a reserved word";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<Username, String> {

		@Override
		public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
			return value == null || (PATTERN.matcher(value).matches() && !RESERVED.contains(value));
		}
	}
}

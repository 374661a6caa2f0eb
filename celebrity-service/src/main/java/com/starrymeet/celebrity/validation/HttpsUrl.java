package com.starrymeet.celebrity.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

/** An absolute https URL with a host, at most 2048 characters; null is valid (use {@code @NotNull} to require one). */
@Documented
@Constraint(validatedBy = HttpsUrl.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface HttpsUrl {

	int MAX_LENGTH = 2048;

	String message() default "must be an https URL";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<HttpsUrl, String> {

		@Override
		public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
			return value == null || isHttpsUrl(value);
		}

		/** Whether {@code value} is an absolute https URL with a host. */
		static boolean isHttpsUrl(String value) {
			if (value.length() > MAX_LENGTH) {
				return false;
			}
			try {
				var uri = new URI(value);
				return uri.getScheme() != null && "https".equals(uri.getScheme().toLowerCase(Locale.ROOT))
						&& uri.getHost() != null && !uri.getHost().isBlank();
			}
			catch (URISyntaxException ex) {
				return false;
			}
		}
	}
}

package com.starrymeet.celebrity.profile.web;

import java.util.Optional;

import com.starrymeet.celebrity.profile.Profiles;
import com.starrymeet.celebrity.validation.Text;
import com.starrymeet.common.web.ValidationFailed;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * An edit of a meeting type (PATCH): absent fields stay as they are; only {@code description} can be cleared with
 * {@code null}.
 */
@Schema(description = "Meeting-type fields to change; absent = unchanged, null clears the description")
@SuppressWarnings("OptionalUsedAsFieldOrParameterType")
record MeetingTypeUpdateRequest(
		@Schema(description = "1-50 characters", types = "string", maxLength = 50)
		@Nullable Optional<@NotBlank @Size(max = 50) String> name,
		@Schema(description = "minutes, 5 to 240", types = "integer", format = "int64", minimum = "5", maximum = "240")
		@Nullable Optional<@NotNull @Min(5) @Max(240) Long> durationMinutes,
		@Schema(description = "price in US cents, 1 to 100000000", types = "integer", format = "int64", minimum = "1",
				maximum = "100000000")
		@Nullable Optional<@NotNull @Min(1) @Max(MAX_PRICE_CENTS) Long> priceCents,
		@Schema(description = "USD only", types = "string")
		@Nullable Optional<@NotNull @Pattern(regexp = "USD", message = "must be USD") String> currency,
		@Schema(description = "at most 500 characters", types = { "string", "null" }, maxLength = 500)
		@Nullable Optional<@Size(max = 500) String> description,
		@Schema(description = "bookable", types = "boolean")
		@Nullable Optional<@NotNull Boolean> active,
		@Schema(description = "0 to 10000", types = "integer", format = "int64", minimum = "0", maximum = "10000")
		@Nullable Optional<@NotNull @Min(0) @Max(10_000) Long> sortOrder) {

	/** $1,000,000. */
	static final long MAX_PRICE_CENTS = 100_000_000L;

	MeetingTypeUpdateRequest {
		name = Text.strip(name);
		currency = Text.strip(currency);
		description = Text.stripToEmpty(description);
	}

	/** The command; 400 when no field is given. */
	@SuppressWarnings("OptionalAssignedToNull")
	Profiles.MeetingTypeChanges toCommand() {
		if (name == null && durationMinutes == null && priceCents == null && currency == null && description == null
				&& active == null && sortOrder == null) {
			throw ValidationFailed.of("body", "must contain at least one field");
		}
		return new Profiles.MeetingTypeChanges(value(name), value(durationMinutes) == null ? null
				: Math.toIntExact(durationMinutes.get()), value(priceCents), description, value(active),
				value(sortOrder) == null ? null : Math.toIntExact(sortOrder.get()));
	}

	/** Absent or the (validated, non-null) value. */
	private static <T> @Nullable T value(@Nullable Optional<T> field) {
		return field == null ? null : field.orElseThrow();
	}
}

package com.starrymeet.celebrity.profile.web;

import com.starrymeet.celebrity.profile.Profiles;
import com.starrymeet.celebrity.validation.Text;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** A new meeting type: what a fan books and pays for. */
@Schema(description = "A new meeting type")
record NewMeetingTypeRequest(
		@Schema(description = "1-50 characters", requiredMode = Schema.RequiredMode.REQUIRED)
		@NotBlank @Size(max = 50) String name,
		@Schema(description = "minutes, 5 to 240", requiredMode = Schema.RequiredMode.REQUIRED)
		@NotNull @Min(5) @Max(240) Long durationMinutes,
		@Schema(description = "price in US cents, 1 to 100000000", requiredMode = Schema.RequiredMode.REQUIRED)
		@NotNull @Min(1) @Max(MeetingTypeUpdateRequest.MAX_PRICE_CENTS) Long priceCents,
		@Schema(description = "USD only (the default)") @Nullable @Pattern(regexp = "USD", message = "must be USD") String currency,
		@Schema(description = "at most 500 characters") @Nullable @Size(max = 500) String description,
		@Schema(description = "bookable; default true") @Nullable Boolean active,
		@Schema(description = "0 to 10000; default: after the others") @Nullable @Min(0) @Max(10_000) Long sortOrder) {

	NewMeetingTypeRequest {
		name = Text.strip(name);
		currency = Text.strip(currency);
		description = Text.stripToNull(description);
	}

	Profiles.NewMeetingType toCommand() {
		return new Profiles.NewMeetingType(name, Math.toIntExact(durationMinutes), priceCents, description,
				active == null || active, sortOrder == null ? null : Math.toIntExact(sortOrder));
	}
}

package com.starrymeet.celebrity.application.web;

import com.starrymeet.celebrity.validation.Text;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An admin's rejection of an application: the reason the applicant will read. */
@Schema(description = "The rejection of an application")
record RejectionRequest(
		@Schema(description = "1-1000 characters, shown to the applicant", requiredMode = Schema.RequiredMode.REQUIRED)
		@NotBlank @Size(max = 1000) String reason) {

	RejectionRequest {
		reason = Text.strip(reason);
	}
}

package com.starrymeet.analytics.ingestion;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * One event as a client reports it, GA4 style: {@code page_view}, {@code select_celebrity},
 * {@code begin_checkout}, ... with free-form properties.
 */
public record ClientEvent(
		@NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,63}", message = "must be snake_case, at most 64 characters") String name,
		@Nullable @PastOrPresent Instant occurredAt,
		@Nullable @Size(max = 64) String sessionId,
		@Nullable @Size(max = 50, message = "must have at most 50 properties") Map<String, Object> properties) {
}

package com.starrymeet.analytics.ingestion.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.starrymeet.analytics.ingestion.ClientEvent;
import com.starrymeet.analytics.ingestion.RawEvents;
import com.starrymeet.common.web.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EventIngestionController {

	/** A batch of client events; anonymous visitors may send them too. */
	record EventBatch(@NotEmpty @Size(max = 100) List<@Valid ClientEvent> events) {
	}

	private final RawEvents rawEvents;

	EventIngestionController(RawEvents rawEvents) {
		this.rawEvents = rawEvents;
	}

	/** Accepts a batch of events; a valid bearer token attributes them to its user. */
	@PostMapping("/v1/analytics/events")
	@ResponseStatus(HttpStatus.ACCEPTED)
	ApiResponse<Map<String, Integer>> ingest(@Valid @RequestBody EventBatch batch, @AuthenticationPrincipal @Nullable Jwt user) {
		int accepted = rawEvents.append(batch.events(), user == null ? null : user.getSubject(), Instant.now());
		return ApiResponse.ok(Map.of("accepted", accepted));
	}
}

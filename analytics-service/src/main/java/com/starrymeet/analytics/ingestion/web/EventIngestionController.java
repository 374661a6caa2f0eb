package com.starrymeet.analytics.ingestion.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.starrymeet.analytics.ingestion.ClientEvent;
import com.starrymeet.analytics.ingestion.RawEvents;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Analytics events", description = "Client events (page views, clicks, funnel steps) from web and mobile.")
class EventIngestionController {

	/** A batch of client events; anonymous visitors may send them too. */
	@Schema(description = "1 to 100 client events, stored whole or not at all")
	record EventBatch(@NotEmpty @Size(max = 100) List<@Valid ClientEvent> events) {
	}

	/** How many events of the batch were stored. */
	record Accepted(int accepted) {
	}

	private final RawEvents rawEvents;

	EventIngestionController(RawEvents rawEvents) {
		this.rawEvents = rawEvents;
	}

	/** Accepts a batch of events; a valid bearer token attributes them to its user. */
	@PostMapping("/v1/analytics/events")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(operationId = "ingestEvents", summary = "Send a batch of client events",
			description = "No token needed; with a valid access token the events are attributed to its user.")
	ApiResponse<Accepted> ingest(@Valid @RequestBody EventBatch batch, Optional<Caller> caller) {
		var userId = caller.map(c -> c.userId().toString()).orElse(null);
		return ApiResponse.ok(new Accepted(rawEvents.append(batch.events(), userId, Instant.now())));
	}
}

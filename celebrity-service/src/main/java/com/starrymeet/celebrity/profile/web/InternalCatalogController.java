package com.starrymeet.celebrity.profile.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import com.starrymeet.celebrity.profile.MeetingTypePrices;
import com.starrymeet.celebrity.profile.PublishedSnapshots;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.ValidationFailed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service reads: for search-service's reconciliation of its index with the catalog, and the price of a
 * meeting type that booking-service freezes into a booking. {@code /internal/**}
 * is never routed by the gateway and needs no user token here; NetworkPolicies decide which services reach it.
 */
@RestController
@Tag(name = "internal-catalog",
		description = "Service-to-service: what the catalog published, for reconciling a copy of it, and the prices bookings freeze (never routed by the gateway)")
class InternalCatalogController {

	static final int MAX_IDS = 100;

	private final PublishedSnapshots published;

	private final MeetingTypePrices prices;

	InternalCatalogController(PublishedSnapshots published, MeetingTypePrices prices) {
		this.published = published;
		this.prices = prices;
	}

	@GetMapping("/internal/celebrities/{celebrityId}/meeting-types/{meetingTypeId}")
	@Operation(operationId = "getBookableMeetingType", summary = "Get a meeting type's current price for a booking",
			description = "The price, currency and duration in force now (read from the catalog's tables, not a cache), "
					+ "whether the meeting type is offered (`active`) and whether the celebrity can be booked at all "
					+ "(`bookable`: active and verified). 404 when the celebrity or the meeting type is unknown or the "
					+ "meeting type is another celebrity's.")
	ApiResponse<MeetingTypePrices.BookableMeetingType> meetingType(@PathVariable UUID celebrityId,
			@PathVariable UUID meetingTypeId) {
		return ApiResponse.ok(prices.find(celebrityId, meetingTypeId));
	}

	@GetMapping("/internal/catalog/versions")
	@Operation(operationId = "listSnapshotVersions", summary = "List the snapshot version of every public celebrity",
			description = "Every celebrity visible in search (active and verified) with the aggregate version of its "
					+ "latest CelebrityUpserted, ordered by id.")
	ApiResponse<List<PublishedSnapshots.Version>> versions() {
		return ApiResponse.ok(published.versions());
	}

	@GetMapping("/internal/catalog/snapshots")
	@Operation(operationId = "getSnapshots", summary = "Get the current snapshots of up to 100 celebrities",
			description = "Public or not, each the CelebrityUpserted payload exactly as published plus its aggregate "
					+ "`version`, in the order asked for; unknown ids are left out.")
	ApiResponse<List<PublishedSnapshots.Snapshot>> snapshots(
			@Parameter(description = "1 to 100 celebrity ids, comma-separated") @RequestParam List<String> ids) {
		var parsed = new LinkedHashSet<UUID>();
		for (var id : ids) {
			for (var part : id.split(",")) {
				if (part.isBlank()) {
					continue;
				}
				try {
					parsed.add(UUID.fromString(part.strip()));
				}
				catch (IllegalArgumentException ex) {
					throw ValidationFailed.of("ids", "must be celebrity ids (UUIDs), comma-separated");
				}
			}
		}
		if (parsed.isEmpty() || parsed.size() > MAX_IDS) {
			throw ValidationFailed.of("ids", "must list 1 to " + MAX_IDS + " celebrity ids");
		}
		return ApiResponse.ok(published.snapshots(List.copyOf(parsed)));
	}
}

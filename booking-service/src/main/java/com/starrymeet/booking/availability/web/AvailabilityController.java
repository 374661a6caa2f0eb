package com.starrymeet.booking.availability.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import com.starrymeet.booking.availability.AvailabilityManagement;
import com.starrymeet.booking.availability.AvailabilityQuery;
import com.starrymeet.booking.availability.Views.BlockedDateView;
import com.starrymeet.booking.availability.Views.LocationView;
import com.starrymeet.booking.availability.Views.PublicAvailability;
import com.starrymeet.booking.availability.Views.WindowView;
import com.starrymeet.booking.celebrity.Celebrity;
import com.starrymeet.booking.celebrity.CelebrityReplica;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.ValidationFailed;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * {@code /v1/celebrities/{celebrityId}/availability}: the public calendar (no token), and its management by
 * the owner (role CELEBRITY and the token's subject is the account that manages the celebrity) or an ADMIN.
 * An unknown (or removed) celebrity is 404 for everyone; anyone else is 403.
 */
@RestController
@RequestMapping("/v1/celebrities/{celebrityId}/availability")
class AvailabilityController {

	private final CelebrityReplica celebrities;

	private final AvailabilityManagement management;

	private final AvailabilityQuery query;

	AvailabilityController(CelebrityReplica celebrities, AvailabilityManagement management, AvailabilityQuery query) {
		this.celebrities = celebrities;
		this.management = management;
		this.query = query;
	}

	/**
	 * Public: upcoming dates per location; {@code ?month=2026-12} adds the month view. A celebrity that is not
	 * public in the catalog (inactive or unverified) is 404, as there.
	 */
	@GetMapping
	ApiResponse<PublicAvailability> view(@PathVariable UUID celebrityId,
			@RequestParam(required = false) @Nullable String month) {
		var parsed = month == null ? null : AvailabilityQuery.month(month);
		var celebrity = celebrities.require(celebrityId);
		if (!celebrity.isPublic()) {
			throw ApiException.notFound("Celebrity " + celebrityId);
		}
		return ApiResponse.ok(query.view(celebrityId, parsed));
	}

	// ------------------------------------------------------------ locations

	@GetMapping("/locations")
	ApiResponse<List<LocationView>> locations(Authentication auth, @PathVariable UUID celebrityId) {
		return ApiResponse.ok(management.locations(manage(auth, celebrityId).id()));
	}

	@PostMapping("/locations")
	@ResponseStatus(HttpStatus.CREATED)
	ApiResponse<LocationView> addLocation(Authentication auth, @PathVariable UUID celebrityId,
			@RequestBody(required = false) @Nullable JsonNode body) {
		return ApiResponse.ok(management.addLocation(manage(auth, celebrityId).id(), orNull(body)));
	}

	@PatchMapping("/locations/{locationId}")
	ApiResponse<LocationView> updateLocation(Authentication auth, @PathVariable UUID celebrityId,
			@PathVariable UUID locationId, @RequestBody(required = false) @Nullable JsonNode body) {
		return ApiResponse.ok(management.updateLocation(manage(auth, celebrityId).id(), locationId, orNull(body)));
	}

	@DeleteMapping("/locations/{locationId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deleteLocation(Authentication auth, @PathVariable UUID celebrityId, @PathVariable UUID locationId) {
		management.deleteLocation(manage(auth, celebrityId).id(), locationId);
	}

	// ------------------------------------------------------------ windows

	/** Paginated ({@code page} from 1, {@code limit} 1..100, default 20). */
	@GetMapping("/windows")
	ApiResponse<List<WindowView>> windows(Authentication auth, @PathVariable UUID celebrityId,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String page, @RequestParam(required = false) @Nullable String limit) {
		var fromDate = from == null ? null : date("from", from);
		var toDate = to == null ? null : date("to", to);
		var pageQuery = new Pagination.PageQuery(number("page", page, 1, Integer.MAX_VALUE, 1),
				number("limit", limit, 1, Pagination.MAX_LIMIT, Pagination.DEFAULT_LIMIT));
		var result = management.windows(manage(auth, celebrityId).id(), fromDate, toDate, pageQuery);
		return ApiResponse.page(result.items(), result.pagination());
	}

	@PostMapping("/windows")
	@ResponseStatus(HttpStatus.CREATED)
	ApiResponse<WindowView> addWindow(Authentication auth, @PathVariable UUID celebrityId,
			@RequestBody(required = false) @Nullable JsonNode body) {
		return ApiResponse.ok(management.addWindow(manage(auth, celebrityId).id(), orNull(body)));
	}

	@PatchMapping("/windows/{windowId}")
	ApiResponse<WindowView> updateWindow(Authentication auth, @PathVariable UUID celebrityId,
			@PathVariable UUID windowId, @RequestBody(required = false) @Nullable JsonNode body) {
		return ApiResponse.ok(management.updateWindow(manage(auth, celebrityId).id(), windowId, orNull(body)));
	}

	@DeleteMapping("/windows/{windowId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deleteWindow(Authentication auth, @PathVariable UUID celebrityId, @PathVariable UUID windowId) {
		management.deleteWindow(manage(auth, celebrityId).id(), windowId);
	}

	// ------------------------------------------------------------ blocked dates

	@GetMapping("/blocked-dates")
	ApiResponse<List<BlockedDateView>> blockedDates(Authentication auth, @PathVariable UUID celebrityId) {
		return ApiResponse.ok(management.blockedDates(manage(auth, celebrityId).id()));
	}

	/** 201 when the date was not blocked yet, 200 when it was (its reason is updated). */
	@PostMapping("/blocked-dates")
	ResponseEntity<ApiResponse<BlockedDateView>> block(Authentication auth, @PathVariable UUID celebrityId,
			@RequestBody(required = false) @Nullable JsonNode body) {
		var blocked = management.block(manage(auth, celebrityId).id(), orNull(body));
		return ResponseEntity.status(blocked.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(ApiResponse.ok(blocked.date()));
	}

	@DeleteMapping("/blocked-dates/{date}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unblock(Authentication auth, @PathVariable UUID celebrityId, @PathVariable String date) {
		var parsed = date("date", date);
		management.unblock(manage(auth, celebrityId).id(), parsed);
	}

	// ------------------------------------------------------------

	/** The celebrity if the caller may manage it: 404 unknown, 403 neither its CELEBRITY account nor ADMIN. */
	private Celebrity manage(Authentication auth, UUID celebrityId) {
		var caller = Caller.of(auth);
		var celebrity = celebrities.require(celebrityId);
		if (caller.admin() || (caller.celebrity() && celebrity.managedBy(caller.userId()))) {
			return celebrity;
		}
		throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "You can only manage your own availability");
	}

	private static int number(String field, @Nullable String value, int min, int max, int otherwise) {
		if (value == null) {
			return otherwise;
		}
		try {
			int n = Integer.parseInt(value);
			if (n >= min && n <= max) {
				return n;
			}
		}
		catch (NumberFormatException ex) {
			// below
		}
		throw ValidationFailed.of(field, "must be an integer between " + min + " and " + max);
	}

	private static LocalDate date(String field, String value) {
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw ValidationFailed.of(field, "must be a date like 2026-12-24");
		}
	}

	private static JsonNode orNull(@Nullable JsonNode body) {
		return body == null ? NullNode.getInstance() : body;
	}
}

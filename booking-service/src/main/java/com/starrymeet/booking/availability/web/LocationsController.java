package com.starrymeet.booking.availability.web;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.starrymeet.booking.availability.Locations;
import com.starrymeet.booking.availability.Views.LocationView;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import static com.starrymeet.booking.availability.web.RequestFields.strip;

/** The places a celebrity visits, managed by its CELEBRITY account or an ADMIN ({@link CalendarAccess}). */
@RestController
@RequestMapping("/v1/celebrities/{celebrityId}/availability/locations")
@Tag(name = "Availability locations",
		description = "The places a celebrity visits, each with the IANA time zone its windows are in. Managed by "
				+ "the celebrity's own account or an admin.")
class LocationsController {

	@Schema(description = "A new location. One per city and country (case-insensitive).")
	record AddLocationRequest(
			@Schema(example = "Paris") @NotBlank @Size(max = 100) @Nullable String city,
			@Schema(example = "France") @NotBlank @Size(max = 100) @Nullable String country,
			@Schema(description = "IANA time zone region (offsets such as +02:00 are refused)", example = "Europe/Paris")
			@NotBlank @RequestFields.IanaTimeZone @Nullable String timeZone) {

		AddLocationRequest {
			city = strip(city);
			country = strip(country);
			timeZone = strip(timeZone);
		}

		Locations.AddLocation command() {
			return new Locations.AddLocation(city, country, ZoneId.of(timeZone));
		}
	}

	@Schema(description = "Changes to a location: only the fields given change (at least one); null is refused.")
	record ChangeLocationRequest(
			@Schema(example = "Paris", maxLength = 100) @Nullable Optional<@NotBlank @Size(max = 100) String> city,
			@Schema(example = "France", maxLength = 100) @Nullable Optional<@NotBlank @Size(max = 100) String> country,
			@Schema(description = "IANA time zone region; cannot change while the location has windows",
					example = "Europe/Paris")
			@Nullable Optional<@NotBlank @RequestFields.IanaTimeZone String> timeZone) {

		ChangeLocationRequest {
			city = strip(city);
			country = strip(country);
			timeZone = strip(timeZone);
		}

		Locations.ChangeLocation command() {
			return new Locations.ChangeLocation(value(city), value(country),
					timeZone == null ? null : timeZone.map(ZoneId::of).orElseThrow());
		}

		private static @Nullable String value(@Nullable Optional<String> field) {
			return field == null ? null : field.orElseThrow();
		}
	}

	private final CalendarAccess access;

	private final Locations locations;

	LocationsController(CalendarAccess access, Locations locations) {
		this.access = access;
		this.locations = locations;
	}

	@GetMapping
	@Operation(operationId = "listLocations", summary = "List a celebrity's locations",
			description = "Ordered by city and country.")
	ApiResponse<List<LocationView>> list(Caller caller, @PathVariable UUID celebrityId) {
		return ApiResponse.ok(locations.list(access.manageable(caller, celebrityId)));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "addLocation", summary = "Add a location")
	@Conflict(description = "`LOCATION_EXISTS`: the celebrity already has a location in that city and country")
	ApiResponse<LocationView> add(Caller caller, @PathVariable UUID celebrityId,
			@Valid @RequestBody AddLocationRequest body) {
		return ApiResponse.ok(locations.add(access.manageable(caller, celebrityId), body.command()));
	}

	@PatchMapping("/{locationId}")
	@ResponseStatus(HttpStatus.OK) // also documents the 200 next to the 409
	@Operation(operationId = "changeLocation", summary = "Change a location",
			description = "Only the fields given change. The time zone of a location with windows cannot change.")
	@Conflict(description = "`LOCATION_EXISTS` (another location has that city and country) or "
			+ "`LOCATION_HAS_WINDOWS` (time zone change of a location with windows)")
	ApiResponse<LocationView> change(Caller caller, @PathVariable UUID celebrityId, @PathVariable UUID locationId,
			@Valid @RequestBody ChangeLocationRequest body) {
		return ApiResponse.ok(locations.change(access.manageable(caller, celebrityId), locationId, body.command()));
	}

	@DeleteMapping("/{locationId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "deleteLocation", summary = "Delete a location with its windows")
	@Conflict(description = "`LOCATION_HAS_BOOKINGS`: one of its windows is booked")
	void delete(Caller caller, @PathVariable UUID celebrityId, @PathVariable UUID locationId) {
		locations.delete(access.manageable(caller, celebrityId), locationId);
	}
}

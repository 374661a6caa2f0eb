package com.starrymeet.booking.availability;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import com.starrymeet.booking.availability.Views.LocationView;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ValidationFailed;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The places a celebrity visits, each with the IANA time zone its windows are expressed in. One location per
 * city and country (case-insensitive). Every change runs through the {@link Calendar} (lock, change, publish).
 * Who may call these is checked by the caller of these methods.
 */
@Service
public class Locations {

	/** Add a location. */
	public record AddLocation(String city, String country, ZoneId timeZone) {
	}

	/** Change a location; a {@code null} component keeps the current value, and at least one must be given. */
	public record ChangeLocation(@Nullable String city, @Nullable String country, @Nullable ZoneId timeZone) {

		public ChangeLocation {
			if (city == null && country == null && timeZone == null) {
				throw ValidationFailed.of("body", "must contain at least one of city, country, timeZone");
			}
		}
	}

	private final JdbcClient jdbc;

	private final Calendar calendar;

	Locations(JdbcClient jdbc, Calendar calendar) {
		this.jdbc = jdbc;
		this.calendar = calendar;
	}

	/** 409 {@code LOCATION_EXISTS} when the celebrity has one in that city and country. */
	@Transactional
	public LocationView add(UUID celebrityId, AddLocation command) {
		return calendar.change(celebrityId, () -> {
			requireNewCity(celebrityId, null, command.city(), command.country());
			var id = jdbc.sql("""
					INSERT INTO location (celebrity_id, city, country, time_zone) VALUES (:c, :city, :country, :zone)
					RETURNING id""")
				.param("c", celebrityId)
				.param("city", command.city())
				.param("country", command.country())
				.param("zone", command.timeZone().getId())
				.query(UUID.class)
				.single();
			return location(celebrityId, id);
		});
	}

	/**
	 * Edits city, country or time zone. The time zone of a location that has windows cannot change (their
	 * instants, and any booked meeting, would move): 409 {@code LOCATION_HAS_WINDOWS}.
	 */
	@Transactional
	public LocationView change(UUID celebrityId, UUID locationId, ChangeLocation command) {
		return calendar.change(celebrityId, () -> {
			var current = location(celebrityId, locationId);
			var city = command.city() != null ? command.city() : current.city();
			var country = command.country() != null ? command.country() : current.country();
			var zone = command.timeZone() != null ? command.timeZone().getId() : current.timeZone();
			requireNewCity(celebrityId, locationId, city, country);
			if (!zone.equals(current.timeZone()) && jdbc.sql("SELECT count(*) FROM time_window WHERE location_id = :id")
				.param("id", locationId)
				.query(Long.class)
				.single() > 0) {
				throw ApiException.conflict("LOCATION_HAS_WINDOWS",
						"The time zone of a location with windows cannot change; delete its windows first");
			}
			jdbc.sql("""
					UPDATE location SET city = :city, country = :country, time_zone = :zone, updated_at = now()
					WHERE id = :id AND celebrity_id = :c""")
				.param("city", city)
				.param("country", country)
				.param("zone", zone)
				.param("id", locationId)
				.param("c", celebrityId)
				.update();
			return location(celebrityId, locationId);
		});
	}

	/** Deletes a location with its windows; 409 {@code LOCATION_HAS_BOOKINGS} if any of its windows is booked. */
	@Transactional
	public void delete(UUID celebrityId, UUID locationId) {
		calendar.change(celebrityId, () -> {
			location(celebrityId, locationId);
			// a window booked meanwhile is skipped (the row is re-checked after its lock), so it remains and refuses
			jdbc.sql("DELETE FROM time_window WHERE location_id = :id AND booked = 0").param("id", locationId).update();
			if (jdbc.sql("SELECT count(*) FROM time_window WHERE location_id = :id")
				.param("id", locationId)
				.query(Long.class)
				.single() > 0) {
				throw ApiException.conflict("LOCATION_HAS_BOOKINGS", "This location has booked windows");
			}
			jdbc.sql("DELETE FROM location WHERE id = :id").param("id", locationId).update();
		});
	}

	@Transactional(readOnly = true)
	public List<LocationView> list(UUID celebrityId) {
		return jdbc.sql("SELECT * FROM location WHERE celebrity_id = :c ORDER BY city, country, id")
			.param("c", celebrityId)
			.query((rs, n) -> locationView(rs))
			.list();
	}

	private LocationView location(UUID celebrityId, UUID locationId) {
		return jdbc.sql("SELECT * FROM location WHERE id = :id AND celebrity_id = :c")
			.param("id", locationId)
			.param("c", celebrityId)
			.query((rs, n) -> locationView(rs))
			.optional()
			.orElseThrow(() -> ApiException.notFound("Location " + locationId));
	}

	/** One location per city and country (case-insensitive): 409 {@code LOCATION_EXISTS}. Runs under the lock. */
	private void requireNewCity(UUID celebrityId, @Nullable UUID except, String city, String country) {
		var existing = jdbc.sql("""
				SELECT id FROM location WHERE celebrity_id = :c AND lower(city) = lower(:city)
				  AND lower(country) = lower(:country) AND id IS DISTINCT FROM :except""")
			.param("c", celebrityId)
			.param("city", city)
			.param("country", country)
			.param("except", except, java.sql.Types.OTHER)
			.query(UUID.class)
			.optional();
		if (existing.isPresent()) {
			throw ApiException.conflict("LOCATION_EXISTS",
					"This celebrity already has a location in " + city + ", " + country + ": " + existing.get());
		}
	}

	private static LocationView locationView(ResultSet rs) throws SQLException {
		return new LocationView(rs.getObject("id", UUID.class), rs.getObject("celebrity_id", UUID.class),
				rs.getString("city"), rs.getString("country"), rs.getString("time_zone"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}
}

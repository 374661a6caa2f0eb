package com.starrymeet.celebrity.profile;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;

import com.starrymeet.common.catalog.CatalogFilter;
import com.starrymeet.common.events.MalformedEventException;
import com.starrymeet.common.events.contract.AvailabilityChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The availability read model: each AvailabilityChanged replaces a celebrity's locations and dates unless an
 * event with the same or a higher {@code aggregateVersion} was applied already; then the celebrity's snapshot
 * is published again (it carries the availability summary).
 */
@Service
public class Availability {

	private static final Logger log = LoggerFactory.getLogger(Availability.class);

	private final JdbcClient jdbc;

	private final Snapshots snapshots;

	Availability(JdbcClient jdbc, Snapshots snapshots) {
		this.jdbc = jdbc;
		this.snapshots = snapshots;
	}

	/**
	 * Applies an AvailabilityChanged of aggregate version {@code version}.
	 * @return whether it was applied (false when not newer than what is stored)
	 */
	@Transactional
	public boolean apply(AvailabilityChanged changed, long version) {
		if (changed.celebrityId() == null) {
			throw new MalformedEventException("AvailabilityChanged without celebrityId", null);
		}
		var id = changed.celebrityId();
		var newer = jdbc.sql("""
				INSERT INTO availability_state (celebrity_id, version) VALUES (:id, :version)
				ON CONFLICT (celebrity_id) DO UPDATE SET version = excluded.version, updated_at = now()
				WHERE availability_state.version < excluded.version
				RETURNING version""")
			.param("id", id)
			.param("version", version)
			.query(Long.class)
			.optional()
			.isPresent();
		if (!newer) {
			log.info("Ignoring AvailabilityChanged for {}: version {} is not newer", id, version);
			return false;
		}
		boolean known = jdbc.sql("SELECT count(*) FROM celebrity WHERE id = :id").param("id", id).query(Long.class)
			.single() > 0;
		if (known) {
			snapshots.lock(id); // serialises with profile edits and versions the new snapshot
		}
		jdbc.sql("DELETE FROM availability_summary WHERE celebrity_id = :id").param("id", id).update();
		jdbc.sql("DELETE FROM availability_date WHERE celebrity_id = :id").param("id", id).update();
		for (var location : merge(changed.locations())) {
			var dates = location.dates();
			jdbc.sql("""
					INSERT INTO availability_summary (celebrity_id, city, country, time_zone, available_dates_count,
					  next_available_date) VALUES (:id, :city, :country, :zone, :count, :next)""")
				.param("id", id)
				.param("city", location.city())
				.param("country", location.country())
				.param("zone", location.timeZone())
				.param("count", dates.size())
				.param("next", dates.isEmpty() ? null : dates.first(), java.sql.Types.DATE)
				.update();
			for (var date : dates) {
				jdbc.sql("""
						INSERT INTO availability_date (celebrity_id, city, country, city_key, country_key, date)
						VALUES (:id, :city, :country, :cityKey, :countryKey, :date)""")
					.param("id", id)
					.param("city", location.city())
					.param("country", location.country())
					.param("cityKey", CatalogFilter.fold(location.city()))
					.param("countryKey", CatalogFilter.fold(location.country()))
					.param("date", date)
					.update();
			}
		}
		if (known) {
			snapshots.publish(id);
		}
		return true;
	}

	record Place(String city, String country, @org.jspecify.annotations.Nullable String timeZone,
			TreeSet<LocalDate> dates) {
	}

	/** One row per city and country, distinct dates; blank names are skipped. */
	private static List<Place> merge(@org.jspecify.annotations.Nullable List<AvailabilityChanged.Location> locations) {
		var places = new LinkedHashMap<String, Place>();
		if (locations == null) {
			return List.of();
		}
		for (var location : locations) {
			if (location == null || location.city() == null || location.city().isBlank() || location.country() == null
					|| location.country().isBlank()) {
				continue;
			}
			var city = truncate(location.city().strip());
			var country = truncate(location.country().strip());
			var place = places.computeIfAbsent(city + "\u0000" + country,
					k -> new Place(city, country, location.timeZone(), new TreeSet<>()));
			if (location.availableDates() != null) {
				location.availableDates().stream().filter(java.util.Objects::nonNull).forEach(place.dates()::add);
			}
		}
		return List.copyOf(places.values());
	}

	private static String truncate(String value) {
		return value.length() > 100 ? value.substring(0, 100) : value;
	}
}

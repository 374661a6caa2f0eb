package com.starrymeet.celebrity.profile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.celebrity.category.Categories;
import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.CelebrityUpserted;
import com.starrymeet.common.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Versions and publishes a celebrity's full snapshot. Every change runs {@link #lock} first (the row lock
 * serialises concurrent changes of one celebrity and bumps its version), makes its change, then
 * {@link #publish} records CelebrityUpserted in the outbox in the same transaction. {@link #read} is the one
 * mapping from the tables to the published record: publishing and the internal reconciliation endpoint both use it.
 */
@Component
class Snapshots {

	/** A snapshot and the version it is (or was) published with. */
	record Versioned(CelebrityUpserted snapshot, long version) {
	}

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final CatalogCache cache;

	private final Categories categories;

	Snapshots(JdbcClient jdbc, ApplicationEventPublisher events, CatalogCache cache, Categories categories) {
		this.jdbc = jdbc;
		this.events = events;
		this.cache = cache;
		this.categories = categories;
	}

	/** Locks the celebrity's row and increments its version; 404 if it does not exist. */
	@Transactional(propagation = Propagation.MANDATORY)
	long lock(UUID id) {
		cache.invalidate(); // after commit: every change of a celebrity starts here
		return jdbc.sql("UPDATE celebrity SET version = version + 1, updated_at = now() WHERE id = :id RETURNING version")
			.param("id", id)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> ApiException.notFound("Celebrity " + id));
	}

	/** Keeps the denormalised lowest active price in step with the meeting types. */
	@Transactional(propagation = Propagation.MANDATORY)
	void refreshLowestPrice(UUID id) {
		jdbc.sql("""
				UPDATE celebrity SET lowest_price_cents =
				  (SELECT min(price_cents) FROM meeting_type WHERE celebrity_id = :id AND active)
				WHERE id = :id""").param("id", id).update();
	}

	/** Records the snapshot as it is now in this transaction, with the version {@link #lock} gave. */
	@Transactional(propagation = Propagation.MANDATORY)
	CelebrityUpserted publish(UUID id) {
		var current = read(List.of(id)).get(id);
		if (current == null) {
			throw ApiException.notFound("Celebrity " + id);
		}
		events.publishEvent(EventEnvelope.of(CelebrityUpserted.AGGREGATE, id, current.version(), current.snapshot()));
		return current.snapshot();
	}

	/**
	 * The snapshots of these celebrities as they are in the current transaction, each with the row's version (the
	 * version of the last published snapshot outside a change); unknown ids are absent. Three queries.
	 */
	Map<UUID, Versioned> read(Collection<UUID> ids) {
		var result = new LinkedHashMap<UUID, Versioned>();
		if (ids.isEmpty()) {
			return result;
		}
		var distinct = ids.stream().distinct().toList();
		var meetingTypes = new LinkedHashMap<UUID, List<CelebrityUpserted.MeetingType>>();
		jdbc.sql("""
				SELECT celebrity_id, id, name, duration_minutes, price_cents, currency, active FROM meeting_type
				WHERE celebrity_id IN (:ids) ORDER BY celebrity_id, sort_order, price_cents, created_at, id""")
			.param("ids", distinct)
			.query(rs -> {
				meetingTypes.computeIfAbsent(rs.getObject("celebrity_id", UUID.class), k -> new ArrayList<>())
					.add(new CelebrityUpserted.MeetingType(rs.getObject("id", UUID.class), rs.getString("name"),
							rs.getInt("duration_minutes"), rs.getLong("price_cents"), rs.getString("currency"),
							rs.getBoolean("active")));
			});
		var availability = new LinkedHashMap<UUID, List<CelebrityUpserted.AvailabilitySummary>>();
		jdbc.sql("""
				SELECT celebrity_id, city, country, available_dates_count, next_available_date FROM availability_summary
				WHERE celebrity_id IN (:ids) ORDER BY celebrity_id, next_available_date NULLS LAST, city, country""")
			.param("ids", distinct)
			.query(rs -> {
				availability.computeIfAbsent(rs.getObject("celebrity_id", UUID.class), k -> new ArrayList<>())
					.add(new CelebrityUpserted.AvailabilitySummary(rs.getString("city"), rs.getString("country"),
							rs.getInt("available_dates_count"), rs.getObject("next_available_date", LocalDate.class)));
			});
		record Row(UUID id, String username, String displayName, @Nullable String profession, @Nullable String bio,
				UUID categoryId, @Nullable String photo, boolean verified, boolean active, boolean featured,
				double rating, int reviews, int bookings, java.time.Instant createdAt, @Nullable UUID userId,
				long version) {
		}
		var rows = jdbc.sql("SELECT * FROM celebrity WHERE id IN (:ids)")
			.param("ids", distinct)
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("username"),
					rs.getString("display_name"), rs.getString("profession"), rs.getString("bio"),
					rs.getObject("category_id", UUID.class), rs.getString("profile_photo_url"),
					rs.getBoolean("verified"), rs.getBoolean("active"), rs.getBoolean("featured"),
					rs.getBigDecimal("average_rating").doubleValue(), rs.getInt("total_reviews"),
					rs.getInt("total_bookings"), rs.getTimestamp("created_at").toInstant(),
					rs.getObject("user_id", UUID.class), rs.getLong("version")))
			.list();
		var categoriesById = categories.byIds(rows.stream().map(Row::categoryId).toList());
		var byId = new LinkedHashMap<UUID, Row>();
		rows.forEach(row -> byId.put(row.id(), row));
		for (var id : distinct) { // in the order asked for
			var row = byId.get(id);
			if (row == null) {
				continue;
			}
			var category = categoriesById.get(row.categoryId());
			var snapshot = new CelebrityUpserted(id, row.username(), row.displayName(), row.profession(), row.bio(),
					new CelebrityUpserted.Category(row.categoryId(), category.name(), category.slug()), row.photo(),
					row.verified(), row.active(), row.featured(), row.rating(), row.reviews(), row.bookings(),
					meetingTypes.getOrDefault(id, List.of()), availability.getOrDefault(id, List.of()),
					row.createdAt(), row.userId());
			result.put(id, new Versioned(snapshot, row.version()));
		}
		return result;
	}
}

package com.starrymeet.celebrity.profile;

import java.time.LocalDate;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.CelebrityUpserted;
import com.starrymeet.common.web.ApiException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Versions and publishes a celebrity's full snapshot. Every change runs {@link #lock} first (the row lock
 * serialises concurrent changes of one celebrity and bumps its version), makes its change, then
 * {@link #publish} records CelebrityUpserted in the outbox in the same transaction.
 */
@Component
class Snapshots {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final CatalogCache cache;

	Snapshots(JdbcClient jdbc, ApplicationEventPublisher events, CatalogCache cache) {
		this.jdbc = jdbc;
		this.events = events;
		this.cache = cache;
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
		var snapshot = snapshot(id);
		long version = jdbc.sql("SELECT version FROM celebrity WHERE id = :id").param("id", id).query(Long.class).single();
		events.publishEvent(EventEnvelope.of(CelebrityUpserted.AGGREGATE, id, version, snapshot));
		return snapshot;
	}

	CelebrityUpserted snapshot(UUID id) {
		var meetingTypes = jdbc.sql("""
				SELECT id, name, duration_minutes, price_cents, currency, active FROM meeting_type
				WHERE celebrity_id = :id ORDER BY sort_order, price_cents, created_at, id""")
			.param("id", id)
			.query((rs, n) -> new CelebrityUpserted.MeetingType(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getInt("duration_minutes"), rs.getLong("price_cents"), rs.getString("currency"),
					rs.getBoolean("active")))
			.list();
		var availability = jdbc.sql("""
				SELECT city, country, available_dates_count, next_available_date FROM availability_summary
				WHERE celebrity_id = :id ORDER BY next_available_date NULLS LAST, city, country""")
			.param("id", id)
			.query((rs, n) -> new CelebrityUpserted.AvailabilitySummary(rs.getString("city"), rs.getString("country"),
					rs.getInt("available_dates_count"), rs.getObject("next_available_date", LocalDate.class)))
			.list();
		return jdbc.sql("""
				SELECT c.*, cat.name AS category_name, cat.slug AS category_slug
				FROM celebrity c JOIN category cat ON cat.id = c.category_id WHERE c.id = :id""")
			.param("id", id)
			.query((rs, n) -> new CelebrityUpserted(id, rs.getString("username"), rs.getString("display_name"),
					rs.getString("profession"), rs.getString("bio"),
					new CelebrityUpserted.Category(rs.getObject("category_id", UUID.class),
							rs.getString("category_name"), rs.getString("category_slug")),
					rs.getString("profile_photo_url"), rs.getBoolean("verified"), rs.getBoolean("active"),
					rs.getBoolean("featured"), rs.getBigDecimal("average_rating").doubleValue(),
					rs.getInt("total_reviews"), rs.getInt("total_bookings"), meetingTypes, availability,
					rs.getTimestamp("created_at").toInstant(), rs.getObject("user_id", UUID.class)))
			.single();
	}
}

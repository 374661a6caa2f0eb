package com.starrymeet.booking.booking;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin desk's audit log ({@code admin_audit}, append-only): who did what to which booking, when and why. Written
 * in the transaction of the action it records, so an action that rolls back leaves no entry and none is lost.
 */
@Component
class AdminAudit {

	record Entry(long id, UUID adminId, String action, @Nullable UUID bookingId, @Nullable String reason,
			JsonNode details, Instant at) {
	}

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AdminAudit(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void record(UUID adminId, String action, @Nullable UUID bookingId, @Nullable String reason, Map<String, ?> details) {
		jdbc.sql("""
				INSERT INTO admin_audit (admin_id, action, booking_id, reason, details)
				VALUES (:admin, :action, :booking, :reason, CAST(:details AS jsonb))""")
			.param("admin", adminId)
			.param("action", action)
			.param("booking", bookingId, java.sql.Types.OTHER)
			.param("reason", reason, java.sql.Types.VARCHAR)
			.param("details", json.writeValueAsString(details))
			.update();
	}

	List<Entry> ofBooking(UUID bookingId) {
		return jdbc.sql("SELECT id, admin_id, action, booking_id, reason, details::text AS details, at FROM admin_audit "
				+ "WHERE booking_id = :id ORDER BY id")
			.param("id", bookingId)
			.query((rs, n) -> new Entry(rs.getLong("id"), rs.getObject("admin_id", UUID.class), rs.getString("action"),
					rs.getObject("booking_id", UUID.class), rs.getString("reason"), json.readTree(rs.getString("details")),
					rs.getTimestamp("at").toInstant()))
			.list();
	}
}

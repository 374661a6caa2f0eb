package com.starrymeet.user.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.web.Pagination.PageQuery;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin audit log: who did what, to whom, when, with details. Written in the action's transaction, so an
 * action and its entry commit together. Append only.
 */
@Repository
public class AuditLog {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AuditLog(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * The actor of an entry that no admin made directly: a change applied from another service's event (the
	 * details name the event and what caused it).
	 */
	public static final UUID SYSTEM = new UUID(0, 0);

	public record Entry(long id, UUID actorId, String action, @Nullable UUID targetId, JsonNode details,
			Instant createdAt) {
	}

	public record Page(List<Entry> entries, long total) {
	}

	void record(UUID actorId, String action, @Nullable UUID targetId, Map<String, ?> details) {
		jdbc.sql("""
				INSERT INTO admin_audit_log (actor_id, action, target_id, details)
				VALUES (:actor, :action, :target, CAST(:details AS jsonb))""")
			.param("actor", actorId)
			.param("action", action)
			.param("target", targetId)
			.param("details", json.writeValueAsString(details))
			.update();
	}

	/** Newest first. */
	public Page page(PageQuery query) {
		long total = jdbc.sql("SELECT count(*) FROM admin_audit_log").query(Long.class).single();
		var entries = jdbc.sql("""
				SELECT id, actor_id, action, target_id, details::text AS details, created_at FROM admin_audit_log
				ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset""")
			.param("limit", query.limit())
			.param("offset", query.offset())
			.query((rs, n) -> new Entry(rs.getLong("id"), rs.getObject("actor_id", UUID.class), rs.getString("action"),
					rs.getObject("target_id", UUID.class), json.readTree(rs.getString("details")),
					rs.getTimestamp("created_at").toInstant()))
			.list();
		return new Page(entries, total);
	}
}

package com.starrymeet.payment.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.web.Pagination.PageQuery;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log of admin money actions: who did what, on what, when, and why. Written in the action's own
 * transaction ({@link Propagation#MANDATORY}), so an action and its entry commit together or not at all. Append only.
 */
@Repository
public class AuditLog {

	public record Entry(long id, UUID actorId, String action, @Nullable UUID targetId, @Nullable String reason,
			JsonNode details, Instant createdAt) {
	}

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AuditLog(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void record(UUID actorId, String action, @Nullable UUID targetId, @Nullable String reason,
			Map<String, ?> details) {
		jdbc.sql("""
				INSERT INTO admin_audit_log (actor_id, action, target_id, reason, details)
				VALUES (:actor, :action, :target, :reason, CAST(:details AS jsonb))""")
			.param("actor", actorId)
			.param("action", action)
			.param("target", targetId)
			.param("reason", reason)
			.param("details", json.writeValueAsString(details))
			.update();
	}

	public long count() {
		return jdbc.sql("SELECT count(*) FROM admin_audit_log").query(Long.class).single();
	}

	/** Newest first. */
	public List<Entry> page(PageQuery query) {
		return jdbc.sql("""
				SELECT id, actor_id, action, target_id, reason, details::text AS details, created_at
				FROM admin_audit_log ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset""")
			.param("limit", query.limit())
			.param("offset", query.offset())
			.query((rs, n) -> new Entry(rs.getLong("id"), rs.getObject("actor_id", UUID.class), rs.getString("action"),
					rs.getObject("target_id", UUID.class), rs.getString("reason"), json.readTree(rs.getString("details")),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}
}

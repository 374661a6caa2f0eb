package com.starrymeet.celebrity.profile;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin audit log ({@code admin_audit_log}): every admin action on a profile or an application, written in the
 * action's own transaction. The only code that touches the table; the application module records its decisions
 * here.
 */
@Component
public class AuditLog {

	@Schema(name = "AuditEntry")
	public record Entry(UUID id, UUID adminId, String action, Map<String, Object> details, Instant createdAt) {
	}

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AuditLog(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Records an admin action on a profile ({@code celebrityId}) and/or an application, in the caller's transaction. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(UUID adminId, @Nullable UUID celebrityId, @Nullable UUID applicationId, String action,
			Map<String, ?> details) {
		jdbc.sql("""
				INSERT INTO admin_audit_log (admin_id, celebrity_id, application_id, action, details)
				VALUES (:admin, :celebrity, :application, :action, :details::jsonb)""")
			.param("admin", adminId)
			.param("celebrity", celebrityId, java.sql.Types.OTHER)
			.param("application", applicationId, java.sql.Types.OTHER)
			.param("action", action)
			.param("details", json.writeValueAsString(details))
			.update();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> details(String details) {
		return json.readValue(details, java.util.LinkedHashMap.class);
	}

	/** The newest 200 entries of a profile. */
	@Transactional(readOnly = true)
	List<Entry> of(UUID celebrityId) {
		return jdbc.sql("""
				SELECT id, admin_id, action, details::text AS details, created_at FROM admin_audit_log
				WHERE celebrity_id = :id ORDER BY created_at DESC, id LIMIT 200""")
			.param("id", celebrityId)
			.query((rs, n) -> new Entry(rs.getObject("id", UUID.class), rs.getObject("admin_id", UUID.class),
					rs.getString("action"), details(rs.getString("details")),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}
}

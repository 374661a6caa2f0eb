package com.starrymeet.celebrity.application;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.starrymeet.celebrity.profile.AdminCelebrities;
import com.starrymeet.celebrity.profile.Views.CategoryRef;
import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.CelebrityApplicationApproved;
import com.starrymeet.common.events.contract.CelebrityApplicationRejected;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.BodyReader;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.ValidationFailed;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applications to become a celebrity. One PENDING application per user (a partial unique index makes a
 * concurrent second one fail too); a user who already manages a profile cannot apply. An admin decides once:
 * approval creates the profile (linked to the user, verified, active) and records CelebrityApplicationApproved,
 * rejection records CelebrityApplicationRejected with the reason; each in the decision's transaction, through
 * the outbox, and audit-logged.
 */
@Service
public class Applications {

	public static final Set<String> STATUSES = Set.of("PENDING", "APPROVED", "REJECTED");

	static final Set<String> APPLY_FIELDS = Set.of("displayName", "username", "profession", "categoryId", "category",
			"bio", "links", "message");

	static final Set<String> REJECT_FIELDS = Set.of("reason");

	static final Pattern LINK_NAME = Pattern.compile("^[a-z][a-z0-9_-]{0,29}$");

	static final int MAX_LINKS = 10;

	/** An application as its applicant and the admins see it. */
	public record View(UUID id, UUID userId, String status, String displayName, String username,
			@Nullable String profession, CategoryRef category, @Nullable String bio, Map<String, String> links,
			@Nullable String message, @Nullable String rejectionReason, @Nullable UUID celebrityId,
			@Nullable UUID decidedBy, @Nullable Instant decidedAt, Instant createdAt, Instant updatedAt) {

		View forApplicant() {
			return new View(id, userId, status, displayName, username, profession, category, bio, links, message,
					rejectionReason, celebrityId, null, decidedAt, createdAt, updatedAt);
		}
	}

	public record Page(List<View> applications, Pagination pagination) {
	}

	private final JdbcClient jdbc;

	private final AdminCelebrities admin;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	Applications(JdbcClient jdbc, AdminCelebrities admin, ApplicationEventPublisher events, JsonMapper json) {
		this.jdbc = jdbc;
		this.admin = admin;
		this.events = events;
		this.json = json;
	}

	@Transactional
	public View apply(UUID userId, JsonNode body) {
		var reader = new BodyReader(body, APPLY_FIELDS);
		var displayName = reader.text("displayName", 100, true, false);
		var username = reader.text("username", 30, true, false);
		if (username != null) {
			username = username.toLowerCase(Locale.ROOT);
		}
		AdminCelebrities.checkUsername(reader, username);
		var profession = reader.text("profession", 100, false, true);
		var categoryId = category(reader);
		var bio = reader.text("bio", 2000, false, true);
		var links = links(reader);
		var message = reader.text("message", 2000, false, true);
		reader.done();

		if (count("SELECT count(*) FROM celebrity WHERE user_id = :v", userId) > 0) {
			throw ApiException.conflict("ALREADY_CELEBRITY", "This account already has a celebrity profile");
		}
		if (count("SELECT count(*) FROM celebrity_application WHERE user_id = :v AND status = 'PENDING'", userId) > 0) {
			throw pending();
		}
		if (count("SELECT count(*) FROM celebrity WHERE username = :v", username) > 0) {
			throw ApiException.conflict("USERNAME_TAKEN", "The username " + username + " is taken");
		}
		UUID id;
		try {
			id = jdbc.sql("""
					INSERT INTO celebrity_application (user_id, display_name, username, profession, category_id, bio,
					  links, message)
					VALUES (:userId, :displayName, :username, :profession, :categoryId, :bio, :links::jsonb, :message)
					RETURNING id""")
				.param("userId", userId)
				.param("displayName", displayName)
				.param("username", username)
				.param("profession", profession)
				.param("categoryId", categoryId)
				.param("bio", bio)
				.param("links", json.writeValueAsString(links))
				.param("message", message)
				.query(UUID.class)
				.single();
		}
		catch (DuplicateKeyException ex) { // a concurrent application of the same user
			throw pending();
		}
		return find(id).orElseThrow().forApplicant();
	}

	/** The user's latest application; 404 {@code NO_APPLICATION} if they never applied. */
	@Transactional(readOnly = true)
	public View mine(UUID userId) {
		return jdbc.sql(SELECT + " WHERE a.user_id = :userId ORDER BY a.created_at DESC, a.id LIMIT 1")
			.param("userId", userId)
			.query(this::row)
			.optional()
			.map(View::forApplicant)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "NO_APPLICATION",
					"This account has not applied to become a celebrity"));
	}

	/** Oldest first (the queue order), optionally by status. */
	@Transactional(readOnly = true)
	public Page list(@Nullable String status, @Nullable Integer page, @Nullable Integer limit) {
		var normalized = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
		var errors = new java.util.ArrayList<com.starrymeet.common.web.Problems.FieldError>();
		if (normalized != null && !STATUSES.contains(normalized)) {
			errors.add(new com.starrymeet.common.web.Problems.FieldError("status", "must be one of PENDING, APPROVED, REJECTED"));
		}
		if (page != null && page < 1) {
			errors.add(new com.starrymeet.common.web.Problems.FieldError("page", "must be at least 1"));
		}
		if (limit != null && (limit < 1 || limit > Pagination.MAX_LIMIT)) {
			errors.add(new com.starrymeet.common.web.Problems.FieldError("limit", "must be between 1 and " + Pagination.MAX_LIMIT));
		}
		if (!errors.isEmpty()) {
			throw new ValidationFailed(errors);
		}
		var query = Pagination.PageQuery.of(page, limit);
		var where = normalized == null ? "" : " WHERE a.status = :status";
		var countStatement = jdbc.sql("SELECT count(*) FROM celebrity_application a" + where);
		var listStatement = jdbc.sql(SELECT + where + " ORDER BY a.created_at, a.id LIMIT :limit OFFSET :offset")
			.param("limit", query.limit())
			.param("offset", query.offset());
		if (normalized != null) {
			countStatement = countStatement.param("status", normalized);
			listStatement = listStatement.param("status", normalized);
		}
		long total = countStatement.query(Long.class).single();
		return new Page(listStatement.query(this::row).list(), Pagination.of(query, total));
	}

	@Transactional(readOnly = true)
	public View get(UUID id) {
		return find(id).orElseThrow(() -> ApiException.notFound("Application " + id));
	}

	/**
	 * Approves a PENDING application: creates the profile and records CelebrityApplicationApproved, all or nothing.
	 * 409 {@code ALREADY_DECIDED} when it was decided before, {@code ALREADY_CELEBRITY} / {@code USERNAME_TAKEN}
	 * when the profile cannot be created (the application stays pending; reject it).
	 */
	@Transactional
	public View approve(UUID adminId, UUID id) {
		var application = lockPending(id);
		var celebrityId = admin.createForApplicant(adminId, id, application.userId(), application.username(),
				application.displayName(), application.profession(), application.category().id(), application.bio());
		long version = decide(id, "APPROVED", adminId, null, celebrityId);
		audit(adminId, celebrityId, id, "APPROVE_APPLICATION", Map.of("userId", application.userId().toString()));
		events.publishEvent(EventEnvelope.of(CelebrityApplicationApproved.AGGREGATE, id, version,
				new CelebrityApplicationApproved(id, application.userId(), celebrityId)));
		return find(id).orElseThrow();
	}

	@Transactional
	public View reject(UUID adminId, UUID id, JsonNode body) {
		var reader = new BodyReader(body, REJECT_FIELDS);
		var reason = reader.text("reason", 1000, true, false);
		reader.done();
		var application = lockPending(id);
		long version = decide(id, "REJECTED", adminId, reason, null);
		audit(adminId, null, id, "REJECT_APPLICATION",
				Map.of("userId", application.userId().toString(), "reason", String.valueOf(reason)));
		events.publishEvent(EventEnvelope.of(CelebrityApplicationRejected.AGGREGATE, id, version,
				new CelebrityApplicationRejected(id, application.userId(), String.valueOf(reason))));
		return find(id).orElseThrow();
	}

	private View lockPending(UUID id) {
		var status = jdbc.sql("SELECT status FROM celebrity_application WHERE id = :id FOR UPDATE")
			.param("id", id)
			.query(String.class)
			.optional()
			.orElseThrow(() -> ApiException.notFound("Application " + id));
		if (!"PENDING".equals(status)) {
			throw ApiException.conflict("ALREADY_DECIDED", "The application was already " + status.toLowerCase(Locale.ROOT));
		}
		return find(id).orElseThrow();
	}

	private long decide(UUID id, String status, UUID adminId, @Nullable String reason, @Nullable UUID celebrityId) {
		return jdbc.sql("""
				UPDATE celebrity_application SET status = :status, decided_by = :admin, decided_at = now(), reason = :reason,
				  celebrity_id = :celebrityId, version = version + 1, updated_at = now()
				WHERE id = :id AND status = 'PENDING' RETURNING version""")
			.param("status", status)
			.param("admin", adminId)
			.param("reason", reason)
			.param("celebrityId", celebrityId, java.sql.Types.OTHER)
			.param("id", id)
			.query(Long.class)
			.single();
	}

	private void audit(UUID adminId, @Nullable UUID celebrityId, UUID applicationId, String action, Map<String, ?> details) {
		jdbc.sql("""
				INSERT INTO admin_audit_log (admin_id, celebrity_id, application_id, action, details)
				VALUES (:admin, :celebrity, :application, :action, :details::jsonb)""")
			.param("admin", adminId)
			.param("celebrity", celebrityId, java.sql.Types.OTHER)
			.param("application", applicationId)
			.param("action", action)
			.param("details", json.writeValueAsString(details))
			.update();
	}

	private @Nullable UUID category(BodyReader reader) {
		boolean byId = reader.has("categoryId");
		boolean bySlug = reader.has("category");
		if (byId == bySlug) {
			reader.error(byId ? "category" : "categoryId", "give exactly one of categoryId (id) and category (slug or id)");
			return null;
		}
		if (byId) {
			var id = reader.uuid("categoryId", true);
			if (id != null && count("SELECT count(*) FROM category WHERE id = :v", id) == 0) {
				reader.error("categoryId", "is not a known category");
				return null;
			}
			return id;
		}
		var value = reader.text("category", 50, true, false);
		if (value == null) {
			return null;
		}
		var found = jdbc.sql("SELECT id FROM category WHERE slug = lower(:v) OR id::text = lower(:v)")
			.param("v", value)
			.query(UUID.class)
			.optional();
		if (found.isEmpty()) {
			reader.error("category", "is not a known category slug or id");
			return null;
		}
		return found.get();
	}

	/** {@code links}: an object of up to 10 {@code name: "https://..."} pairs (e.g. instagram, website). */
	private Map<String, String> links(BodyReader reader) {
		var node = reader.node("links");
		var links = new LinkedHashMap<String, String>();
		if (node == null || node.isNull()) {
			return links;
		}
		if (!node.isObject()) {
			reader.error("links", "must be an object of name: https URL");
			return links;
		}
		if (node.size() > MAX_LINKS) {
			reader.error("links", "must have at most " + MAX_LINKS + " entries");
			return links;
		}
		for (var name : node.propertyNames()) {
			var field = "links." + name;
			if (!LINK_NAME.matcher(name).matches()) {
				reader.error(field, "the name must be 1-30 of a-z, 0-9, '_' and '-', starting with a letter");
				continue;
			}
			var url = node.get(name);
			if (!url.isString() || !isHttps(url.asString())) {
				reader.error(field, "must be an https URL");
				continue;
			}
			links.put(name, url.asString().strip());
		}
		return links;
	}

	private static boolean isHttps(String value) {
		if (value.length() > 2048) {
			return false;
		}
		try {
			var uri = new java.net.URI(value.strip());
			return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isBlank();
		}
		catch (java.net.URISyntaxException ex) {
			return false;
		}
	}

	private long count(String sql, @Nullable Object value) {
		return jdbc.sql(sql).param("v", value).query(Long.class).single();
	}

	private static ApiException pending() {
		return ApiException.conflict("APPLICATION_PENDING", "This account already has a pending application");
	}

	private java.util.Optional<View> find(UUID id) {
		return jdbc.sql(SELECT + " WHERE a.id = :id").param("id", id).query(this::row).optional();
	}

	private static final String SELECT = """
			SELECT a.*, a.links::text AS links_json, cat.name AS category_name, cat.slug AS category_slug
			FROM celebrity_application a JOIN category cat ON cat.id = a.category_id""";

	@SuppressWarnings("unchecked")
	private View row(ResultSet rs, int n) throws SQLException {
		var decidedAt = rs.getTimestamp("decided_at");
		return new View(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("status"),
				rs.getString("display_name"), rs.getString("username"), rs.getString("profession"),
				new CategoryRef(rs.getObject("category_id", UUID.class), rs.getString("category_name"),
						rs.getString("category_slug")),
				rs.getString("bio"), json.readValue(rs.getString("links_json"), LinkedHashMap.class),
				rs.getString("message"), rs.getString("reason"), rs.getObject("celebrity_id", UUID.class),
				rs.getObject("decided_by", UUID.class), decidedAt == null ? null : decidedAt.toInstant(),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}
}

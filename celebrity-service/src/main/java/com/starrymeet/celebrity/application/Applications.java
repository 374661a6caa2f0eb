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

import com.starrymeet.celebrity.category.Categories;
import com.starrymeet.celebrity.category.CategoryRef;
import com.starrymeet.celebrity.profile.AdminCelebrities;
import com.starrymeet.celebrity.profile.AuditLog;
import com.starrymeet.celebrity.profile.Profiles;
import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.CelebrityApplicationApproved;
import com.starrymeet.common.events.contract.CelebrityApplicationRejected;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.ValidationFailed;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
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

	/**
	 * An application, validated: {@code username} lower-case; the category given either by id ({@code categoryId})
	 * or by slug or id ({@code category}), exactly one of them; {@code links} name → https URL.
	 */
	public record NewApplication(String displayName, String username, @Nullable String profession,
			@Nullable UUID categoryId, @Nullable String category, @Nullable String bio, Map<String, String> links,
			@Nullable String message) {
	}

	/** An application as its applicant and the admins see it. */
	@Schema(name = "Application")
	public record View(UUID id, UUID userId, String status, String displayName, String username,
			@Nullable String profession, CategoryRef category, @Nullable String bio, Map<String, String> links,
			@Nullable String message, @Nullable String rejectionReason, @Nullable UUID celebrityId,
			@Nullable UUID decidedBy, @Nullable Instant decidedAt, Instant createdAt, Instant updatedAt) {

		View withCategory(CategoryRef category) {
			return new View(id, userId, status, displayName, username, profession, category, bio, links, message,
					rejectionReason, celebrityId, decidedBy, decidedAt, createdAt, updatedAt);
		}

		View forApplicant() {
			return new View(id, userId, status, displayName, username, profession, category, bio, links, message,
					rejectionReason, celebrityId, null, decidedAt, createdAt, updatedAt);
		}
	}

	public record Page(List<View> applications, Pagination pagination) {
	}

	private final JdbcClient jdbc;

	private final AdminCelebrities admin;

	private final Profiles profiles;

	private final Categories categories;

	private final AuditLog auditLog;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	Applications(JdbcClient jdbc, AdminCelebrities admin, Profiles profiles, Categories categories, AuditLog auditLog,
			ApplicationEventPublisher events, JsonMapper json) {
		this.jdbc = jdbc;
		this.admin = admin;
		this.profiles = profiles;
		this.categories = categories;
		this.auditLog = auditLog;
		this.events = events;
		this.json = json;
	}

	/**
	 * Files an application. 409 {@code ALREADY_CELEBRITY} when the account manages a profile, {@code APPLICATION_PENDING}
	 * when it has a pending one (also under concurrency: a partial unique index), {@code USERNAME_TAKEN} when a profile
	 * has the username.
	 */
	@Transactional
	public View apply(UUID userId, NewApplication application) {
		var categoryId = category(application);
		var username = application.username();
		if (profiles.profileOf(userId).isPresent()) {
			throw ApiException.conflict("ALREADY_CELEBRITY", "This account already has a celebrity profile");
		}
		if (jdbc.sql("SELECT count(*) FROM celebrity_application WHERE user_id = :v AND status = 'PENDING'")
			.param("v", userId)
			.query(Long.class)
			.single() > 0) {
			throw pending();
		}
		if (profiles.usernameTaken(username)) {
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
				.param("displayName", application.displayName())
				.param("username", username)
				.param("profession", application.profession(), java.sql.Types.VARCHAR)
				.param("categoryId", categoryId)
				.param("bio", application.bio(), java.sql.Types.VARCHAR)
				.param("links", json.writeValueAsString(application.links()))
				.param("message", application.message(), java.sql.Types.VARCHAR)
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
		return views(jdbc.sql(SELECT + " WHERE a.user_id = :userId ORDER BY a.created_at DESC, a.id LIMIT 1")
			.param("userId", userId)
			.query(this::row)
			.list()).stream()
			.findFirst()
			.map(View::forApplicant)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "NO_APPLICATION",
					"This account has not applied to become a celebrity"));
	}

	/** Oldest first (the queue order), optionally by status (any case; blank is all). */
	@Transactional(readOnly = true)
	public Page list(@Nullable String status, Pagination.PageQuery query) {
		var normalized = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
		if (normalized != null && !STATUSES.contains(normalized)) {
			throw ValidationFailed.of("status", "must be one of PENDING, APPROVED, REJECTED");
		}
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
		return new Page(views(listStatement.query(this::row).list()), Pagination.of(query, total));
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

	/** Rejects a PENDING application with a reason for the applicant; 409 {@code ALREADY_DECIDED} otherwise. */
	@Transactional
	public View reject(UUID adminId, UUID id, String reason) {
		var application = lockPending(id);
		long version = decide(id, "REJECTED", adminId, reason, null);
		audit(adminId, null, id, "REJECT_APPLICATION",
				Map.of("userId", application.userId().toString(), "reason", reason));
		events.publishEvent(EventEnvelope.of(CelebrityApplicationRejected.AGGREGATE, id, version,
				new CelebrityApplicationRejected(id, application.userId(), reason)));
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
		auditLog.record(adminId, celebrityId, applicationId, action, details);
	}

	/** The category's id: {@code categoryId} or {@code category} (a slug or an id), exactly one, and known. */
	private UUID category(NewApplication application) {
		boolean byId = application.categoryId() != null;
		boolean bySlug = application.category() != null;
		if (byId == bySlug) {
			throw ValidationFailed.of(byId ? "category" : "categoryId",
					"give exactly one of categoryId (id) and category (slug or id)");
		}
		if (byId) {
			return categories.find(application.categoryId())
				.map(CategoryRef::id)
				.orElseThrow(() -> ValidationFailed.of("categoryId", "is not a known category"));
		}
		return categories.findBySlugOrId(application.category())
			.map(CategoryRef::id)
			.orElseThrow(() -> ValidationFailed.of("category", "is not a known category slug or id"));
	}

	private static ApiException pending() {
		return ApiException.conflict("APPLICATION_PENDING", "This account already has a pending application");
	}

	private java.util.Optional<View> find(UUID id) {
		return views(jdbc.sql(SELECT + " WHERE a.id = :id").param("id", id).query(this::row).list()).stream()
			.findFirst();
	}

	private static final String SELECT = "SELECT a.*, a.links::text AS links_json FROM celebrity_application a";

	/** The rows with their categories' names and slugs (from the category module), in one query. */
	private List<View> views(List<View> rows) {
		var refs = categories.byIds(rows.stream().map(v -> v.category().id()).toList());
		return rows.stream().map(v -> v.withCategory(refs.get(v.category().id()))).toList();
	}

	/** An application row; its category holds only the id until {@link #views} completes it. */
	@SuppressWarnings("unchecked")
	private View row(ResultSet rs, int n) throws SQLException {
		var decidedAt = rs.getTimestamp("decided_at");
		return new View(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("status"),
				rs.getString("display_name"), rs.getString("username"), rs.getString("profession"),
				new CategoryRef(rs.getObject("category_id", UUID.class), "", ""),
				rs.getString("bio"), json.readValue(rs.getString("links_json"), LinkedHashMap.class),
				rs.getString("message"), rs.getString("reason"), rs.getObject("celebrity_id", UUID.class),
				rs.getObject("decided_by", UUID.class), decidedAt == null ? null : decidedAt.toInstant(),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}
}

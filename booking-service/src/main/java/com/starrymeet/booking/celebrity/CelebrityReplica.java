package com.starrymeet.booking.celebrity;

import java.util.Optional;
import java.util.UUID;

import com.starrymeet.common.events.contract.CelebrityUpserted;
import com.starrymeet.common.web.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The replica of the catalog: one row per celebrity with the highest aggregate version seen. A removed
 * celebrity keeps a tombstone row (so a late, older snapshot is still ignored) and counts as unknown.
 */
@Service
public class CelebrityReplica {

	private final JdbcClient jdbc;

	CelebrityReplica(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The celebrity, unless unknown or removed. */
	@Transactional(readOnly = true)
	public Optional<Celebrity> find(UUID celebrityId) {
		return jdbc.sql("SELECT celebrity_id, user_id, active, verified FROM celebrity_replica WHERE celebrity_id = :id AND NOT removed")
			.param("id", celebrityId)
			.query((rs, n) -> new Celebrity(rs.getObject("celebrity_id", UUID.class), rs.getObject("user_id", UUID.class),
					rs.getBoolean("active"), rs.getBoolean("verified")))
			.optional();
	}

	/** The celebrities the CELEBRITY account {@code userId} manages (usually one), removed ones left out. */
	@Transactional(readOnly = true)
	public java.util.List<UUID> managedBy(UUID userId) {
		return jdbc.sql("SELECT celebrity_id FROM celebrity_replica WHERE user_id = :user AND NOT removed ORDER BY celebrity_id")
			.param("user", userId)
			.query(UUID.class)
			.list();
	}

	/** The celebrity; 404 {@code NOT_FOUND} if unknown or removed. */
	public Celebrity require(UUID celebrityId) {
		return find(celebrityId).orElseThrow(() -> ApiException.notFound("Celebrity " + celebrityId));
	}

	/**
	 * Stores the snapshot's ownership and state unless the same or a higher version is held (a tombstone
	 * included). Runs in the consumer's transaction.
	 * @return whether it was applied
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean applyUpsert(CelebrityUpserted snapshot, long version) {
		return jdbc.sql("""
				INSERT INTO celebrity_replica (celebrity_id, user_id, active, verified, removed, version, updated_at)
				VALUES (:id, :userId, :active, :verified, false, :version, now())
				ON CONFLICT (celebrity_id) DO UPDATE SET user_id = excluded.user_id, active = excluded.active,
				    verified = excluded.verified, removed = false, version = excluded.version, updated_at = now()
				WHERE celebrity_replica.version < excluded.version""")
			.param("id", snapshot.celebrityId())
			.param("userId", snapshot.userId(), java.sql.Types.OTHER)
			.param("active", snapshot.active())
			.param("verified", snapshot.verified())
			.param("version", version)
			.update() == 1;
	}

	/**
	 * Tombstones the celebrity unless a newer snapshot is held (a removal at the same version as the last
	 * snapshot applies); an unknown celebrity gets a tombstone too.
	 * @return whether it was applied
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean applyRemoval(UUID celebrityId, long version) {
		return jdbc.sql("""
				INSERT INTO celebrity_replica (celebrity_id, user_id, active, removed, version, updated_at)
				VALUES (:id, NULL, false, true, :version, now())
				ON CONFLICT (celebrity_id) DO UPDATE SET removed = true, active = false, verified = false, user_id = NULL,
				    version = excluded.version, updated_at = now()
				WHERE celebrity_replica.version <= excluded.version""")
			.param("id", celebrityId)
			.param("version", version)
			.update() == 1;
	}
}

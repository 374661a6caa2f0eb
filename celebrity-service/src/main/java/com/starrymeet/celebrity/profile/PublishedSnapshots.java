package com.starrymeet.celebrity.profile;

import java.util.List;
import java.util.UUID;

import com.starrymeet.common.events.contract.CelebrityUpserted;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the catalog has published on {@code starrymeet.celebrity.v1}, for a consumer that reconciles its copy
 * (search-service): every celebrity's current snapshot version, and the current snapshots themselves, built by the
 * same code that builds the published ones ({@link Snapshots#read}).
 * <p>
 * Every celebrity is listed, public or not: a consumer keeps non-public snapshots too (search-service holds them as
 * "not visible" with their version), and a version it lacks, public or not, is one it must fetch. A profile whose
 * version is 0 has never been published (only rows written straight into the database are) and is left out.
 */
@Service
public class PublishedSnapshots {

	/** A celebrity and the aggregate version of its latest CelebrityUpserted. */
	public record Version(UUID id, long version) {
	}

	/** A CelebrityUpserted payload as published, with its aggregate version. */
	public record Snapshot(UUID id, long version, CelebrityUpserted payload) {
	}

	private final JdbcClient jdbc;

	private final Snapshots snapshots;

	PublishedSnapshots(JdbcClient jdbc, Snapshots snapshots) {
		this.jdbc = jdbc;
		this.snapshots = snapshots;
	}

	/** Every published celebrity with its version, by id. */
	@Transactional(readOnly = true)
	public List<Version> versions() {
		return jdbc.sql("SELECT id, version FROM celebrity WHERE version > 0 ORDER BY id")
			.query((rs, n) -> new Version(rs.getObject("id", UUID.class), rs.getLong("version")))
			.list();
	}

	/**
	 * The current snapshots of these celebrities, in the order asked for; unknown (and never published) ids are left
	 * out. Read in one repeatable-read transaction, so each snapshot and its version belong together even while a
	 * change commits.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public List<Snapshot> snapshots(List<UUID> ids) {
		return snapshots.read(ids)
			.values()
			.stream()
			.filter(v -> v.version() > 0)
			.map(v -> new Snapshot(v.snapshot().celebrityId(), v.version(), v.snapshot()))
			.toList();
	}
}

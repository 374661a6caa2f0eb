package com.starrymeet.celebrity.profile;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.starrymeet.common.events.contract.CelebrityUpserted;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the catalog has published on {@code starrymeet.celebrity.v1}, for a consumer that reconciles its copy
 * (search-service): the current snapshot version of every celebrity visible in search, and the current snapshots
 * themselves, built by the same code that builds the published ones ({@link Snapshots#read}).
 * <p>
 * Visible = public = active and verified, the rule of {@link CelebrityUpserted#isPublic()}. The versions list only
 * those; search-service keeps non-public snapshots as invisible entries, and when it shows a celebrity this list
 * does not have it fetches that snapshot ({@link #snapshots} serves any celebrity, public or not) and hides it. A
 * profile whose version is 0 has never been published (only rows written straight into the database are) and is
 * left out of both.
 */
@Service
public class PublishedSnapshots {

	/** A celebrity and the aggregate version of its latest CelebrityUpserted. */
	@Schema(name = "SnapshotVersion")
	public record Version(UUID id, long version) {
	}

	/**
	 * A CelebrityUpserted payload as published, with its aggregate version: in JSON the payload's own fields (the same
	 * as on Kafka) and {@code version}.
	 */
	@Schema(name = "VersionedCelebrityUpserted")
	public record Snapshot(@JsonUnwrapped CelebrityUpserted payload,
			@Schema(description = "the aggregate version this payload was published with") long version) {
	}

	private final JdbcClient jdbc;

	private final Snapshots snapshots;

	PublishedSnapshots(JdbcClient jdbc, Snapshots snapshots) {
		this.jdbc = jdbc;
		this.snapshots = snapshots;
	}

	/** Every published public celebrity with its version, by id. */
	@Transactional(readOnly = true)
	public List<Version> versions() {
		return jdbc.sql("SELECT c.id, c.version FROM celebrity c WHERE " + CelebrityCatalog.PUBLIC
				+ " AND c.version > 0 ORDER BY c.id")
			.query((rs, n) -> new Version(rs.getObject("id", UUID.class), rs.getLong("version")))
			.list();
	}

	/**
	 * The current snapshots of these celebrities, public or not, in the order asked for; unknown (and never published)
	 * ids are left out. Read in one repeatable-read transaction, so each snapshot and its version belong together even
	 * while a change commits.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public List<Snapshot> snapshots(List<UUID> ids) {
		return snapshots.read(ids)
			.values()
			.stream()
			.filter(v -> v.version() > 0)
			.map(v -> new Snapshot(v.snapshot(), v.version()))
			.toList();
	}
}

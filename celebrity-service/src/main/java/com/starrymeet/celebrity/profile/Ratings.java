package com.starrymeet.celebrity.profile;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The celebrity's rating aggregates ({@code average_rating}, {@code total_reviews}), changed like every other
 * change of a celebrity: row lock and version + 1 ({@link Snapshots#lock}, which also invalidates the caches after
 * commit), the new values, and a new CelebrityUpserted snapshot, all in the caller's transaction.
 */
@Component
public class Ratings {

	/** What the reviews say: the average (2 decimals) and the count. */
	public record Aggregate(BigDecimal average, int count) {
	}

	private final JdbcClient jdbc;

	private final Snapshots snapshots;

	Ratings(JdbcClient jdbc, Snapshots snapshots) {
		this.jdbc = jdbc;
		this.snapshots = snapshots;
	}

	/**
	 * Locks the celebrity, then asks {@code aggregate} (computed under the lock, so concurrent reviews of one
	 * celebrity are counted in turn), stores it and publishes the snapshot.
	 * @return false, changing nothing, if the celebrity is unknown here
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean update(UUID celebrityId, Supplier<Aggregate> aggregate) {
		if (jdbc.sql("SELECT count(*) FROM celebrity WHERE id = :id").param("id", celebrityId).query(Long.class)
			.single() == 0) {
			return false;
		}
		snapshots.lock(celebrityId);
		var value = aggregate.get();
		jdbc.sql("UPDATE celebrity SET average_rating = :average, total_reviews = :count WHERE id = :id")
			.param("average", value.average())
			.param("count", value.count())
			.param("id", celebrityId)
			.update();
		snapshots.publish(celebrityId);
		return true;
	}
}

package com.starrymeet.celebrity.profile;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.celebrity.category.PublicCelebrityCounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Public celebrities per category, for the categories' {@code celebrityCount}. */
@Component
class CategoryCounts implements PublicCelebrityCounts {

	private final JdbcClient jdbc;

	CategoryCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<UUID, Long> byCategory() {
		var counts = new HashMap<UUID, Long>();
		jdbc.sql("SELECT c.category_id, count(*) AS n FROM celebrity c WHERE " + CelebrityCatalog.PUBLIC
				+ " GROUP BY c.category_id")
			.query(rs -> {
				counts.put(rs.getObject("category_id", UUID.class), rs.getLong("n"));
			});
		return counts;
	}
}

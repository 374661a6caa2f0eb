package com.starrymeet.celebrity.category;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The categories table, in display order.
 */
@Repository
public class Categories {

	private final JdbcClient jdbc;

	Categories(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Category> all() {
		return jdbc.sql("""
				SELECT cat.id, cat.name, cat.slug, cat.description, cat.icon_url,
				  (SELECT count(*) FROM celebrity c WHERE c.category_id = cat.id AND c.active AND c.verified) AS celebrity_count
				FROM category cat ORDER BY cat.sort_order, cat.name""")
			.query(Category.class)
			.list();
	}
}

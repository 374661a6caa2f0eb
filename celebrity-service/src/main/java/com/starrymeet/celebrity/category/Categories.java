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
		return jdbc.sql("SELECT id, name, slug, description, icon_url FROM category ORDER BY sort_order, name")
			.query(Category.class)
			.list();
	}
}

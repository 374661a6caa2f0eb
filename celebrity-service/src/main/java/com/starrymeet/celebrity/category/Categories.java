package com.starrymeet.celebrity.category;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The categories table, in display order: the only code that reads it. Other modules resolve categories here.
 */
@Repository
@Transactional(readOnly = true)
public class Categories {

	private final JdbcClient jdbc;

	private final PublicCelebrityCounts counts;

	Categories(JdbcClient jdbc, PublicCelebrityCounts counts) {
		this.jdbc = jdbc;
		this.counts = counts;
	}

	/** Every category with the number of public celebrities in it. */
	public List<Category> all() {
		var publicCounts = counts.byCategory();
		return jdbc.sql("SELECT id, name, slug, description, icon_url FROM category ORDER BY sort_order, name")
			.query((rs, n) -> {
				var id = rs.getObject("id", UUID.class);
				return new Category(id, rs.getString("name"), rs.getString("slug"), rs.getString("description"),
						rs.getString("icon_url"), publicCounts.getOrDefault(id, 0L));
			})
			.list();
	}

	public Optional<CategoryRef> find(UUID id) {
		return jdbc.sql("SELECT id, name, slug FROM category WHERE id = :id")
			.param("id", id)
			.query(CategoryRef.class)
			.optional();
	}

	/** A category by its slug (any case) or its id given as text. */
	public Optional<CategoryRef> findBySlugOrId(String slugOrId) {
		try {
			return find(UUID.fromString(slugOrId.strip()));
		}
		catch (IllegalArgumentException ex) {
			return jdbc.sql("SELECT id, name, slug FROM category WHERE slug = lower(:slug)")
				.param("slug", slugOrId.strip())
				.query(CategoryRef.class)
				.optional();
		}
	}

	public boolean exists(UUID id) {
		return find(id).isPresent();
	}

	/** The categories of these ids (unknown ones are absent), in one query. */
	public Map<UUID, CategoryRef> byIds(Collection<UUID> ids) {
		var result = new LinkedHashMap<UUID, CategoryRef>();
		if (ids.isEmpty()) {
			return result;
		}
		jdbc.sql("SELECT id, name, slug FROM category WHERE id IN (:ids)")
			.param("ids", ids.stream().distinct().toList())
			.query(CategoryRef.class)
			.list()
			.forEach(ref -> result.put(ref.id(), ref));
		return result;
	}
}

package com.starrymeet.celebrity.profile;

import java.time.LocalDate;
import java.util.UUID;

import com.starrymeet.common.testing.EmbeddedInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V7 (a Java migration) on a database that already holds data, as the local fleet's does: the folded place keys are
 * filled in for the rows written before it, and required from then on.
 */
class FoldKeysMigrationTest {

	@Test
	void fillsTheFoldedPlaceKeysOfExistingRows() throws Exception {
		var url = EmbeddedInfrastructure.jdbcUrl("celebrity_v7_" + UUID.randomUUID().toString().substring(0, 8));
		var dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), url, "postgres", "postgres");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("6").load().migrate();
		var jdbc = JdbcClient.create(dataSource);
		var id = jdbc.sql("""
				INSERT INTO celebrity (username, display_name, profession, category_id)
				VALUES ('zoe_k', 'Zoë Kravitz', 'Actrice Française', (SELECT id FROM category WHERE slug = 'actors'))
				RETURNING id""").query(UUID.class).single();
		for (var place : new String[][] { { "Zürich", "Schweiz" }, { "São Paulo", "Brasil" } }) {
			jdbc.sql("INSERT INTO availability_date (celebrity_id, city, country, date) VALUES (:id, :city, :country, :date)")
				.param("id", id)
				.param("city", place[0])
				.param("country", place[1])
				.param("date", LocalDate.of(2030, 1, 1))
				.update();
		}

		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

		assertThat(jdbc.sql("SELECT city_key || '/' || country_key FROM availability_date ORDER BY city")
			.query(String.class)
			.list()).containsExactly("sao paulo/brasil", "zurich/schweiz");
		assertThat(jdbc.sql("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'availability_date' "
				+ "AND column_name = 'city_key'").query(String.class).single()).isEqualTo("NO");
	}
}

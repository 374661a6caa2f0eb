package db.migration;

import java.util.ArrayList;

import com.starrymeet.common.catalog.CatalogFilter;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Folded place keys for the catalog filter contract (case and accents ignored, {@link CatalogFilter#fold}):
 * {@code availability_date.city_key} and {@code country_key}, filled in for the rows already there and required from
 * now on. A Java migration because the fold is Java's (the same in every service), which SQL cannot reproduce.
 */
public class V7__catalog_fold_keys extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		var connection = context.getConnection();
		try (var statement = connection.createStatement()) {
			statement.execute("ALTER TABLE availability_date ADD COLUMN city_key TEXT, ADD COLUMN country_key TEXT");
		}
		var places = new ArrayList<String[]>();
		try (var statement = connection.createStatement();
				var rows = statement.executeQuery("SELECT DISTINCT city, country FROM availability_date")) {
			while (rows.next()) {
				places.add(new String[] { rows.getString(1), rows.getString(2) });
			}
		}
		try (var update = connection.prepareStatement(
				"UPDATE availability_date SET city_key = ?, country_key = ? WHERE city = ? AND country = ?")) {
			for (var place : places) {
				update.setString(1, CatalogFilter.fold(place[0]));
				update.setString(2, CatalogFilter.fold(place[1]));
				update.setString(3, place[0]);
				update.setString(4, place[1]);
				update.addBatch();
			}
			update.executeBatch();
		}
		try (var statement = connection.createStatement()) {
			statement.execute("ALTER TABLE availability_date ALTER COLUMN city_key SET NOT NULL, "
					+ "ALTER COLUMN country_key SET NOT NULL");
			statement.execute("CREATE INDEX availability_date_city_key_idx ON availability_date (city_key, celebrity_id)");
			statement.execute(
					"CREATE INDEX availability_date_country_key_idx ON availability_date (country_key, celebrity_id)");
		}
	}
}

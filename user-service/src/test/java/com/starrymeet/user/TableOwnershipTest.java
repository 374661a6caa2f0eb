package com.starrymeet.user;

import java.nio.file.Path;
import java.util.Map;

import com.starrymeet.common.testing.TableOwnership;
import org.junit.jupiter.api.Test;

import static java.util.Map.entry;

/**
 * Each module names in its SQL only the tables it owns; cross-module work goes through the owning module's API
 * (account erasure and export call {@code favorite.Favorites}, admin goes through {@code account.Users}).
 */
class TableOwnershipTest {

	static final Map<String, String> OWNERS = Map.ofEntries(entry("app_user", "account"),
			entry("login_attempt", "account"), entry("recovery_code", "account"),
			entry("email_verification_token", "account"), entry("password_reset_token", "account"),
			entry("refresh_token", "token"), entry("admin_audit_log", "admin"), entry("favorite", "favorite"),
			entry("celebrity_summary", "favorite"), entry("event_publication", TableOwnership.SHARED),
			entry("processed_event", TableOwnership.SHARED), entry("flyway_schema_history", TableOwnership.SHARED));

	@Test
	void modulesTouchOnlyTheirOwnTables() {
		TableOwnership.assertModulesTouchOnlyTheirTables(Path.of("src/main/java"), "com.starrymeet.user", OWNERS,
				Path.of("src/main/resources/db/migration"));
	}
}

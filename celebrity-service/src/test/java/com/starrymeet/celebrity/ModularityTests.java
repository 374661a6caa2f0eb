package com.starrymeet.celebrity;

import java.nio.file.Path;
import java.util.Map;

import com.starrymeet.common.testing.TableOwnership;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each feature package is a module: only its root package is visible to the others, and it names in SQL only the
 * tables it owns (cross-module work goes through the owning module's public classes).
 */
class ModularityTests {

	@Test
	void featurePackagesOnlyUseEachOthersPublicApi() {
		ApplicationModules.of(CelebrityApplication.class).verify();
	}

	@Test
	void modulesTouchOnlyTheirOwnTables() {
		TableOwnership.assertModulesTouchOnlyTheirTables(Path.of("src/main/java"), "com.starrymeet.celebrity",
				Map.ofEntries(Map.entry("category", "category"), //
						Map.entry("celebrity", "profile"), //
						Map.entry("meeting_type", "profile"), //
						Map.entry("availability_state", "profile"), //
						Map.entry("availability_summary", "profile"), //
						Map.entry("availability_date", "profile"), //
						Map.entry("admin_audit_log", "profile"), //
						Map.entry("celebrity_application", "application"), //
						Map.entry("completed_booking", "profile"), //
						Map.entry("review", "review"), //
						Map.entry("event_publication", TableOwnership.SHARED), //
						Map.entry("processed_event", TableOwnership.SHARED), //
						Map.entry("flyway_schema_history", TableOwnership.SHARED)),
				Path.of("src/main/resources/db/migration"));
	}
}

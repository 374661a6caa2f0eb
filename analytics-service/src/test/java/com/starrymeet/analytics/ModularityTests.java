package com.starrymeet.analytics;

import java.nio.file.Path;
import java.util.Map;

import com.starrymeet.common.testing.TableOwnership;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each feature package is a module: only its root package is visible to the others, and it touches only its own
 * tables.
 */
class ModularityTests {

	@Test
	void featurePackagesOnlyUseEachOthersPublicApi() {
		ApplicationModules.of(AnalyticsApplication.class).verify();
	}

	@Test
	void modulesTouchOnlyTheirOwnTables() {
		TableOwnership.assertModulesTouchOnlyTheirTables(Path.of("src/main/java"), "com.starrymeet.analytics",
				Map.of("raw_event", "ingestion",
						"event_publication", TableOwnership.SHARED,
						"processed_event", TableOwnership.SHARED,
						"flyway_schema_history", TableOwnership.SHARED),
				Path.of("src/main/resources/db/migration"));
	}
}

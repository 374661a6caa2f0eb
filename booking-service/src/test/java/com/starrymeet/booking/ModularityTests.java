package com.starrymeet.booking;

import java.nio.file.Path;
import java.util.Map;

import com.starrymeet.common.testing.TableOwnership;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each feature package is a module: only its root package is visible to the others, and it touches only its own
 * tables (the others' go through their API).
 */
class ModularityTests {

	@Test
	void featurePackagesOnlyUseEachOthersPublicApi() {
		ApplicationModules.of(BookingApplication.class).verify();
	}

	@Test
	void modulesTouchOnlyTheirOwnTables() {
		TableOwnership.assertModulesTouchOnlyTheirTables(Path.of("src/main/java"), "com.starrymeet.booking",
				Map.of("celebrity_replica", "celebrity",
						"location", "availability",
						"time_window", "availability",
						"blocked_date", "availability",
						"calendar", "availability",
						"booking", "booking",
						"booking_request", "booking",
						"booking_event", "booking",
						"booking_dispute", "booking",
						"review", "booking",
						"admin_audit", "booking",
						"event_publication", TableOwnership.SHARED,
						"processed_event", TableOwnership.SHARED,
						"flyway_schema_history", TableOwnership.SHARED),
				Path.of("src/main/resources/db/migration"));
	}
}

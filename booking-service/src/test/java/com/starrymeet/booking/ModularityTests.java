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
				Map.ofEntries(Map.entry("celebrity_replica", "celebrity"),
						Map.entry("location", "availability"),
						Map.entry("time_window", "availability"),
						Map.entry("blocked_date", "availability"),
						Map.entry("calendar", "availability"),
						Map.entry("booking", "booking"),
						Map.entry("booking_request", "booking"),
						Map.entry("booking_event", "booking"),
						Map.entry("booking_dispute", "booking"),
						Map.entry("review", "booking"),
						Map.entry("admin_audit", "booking"),
						Map.entry("booking_chat", "booking"),
						Map.entry("booking_message", "booking"),
						Map.entry("event_publication", TableOwnership.SHARED),
						Map.entry("processed_event", TableOwnership.SHARED),
						Map.entry("flyway_schema_history", TableOwnership.SHARED)),
				Path.of("src/main/resources/db/migration"));
	}
}

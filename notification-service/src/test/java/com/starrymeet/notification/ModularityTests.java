package com.starrymeet.notification;

import java.nio.file.Path;
import java.util.Map;

import com.starrymeet.common.testing.TableOwnership;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each feature package is a module: only its root package is visible to the others, and each names in its SQL only
 * the tables it owns.
 */
class ModularityTests {

	@Test
	void featurePackagesOnlyUseEachOthersPublicApi() {
		ApplicationModules.of(NotificationApplication.class).verify();
	}

	@Test
	void modulesTouchOnlyTheirTables() {
		TableOwnership.assertModulesTouchOnlyTheirTables(Path.of("src/main/java"), "com.starrymeet.notification",
				Map.ofEntries(Map.entry("contact", "contact"), Map.entry("booking_replica", "events"), Map.entry("reminder", "events"),
						Map.entry("delivery", "delivery"), Map.entry("in_app_notification", "inapp"),
						Map.entry("notification_preference", "preference"),
						Map.entry("event_publication", TableOwnership.SHARED),
						Map.entry("processed_event", TableOwnership.SHARED)),
				Path.of("src/main/resources/db/migration"));
	}
}

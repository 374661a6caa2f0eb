package com.starrymeet.payment;

import java.nio.file.Path;
import java.util.Map;

import com.starrymeet.common.testing.TableOwnership;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each feature package is a module: only its root package is visible to the others, and it touches only its own
 * tables (the others' go through their API: the webhook moves payments through {@code payment}'s Transitions).
 */
class ModularityTests {

	@Test
	void featurePackagesOnlyUseEachOthersPublicApi() {
		ApplicationModules.of(PaymentApplication.class).verify();
	}

	@Test
	void modulesTouchOnlyTheirOwnTables() {
		TableOwnership.assertModulesTouchOnlyTheirTables(Path.of("src/main/java"), "com.starrymeet.payment",
				Map.ofEntries(Map.entry("payment", "payment"),
						Map.entry("refund", "payment"),
						Map.entry("booking_meeting", "payment"),
						Map.entry("stripe_customer", "method"),
						Map.entry("stripe_webhook_event", "webhook"),
						Map.entry("chargeback", "payment"),
						Map.entry("credit_balance", "credit"),
						Map.entry("credit_entry", "credit"),
						Map.entry("connect_account", "payout"),
						Map.entry("payout", "payout"),
						Map.entry("payout_hold", "payout"),
						Map.entry("admin_audit_log", "audit"),
						Map.entry("event_publication", TableOwnership.SHARED),
						Map.entry("processed_event", TableOwnership.SHARED),
						Map.entry("flyway_schema_history", TableOwnership.SHARED)),
				Path.of("src/main/resources/db/migration"));
	}
}

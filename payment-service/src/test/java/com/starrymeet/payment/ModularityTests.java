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
				Map.of("payment", "payment",
						"refund", "payment",
						"stripe_customer", "method",
						"stripe_webhook_event", "webhook",
						"chargeback", "payment",
						"credit_balance", "credit",
						"credit_entry", "credit",
						"connect_account", "payout",
						"payout", "payout",
						"payout_hold", "payout",
						"admin_audit_log", "audit",
						"event_publication", TableOwnership.SHARED,
						"processed_event", TableOwnership.SHARED,
						"flyway_schema_history", TableOwnership.SHARED),
				Path.of("src/main/resources/db/migration"));
	}
}

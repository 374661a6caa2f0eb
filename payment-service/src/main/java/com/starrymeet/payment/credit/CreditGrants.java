package com.starrymeet.payment.credit;

import java.util.Map;
import java.util.UUID;

import com.starrymeet.payment.audit.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An admin's goodwill credit: the ledger entry and its audit-log entry in one transaction. */
@Service
public class CreditGrants {

	private final Credits credits;

	private final AuditLog audit;

	CreditGrants(Credits credits, AuditLog audit) {
		this.credits = credits;
		this.audit = audit;
	}

	@Transactional
	public Credits.Entry goodwill(UUID adminId, UUID userId, long amountCents, String reason) {
		var entry = credits.grant(userId, amountCents, Credits.GOODWILL, null, adminId, reason,
				"goodwill-" + UUID.randomUUID()).orElseThrow();
		audit.record(adminId, "CREDIT_GRANT", userId, reason,
				Map.of("amountCents", amountCents, "entryId", entry.id().toString()));
		return entry;
	}
}

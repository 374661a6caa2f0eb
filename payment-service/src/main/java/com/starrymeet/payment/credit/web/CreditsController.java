package com.starrymeet.payment.credit.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.Pagination.PageQuery;
import com.starrymeet.payment.credit.CreditGrants;
import com.starrymeet.payment.credit.Credits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A fan's platform credit (balance and history) and an admin's goodwill grant. */
@RestController
@Tag(name = "Credits", description = "Platform credit: applied automatically to the next booking before the card.")
class CreditsController {

	record CreditsView(long balanceCents, String currency, List<Credits.Entry> entries) {
	}

	@Schema(description = "A goodwill credit for a fan, with the reason (audit-logged).")
	record GrantRequest(@NotNull @Nullable UUID userId,
			@Schema(example = "2500") @NotNull @Positive @Max(1_000_000) @Nullable Long amountCents,
			@Schema(example = "Sorry for the late start of your meeting") @NotBlank @Size(max = 1000)
			@Nullable String reason) {
	}

	private final Credits credits;

	private final CreditGrants grants;

	CreditsController(Credits credits, CreditGrants grants) {
		this.credits = credits;
		this.grants = grants;
	}

	@GetMapping("/v1/payments/credits")
	@Operation(operationId = "getCredits", summary = "My credit balance and history",
			description = "The balance and the ledger's entries, newest first (grants, uses, returns, reversals), "
					+ "each with the balance after it.")
	ApiResponse<CreditsView> mine(Caller caller, @RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer limit) {
		var fan = caller.requireRole(Caller.Role.USER);
		var query = PageQuery.of(page, limit);
		return ApiResponse.page(new CreditsView(credits.balance(fan.userId()), Credits.CURRENCY,
				credits.history(fan.userId(), query)), Pagination.of(query, credits.count(fan.userId())));
	}

	@PostMapping("/v1/admin/payments/credits")
	@Operation(operationId = "grantCredit", summary = "Grant a fan goodwill credit (admin)",
			description = "ADMIN only; audit-logged with the reason; CreditGranted published.")
	ResponseEntity<ApiResponse<Map<String, Object>>> grant(Caller caller, @Valid @RequestBody GrantRequest body) {
		var admin = caller.requireRole(Caller.Role.ADMIN);
		var entry = grants.goodwill(admin.userId(), body.userId(), body.amountCents(), body.reason());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(ApiResponse.ok(Map.of("entry", entry, "balanceCents", entry.balanceAfterCents())));
	}
}

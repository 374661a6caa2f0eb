package com.starrymeet.payment.payout.web;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.payment.payout.ConnectAccounts;
import com.starrymeet.payment.payout.Earnings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A celebrity account's Stripe Connect onboarding, its state, and its earnings (role CELEBRITY). */
@RestController
@Tag(name = "Payouts", description = "Stripe Connect onboarding and the celebrity's earnings.")
class ConnectController {

	private final ConnectAccounts accounts;

	private final Earnings earnings;

	ConnectController(ConnectAccounts accounts, Earnings earnings) {
		this.accounts = accounts;
		this.earnings = earnings;
	}

	@PostMapping("/v1/payments/connect/onboarding")
	@Operation(operationId = "startConnectOnboarding", summary = "Onboard my payout account",
			description = "Creates my Stripe connected account the first time (express, weekly automatic payouts) "
					+ "and answers Stripe's onboarding link `{url, expiresAt}`.")
	ApiResponse<ConnectAccounts.Onboarding> onboarding(Caller caller) {
		var celebrity = caller.requireRole(Caller.Role.CELEBRITY);
		return ApiResponse.ok(accounts.onboard(celebrity.userId()));
	}

	@GetMapping("/v1/payments/connect")
	@Operation(operationId = "getConnectAccount", summary = "My payout account's state",
			description = "`{onboarded, accountId, chargesEnabled, payoutsEnabled, detailsSubmitted}` as Stripe last "
					+ "reported it (`account.updated`).")
	ApiResponse<ConnectAccounts.AccountState> state(Caller caller) {
		var celebrity = caller.requireRole(Caller.Role.CELEBRITY);
		return ApiResponse.ok(accounts.state(celebrity.userId()));
	}

	@GetMapping("/v1/celebrities/me/earnings")
	@Operation(operationId = "getMyEarnings", summary = "My earnings",
			description = "Per booking `{bookingId, bookingNumber, meetingDate, amountCents, status: pending|"
					+ "waiting_account|held|sent|reversed|canceled, eligibleAt, sentAt}` and per month of the meeting "
					+ "`{month, paidCents, pendingCents}`.")
	ApiResponse<Earnings.View> earnings(Caller caller) {
		var celebrity = caller.requireRole(Caller.Role.CELEBRITY);
		return ApiResponse.ok(earnings.of(celebrity.userId()));
	}
}

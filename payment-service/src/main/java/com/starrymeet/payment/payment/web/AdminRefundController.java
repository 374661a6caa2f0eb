package com.starrymeet.payment.payment.web;

import java.util.UUID;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.payment.payment.Payments;
import com.starrymeet.payment.payment.Payments.PaymentView;
import com.starrymeet.payment.payment.PendingStripeWork;
import com.starrymeet.payment.payment.Settlements;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An admin refunds part or all of what remains of a payment, with a reason (audit-logged). Answers at
 * {@code POST /v1/admin/payments/{paymentId}/refund} and at the contract's {@code POST /v1/payments/{paymentId}/refund}
 * (the same handler; only this one is in the API document).
 */
@RestController
@Tag(name = "Finance (admin)")
class AdminRefundController {

	@Schema(description = "An admin's refund of part or all of what remains of a payment.")
	record RefundRequest(@Schema(example = "5000") @NotNull @Positive @Nullable Long amountCents,
			@Schema(example = "The meeting started 20 minutes late") @NotBlank @Size(max = 1000) @Nullable String reason) {
	}

	record RefundAnswer(UUID refundId, PaymentView payment) {
	}

	private final Settlements settlements;

	private final PendingStripeWork pending;

	private final Payments payments;

	AdminRefundController(Settlements settlements, PendingStripeWork pending, Payments payments) {
		this.settlements = settlements;
		this.pending = pending;
		this.payments = payments;
	}

	@PostMapping("/v1/admin/payments/{paymentId}/refund")
	@Operation(operationId = "refundPayment", summary = "Refund part of a payment (admin)",
			description = "ADMIN only. Any amount up to what remains (captured − refunds so far; 409 "
					+ "`REFUND_EXCEEDS_REMAINING` beyond, `PAYMENT_NOT_REFUNDABLE` when not paid), with a reason; "
					+ "audit-logged. Sent to Stripe right after (one Refund, its own idempotency key); a payout not "
					+ "sent yet is recomputed. Also answers at `POST /v1/payments/{paymentId}/refund`.")
	ResponseEntity<ApiResponse<RefundAnswer>> refund(Caller caller, @PathVariable UUID paymentId,
			@Valid @RequestBody RefundRequest body) {
		var admin = caller.requireRole(Caller.Role.ADMIN);
		var refundId = settlements.adminRefund(admin.userId(), paymentId, body.amountCents(), body.reason());
		pending.sendPending();
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(ApiResponse.ok(new RefundAnswer(refundId, payments.view(admin, paymentId))));
	}
}

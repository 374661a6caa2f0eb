package com.starrymeet.payment.payment.web;

import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.ValidationFailed;
import com.starrymeet.payment.payment.BookingMoney;
import com.starrymeet.payment.payment.OpenIntents;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import com.starrymeet.payment.payment.OpenIntents.IntentView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * booking-service asks for a booking's PaymentIntent right after taking the slot (service to service: never routed
 * by the gateway, no user token). Idempotent per booking: the {@code Idempotency-Key} header is the booking id.
 */
@RestController
@Tag(name = "Internal", description = "Service-to-service endpoints, never routed by the gateway.")
class InternalPaymentsController {

	@Schema(description = "What the payment is for, as booking-service froze it in the booking.")
	record CreateIntentRequest(@NotNull @Nullable UUID bookingId,
			@Schema(example = "BK-2026-000001") @NotBlank @Size(max = 32) @Nullable String bookingNumber,
			@NotNull @Nullable UUID fanId, @NotNull @Nullable UUID celebrityId,
			@Schema(example = "25000") @NotNull @Positive @Nullable Long amountCents,
			@Schema(example = "USD") @NotNull @Pattern(regexp = "^[A-Z]{3}$",
					message = "must be an ISO 4217 code in upper case, like USD") @Nullable String currency,
			@NotNull @Nullable Instant holdExpiresAt) {
	}

	private final OpenIntents intents;

	private final BookingMoney money;

	private final com.starrymeet.payment.payment.Receipts receipts;

	InternalPaymentsController(OpenIntents intents, BookingMoney money,
			com.starrymeet.payment.payment.Receipts receipts) {
		this.receipts = receipts;
		this.intents = intents;
		this.money = money;
	}

	@GetMapping("/internal/payments/by-booking/{bookingId}")
	@Operation(operationId = "bookingMoney", summary = "A booking's money (booking-service's admin desk)",
			description = "The payment (or null), its refunds, the payout (or null) and the credit entries of the "
					+ "booking. Never 404: empty parts when nothing exists.")
	ApiResponse<BookingMoney.View> byBooking(@PathVariable UUID bookingId) {
		return ApiResponse.ok(money.of(bookingId));
	}

	/*
	 * Left out of the API document (described in the README): next to {@code /v1/payments/methods/{id}} (resp.
	 * {@code /internal/payments/by-booking/{id}}) this path is ambiguous to OpenAPI tools (Redocly's
	 * {@code no-ambiguous-paths}), as the admin refund's contract path is; the paths are the contract.
	 */
	@io.swagger.v3.oas.annotations.Hidden
	@GetMapping("/internal/payments/{paymentId}/receipt.pdf")
	@Operation(operationId = "paymentReceiptPdf", summary = "A payment's receipt PDF (notification-service)",
			description = "The same document as `GET /v1/payments/{paymentId}/receipt.pdf`, for the receipt e-mail's "
					+ "attachment. 404 unknown payment; 409 `PAYMENT_NOT_PAID` before it succeeded.")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the receipt",
			content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/pdf",
					schema = @Schema(type = "string", format = "binary")))
	org.springframework.http.ResponseEntity<byte[]> receipt(@PathVariable UUID paymentId) {
		return PaymentsController.pdf(receipts.forService(paymentId));
	}

	@PostMapping("/internal/payments/intents")
	@Operation(operationId = "createBookingIntent", summary = "The booking's PaymentIntent (booking-service)",
			description = "Creates the booking's one PaymentIntent, or answers the open one. 409 "
					+ "`BOOKING_ALREADY_PAID` when its payment succeeded, `BOOKING_NOT_PAYABLE` when the hold ended. The "
					+ "fan's credit is applied first: `creditAppliedCents`, `amountDueCents`; when credit covers the "
					+ "whole price there is no intent (`paymentIntentId`/`clientSecret` null, `status: succeeded`).")
	ApiResponse<IntentView> create(
			@Parameter(description = "the booking id") @RequestHeader(name = "Idempotency-Key", required = false)
			@Nullable String idempotencyKey, @Valid @RequestBody CreateIntentRequest body) {
		if (idempotencyKey == null || !idempotencyKey.equals(String.valueOf(body.bookingId()))) {
			throw ValidationFailed.of("Idempotency-Key", "must be the booking id");
		}
		return ApiResponse.ok(intents.open(new OpenIntents.OpenIntent(body.bookingId(), body.bookingNumber(),
				body.fanId(), body.celebrityId(), body.amountCents(), body.currency(), body.holdExpiresAt())));
	}
}

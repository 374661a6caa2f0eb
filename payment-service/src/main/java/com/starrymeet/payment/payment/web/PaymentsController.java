package com.starrymeet.payment.payment.web;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.payment.payment.Confirmations;
import com.starrymeet.payment.payment.Confirmations.Confirmation;
import com.starrymeet.payment.payment.OpenIntents;
import com.starrymeet.payment.payment.OpenIntents.IntentView;
import com.starrymeet.payment.payment.Payments;
import com.starrymeet.payment.payment.Payments.PaymentView;
import com.starrymeet.payment.payment.booking.Bookings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A fan pays for their own booking (role USER): the intent, the confirmation, the receipt. Another fan's booking or
 * payment is 404, as if it did not exist; an admin may read any payment.
 */
@RestController
@RequestMapping("/v1/payments")
@Tag(name = "Payments", description = "Paying for a booking through Stripe. The booking is confirmed when Stripe's "
		+ "signed webhook reports the payment succeeded, not on the confirmation's answer.")
class PaymentsController {

	@Schema(description = "The booking to pay (the caller's own, pending).")
	record CreateIntentRequest(@NotNull @Nullable UUID bookingId) {
	}

	@Schema(description = "Confirm the booking's intent with a payment method from Stripe.js, a saved card or a "
			+ "Stripe test token.")
	record ConfirmRequest(@NotNull @Nullable UUID bookingId,
			@Schema(example = "pm_card_visa") @NotBlank @Pattern(regexp = "^pm_[A-Za-z0-9_]{1,200}$",
					message = "must be a Stripe payment method id (pm_...)") @Nullable String paymentMethodId,
			@Schema(description = "also save the card on my account") @Nullable Boolean savePaymentMethod,
			@Schema(description = "where the 3-D Secure page sends the fan back", example = "https://starrymeet.com/pay/done")
			@Size(max = 2000) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL")
			@Nullable String returnUrl) {
	}

	private final Bookings bookings;

	private final OpenIntents intents;

	private final Confirmations confirmations;

	private final Payments payments;

	private final Clock clock = Clock.systemUTC();

	private final com.starrymeet.payment.payment.Receipts receipts;

	private final AdminRefundController adminRefunds;

	PaymentsController(Bookings bookings, OpenIntents intents, Confirmations confirmations, Payments payments,
			AdminRefundController adminRefunds, com.starrymeet.payment.payment.Receipts receipts) {
		this.receipts = receipts;
		this.adminRefunds = adminRefunds;
		this.bookings = bookings;
		this.intents = intents;
		this.confirmations = confirmations;
		this.payments = payments;
	}

	@PostMapping("/create-intent")
	@Operation(operationId = "createPaymentIntent", summary = "The PaymentIntent of my pending booking",
			description = "The open intent while there is one, else a new one (one per booking). 404 when the "
					+ "booking is not mine; 409 `BOOKING_NOT_PAYABLE` when it is not pending or its hold ended, "
					+ "`BOOKING_ALREADY_PAID`; 503 `BOOKING_SERVICE_UNAVAILABLE` with `Retry-After`.")
	ApiResponse<IntentView> createIntent(Caller caller, @Valid @RequestBody CreateIntentRequest body) {
		var fan = caller.requireRole(Caller.Role.USER);
		var booking = bookings.find(body.bookingId())
			.filter(b -> fan.is(b.fanId()))
			.orElseThrow(() -> ApiException.notFound("Booking"));
		if ("confirmed".equals(booking.status())) {
			throw ApiException.conflict("BOOKING_ALREADY_PAID", "This booking is already paid");
		}
		if (!"pending".equals(booking.status()) || !booking.holdExpiresAt().isAfter(Instant.now(clock))) {
			throw ApiException.conflict("BOOKING_NOT_PAYABLE",
					"This booking cannot be paid: it is not pending or its hold has ended");
		}
		return ApiResponse.ok(intents.open(new OpenIntents.OpenIntent(booking.bookingId(), booking.bookingNumber(),
				booking.fanId(), booking.celebrityId(), booking.amountCents(), booking.currency(),
				booking.holdExpiresAt())));
	}

	@PostMapping("/confirm")
	@Operation(operationId = "confirmPayment", summary = "Pay my booking with a card",
			description = "Confirms the booking's intent at Stripe. The answer is Stripe's status: `succeeded` "
					+ "(the booking is confirmed once Stripe's webhook arrives), `requires_action` with `nextAction` "
					+ "(send the fan to `nextAction.url` for 3-D Secure), or — a declined card — "
					+ "`requires_payment_method` with `failure {code, declineCode, message}` (a 200: the booking "
					+ "stays payable with another card until its hold ends). 404 when the booking is not mine; 409 "
					+ "`BOOKING_ALREADY_PAID`, `BOOKING_NOT_PAYABLE`.")
	ApiResponse<Confirmation> confirm(Caller caller, @Valid @RequestBody ConfirmRequest body) {
		var fan = caller.requireRole(Caller.Role.USER);
		return ApiResponse.ok(confirmations.confirm(fan.userId(), new Confirmations.Confirm(body.bookingId(),
				body.paymentMethodId(), Boolean.TRUE.equals(body.savePaymentMethod()), body.returnUrl())));
	}

	/**
	 * The contract's path for an admin's refund. It is left out of the API document: next to
	 * {@code /v1/payments/methods/{paymentMethodId}} it is ambiguous to OpenAPI tools (Redocly's
	 * {@code no-ambiguous-paths}); the document shows the same operation at
	 * {@code POST /v1/admin/payments/{paymentId}/refund} ({@link AdminRefundController}).
	 */
	@io.swagger.v3.oas.annotations.Hidden
	@PostMapping("/{paymentId}/refund")
	org.springframework.http.ResponseEntity<ApiResponse<AdminRefundController.RefundAnswer>> refund(Caller caller,
			@PathVariable UUID paymentId, @Valid @RequestBody AdminRefundController.RefundRequest body) {
		return adminRefunds.refund(caller, paymentId, body);
	}

	@GetMapping("/{paymentId}")
	@Operation(operationId = "getPayment", summary = "One of my payments (a receipt)",
			description = "Amount, status, card brand and last 4, refunds. 404 when it is not mine (admins: any).")
	ApiResponse<PaymentView> get(Caller caller, @PathVariable UUID paymentId) {
		var reader = caller.requireRole(Caller.Role.USER, Caller.Role.ADMIN);
		return ApiResponse.ok(payments.view(reader, paymentId));
	}

	/*
	 * Left out of the API document (described in the README): next to {@code /v1/payments/methods/{id}} (resp.
	 * {@code /internal/payments/by-booking/{id}}) this path is ambiguous to OpenAPI tools (Redocly's
	 * {@code no-ambiguous-paths}), as the admin refund's contract path is; the paths are the contract.
	 */
	@io.swagger.v3.oas.annotations.Hidden
	@GetMapping("/{paymentId}/receipt.pdf")
	@Operation(operationId = "getPaymentReceiptPdf", summary = "Download my receipt (PDF)",
			description = "The paid booking's receipt as `application/pdf`, downloaded as `receipt-<bookingNumber>.pdf`: "
					+ "booking number, meeting (celebrity, type, date and time in the venue's zone, city), price, "
					+ "platform fee, credit applied, card charged with brand and last 4, refunds with their dates, net "
					+ "paid, payment id and date. 404 when it is not mine (admins: any); 409 `PAYMENT_NOT_PAID` before "
					+ "the payment succeeded.")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the receipt",
			content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/pdf",
					schema = @Schema(type = "string", format = "binary")))
	org.springframework.http.ResponseEntity<byte[]> receipt(Caller caller, @PathVariable UUID paymentId) {
		var reader = caller.requireRole(Caller.Role.USER, Caller.Role.ADMIN);
		return pdf(receipts.forCaller(reader, paymentId));
	}

	static org.springframework.http.ResponseEntity<byte[]> pdf(com.starrymeet.payment.payment.Receipts.Document document) {
		return org.springframework.http.ResponseEntity.ok()
			.contentType(org.springframework.http.MediaType.APPLICATION_PDF)
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
					org.springframework.http.ContentDisposition.attachment().filename(document.filename()).build().toString())
			.header(org.springframework.http.HttpHeaders.CACHE_CONTROL, "private, no-store")
			.body(document.pdf());
	}
}

package com.starrymeet.payment.method.web;

import java.util.List;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.payment.method.SavedMethods;
import com.starrymeet.payment.method.SavedMethods.SavedMethod;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's saved cards (role USER); another user's card is 404. */
@RestController
@RequestMapping("/v1/payments/methods")
@Tag(name = "Payment methods", description = "Saved cards, held by Stripe on the fan's Stripe Customer. Card data "
		+ "never reaches StarryMeet: payment method ids (from Stripe.js), brand, last 4 digits and expiry only.")
class PaymentMethodsController {

	static final String PAYMENT_METHOD_ID = "^pm_[A-Za-z0-9_]{1,200}$";

	@Schema(description = "A payment method created by Stripe.js (or a Stripe test token such as pm_card_visa).")
	record AddMethodRequest(
			@Schema(example = "pm_card_visa") @NotBlank @Pattern(regexp = PAYMENT_METHOD_ID,
					message = "must be a Stripe payment method id (pm_...)") @Nullable String paymentMethodId,
			@Schema(description = "make it the default card (the first saved card always is)")
			@Nullable Boolean makeDefault) {
	}

	private final SavedMethods methods;

	PaymentMethodsController(SavedMethods methods) {
		this.methods = methods;
	}

	@GetMapping
	@Operation(operationId = "listPaymentMethods", summary = "List my saved cards")
	ApiResponse<List<SavedMethod>> list(Caller caller) {
		return ApiResponse.ok(methods.list(fan(caller).userId()));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "addPaymentMethod", summary = "Save a card",
			description = "Attaches the payment method to my Stripe Customer (created once). 400 when Stripe does "
					+ "not know it or it cannot be attached.")
	ApiResponse<SavedMethod> add(Caller caller, @Valid @RequestBody AddMethodRequest body) {
		return ApiResponse.ok(methods.add(fan(caller).userId(), body.paymentMethodId(),
				Boolean.TRUE.equals(body.makeDefault())));
	}

	@PostMapping("/{paymentMethodId}/default")
	@Operation(operationId = "setDefaultPaymentMethod", summary = "Make one of my saved cards the default")
	ApiResponse<SavedMethod> makeDefault(Caller caller, @PathVariable String paymentMethodId) {
		return ApiResponse.ok(methods.makeDefault(fan(caller).userId(), paymentMethodId));
	}

	@DeleteMapping("/{paymentMethodId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "deletePaymentMethod", summary = "Remove one of my saved cards")
	void delete(Caller caller, @PathVariable String paymentMethodId) {
		methods.delete(fan(caller).userId(), paymentMethodId);
	}

	private static Caller fan(Caller caller) {
		return caller.requireRole(Caller.Role.USER);
	}
}

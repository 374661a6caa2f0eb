package com.starrymeet.payment.method;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ValidationFailed;
import com.starrymeet.payment.stripe.IdempotencyKeys;
import com.starrymeet.payment.stripe.StripeFailures;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentMethod;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PaymentMethodListParams;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A user's saved cards, held by Stripe on the user's Customer ({@link Customers}); we keep only which one is the
 * default. A payment method that is not attached to the caller's own Customer is 404, as if it did not exist.
 */
@Service
public class SavedMethods {

	/** A saved card as clients see it: no card data beyond brand, last 4 and expiry. */
	public record SavedMethod(String id, @Nullable String brand, @Nullable String last4, @Nullable Long expMonth,
			@Nullable Long expYear, boolean isDefault) {
	}

	private final Customers customers;

	private final StripeClient stripe;

	SavedMethods(Customers customers, StripeClient stripe) {
		this.customers = customers;
		this.stripe = stripe;
	}

	/** The user's saved cards (none before the user has a Customer: reading never creates one). */
	public List<SavedMethod> list(UUID userId) {
		var customer = customers.find(userId);
		if (customer.isEmpty()) {
			return List.of();
		}
		var defaultMethod = customers.defaultMethod(userId);
		try {
			var params = PaymentMethodListParams.builder()
				.setCustomer(customer.get())
				.setType(PaymentMethodListParams.Type.CARD)
				.setLimit(100L)
				.build();
			return stripe.v1().paymentMethods().list(params).getData().stream()
				.map(pm -> view(pm, pm.getId().equals(defaultMethod)))
				.toList();
		}
		catch (StripeException ex) {
			throw StripeFailures.problem("listing payment methods", ex);
		}
	}

	/**
	 * Attaches {@code paymentMethodId} (from Stripe.js or a test token) to the user's Customer, creating the
	 * Customer the first time; it becomes the default when asked or when the user has none yet. A payment method
	 * Stripe does not know or that belongs to someone else is 400 naming {@code paymentMethodId}.
	 */
	public SavedMethod add(UUID userId, String paymentMethodId, boolean makeDefault) {
		var customer = customers.customerFor(userId);
		var attached = attach(userId, customer, paymentMethodId);
		boolean isDefault = makeDefault || customers.defaultMethod(userId) == null;
		if (isDefault) {
			setDefault(userId, customer, attached.getId());
		}
		return view(attached, isDefault);
	}

	/**
	 * Attaches {@code paymentMethodId} to the user's Customer and answers the attached method (Stripe clones a
	 * test token such as {@code pm_card_visa} into a new one). The key makes a repeated attach of the same method
	 * replay the first answer.
	 */
	public PaymentMethod attach(UUID userId, String customerId, String paymentMethodId) {
		try {
			return stripe.v1()
				.paymentMethods()
				.attach(paymentMethodId, PaymentMethodAttachParams.builder().setCustomer(customerId).build(),
						IdempotencyKeys.key("attach-" + userId + "-" + paymentMethodId));
		}
		catch (InvalidRequestException ex) {
			if (StripeFailures.transientFailure(ex)) {
				throw StripeFailures.problem("attaching a payment method", ex);
			}
			throw ValidationFailed.of("paymentMethodId", "is not a payment method that can be saved");
		}
		catch (StripeException ex) {
			throw StripeFailures.problem("attaching a payment method", ex);
		}
	}

	/** Makes one of the user's own saved cards the default (404 when it is not theirs). */
	public SavedMethod makeDefault(UUID userId, String paymentMethodId) {
		var customer = customers.find(userId).orElseThrow(() -> ApiException.notFound("Payment method"));
		var method = own(customer, paymentMethodId);
		setDefault(userId, customer, method.getId());
		return view(method, true);
	}

	/** Removes one of the user's own saved cards (404 when it is not theirs). */
	public void delete(UUID userId, String paymentMethodId) {
		var customer = customers.find(userId).orElseThrow(() -> ApiException.notFound("Payment method"));
		own(customer, paymentMethodId);
		try {
			stripe.v1().paymentMethods().detach(paymentMethodId);
		}
		catch (StripeException ex) {
			throw StripeFailures.problem("removing a payment method", ex);
		}
		customers.clearDefaultIf(userId, paymentMethodId);
	}

	private void setDefault(UUID userId, String customerId, String paymentMethodId) {
		try {
			stripe.v1()
				.customers()
				.update(customerId, CustomerUpdateParams.builder()
					.setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder()
						.setDefaultPaymentMethod(paymentMethodId)
						.build())
					.build());
		}
		catch (StripeException ex) {
			throw StripeFailures.problem("setting the default payment method", ex);
		}
		customers.setDefaultMethod(userId, paymentMethodId);
	}

	/** The payment method, if it is attached to {@code customerId}; else 404. */
	private PaymentMethod own(String customerId, String paymentMethodId) {
		if (!paymentMethodId.matches("pm_[A-Za-z0-9_]{1,200}")) {
			throw ApiException.notFound("Payment method");
		}
		PaymentMethod method;
		try {
			method = stripe.v1().paymentMethods().retrieve(paymentMethodId);
		}
		catch (InvalidRequestException ex) {
			if (StripeFailures.transientFailure(ex)) {
				throw StripeFailures.problem("reading a payment method", ex);
			}
			throw ApiException.notFound("Payment method");
		}
		catch (StripeException ex) {
			throw StripeFailures.problem("reading a payment method", ex);
		}
		if (!Objects.equals(method.getCustomer(), customerId)) {
			throw ApiException.notFound("Payment method");
		}
		return method;
	}

	private static SavedMethod view(PaymentMethod method, boolean isDefault) {
		var card = method.getCard();
		return new SavedMethod(method.getId(), card == null ? null : card.getBrand(),
				card == null ? null : card.getLast4(), card == null ? null : card.getExpMonth(),
				card == null ? null : card.getExpYear(), isDefault);
	}
}

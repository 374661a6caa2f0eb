package com.starrymeet.payment.method;

import java.util.Optional;
import java.util.UUID;

import com.starrymeet.payment.stripe.IdempotencyKeys;
import com.starrymeet.payment.stripe.StripeFailures;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.param.CustomerCreateParams;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A Stripe Customer per user, created once: our row ({@code stripe_customer}) says which; creation runs under a
 * transaction-scoped advisory lock on the user and with the idempotency key {@code customer-<userId>}, so concurrent
 * first payments of one fan still make one Customer.
 */
@Service
public class Customers {

	private final JdbcClient jdbc;

	private final StripeClient stripe;

	Customers(JdbcClient jdbc, StripeClient stripe) {
		this.jdbc = jdbc;
		this.stripe = stripe;
	}

	/** The user's Stripe Customer id, created at Stripe the first time. */
	@Transactional
	public String customerFor(UUID userId) {
		var existing = find(userId);
		if (existing.isPresent()) {
			return existing.get();
		}
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.param("key", "stripe-customer-" + userId)
			.query()
			.listOfRows();
		existing = find(userId);
		if (existing.isPresent()) {
			return existing.get();
		}
		String customerId;
		try {
			customerId = stripe.v1()
				.customers()
				.create(CustomerCreateParams.builder().putMetadata("user_id", userId.toString()).build(),
						IdempotencyKeys.customer(userId))
				.getId();
		}
		catch (StripeException ex) {
			throw StripeFailures.problem("creating a customer", ex);
		}
		jdbc.sql("""
				INSERT INTO stripe_customer (user_id, stripe_customer_id) VALUES (:user, :customer)
				ON CONFLICT (user_id) DO NOTHING""")
			.param("user", userId)
			.param("customer", customerId)
			.update();
		return find(userId).orElseThrow();
	}

	/** The user's Stripe Customer id, if one was made. */
	public Optional<String> find(UUID userId) {
		return jdbc.sql("SELECT stripe_customer_id FROM stripe_customer WHERE user_id = :user")
			.param("user", userId)
			.query(String.class)
			.optional();
	}

	@Nullable String defaultMethod(UUID userId) {
		return jdbc.sql("SELECT default_payment_method_id FROM stripe_customer WHERE user_id = :user")
			.param("user", userId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	void setDefaultMethod(UUID userId, @Nullable String paymentMethodId) {
		jdbc.sql("""
				UPDATE stripe_customer SET default_payment_method_id = :pm, updated_at = now() WHERE user_id = :user""")
			.param("pm", paymentMethodId)
			.param("user", userId)
			.update();
	}

	/** Forgets the default when it is {@code paymentMethodId} (a removed card). */
	void clearDefaultIf(UUID userId, String paymentMethodId) {
		jdbc.sql("""
				UPDATE stripe_customer SET default_payment_method_id = NULL, updated_at = now()
				WHERE user_id = :user AND default_payment_method_id = :pm""")
			.param("pm", paymentMethodId)
			.param("user", userId)
			.update();
	}
}

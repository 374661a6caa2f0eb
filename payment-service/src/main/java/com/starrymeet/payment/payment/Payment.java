package com.starrymeet.payment.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A row of {@code payment}: one booking's PaymentIntent and what became of it. */
public record Payment(UUID id, UUID bookingId, String bookingNumber, UUID fanId, UUID celebrityId,
		@Nullable String paymentIntentId, @Nullable String clientSecret, @Nullable String customerId, long amountCents,
		String currency,
		String status, @Nullable String paymentMethodId, @Nullable String cardBrand, @Nullable String cardLast4,
		long capturedCents, long refundedCents, @Nullable String failureCode, @Nullable String failureDeclineCode,
		@Nullable String failureMessage, Instant holdExpiresAt, @Nullable Instant succeededAt, long version,
		Instant createdAt, Instant updatedAt, long priceCents, long creditAppliedCents, @Nullable String chargeId) {

	public static final String SUCCEEDED = "succeeded";

	public static final String CANCELED = "canceled";

	public static final String REQUIRES_PAYMENT_METHOD = "requires_payment_method";

	/** What the fan paid: the card's captured amount and the credit applied (0 until the payment succeeded). */
	public long paidCents() {
		return SUCCEEDED.equals(status) ? capturedCents + creditAppliedCents : 0;
	}

	/** Succeeded and canceled are final at Stripe: nothing moves a payment out of them. */
	public boolean terminal() {
		return SUCCEEDED.equals(status) || CANCELED.equals(status);
	}

	static Payment map(ResultSet rs, int row) throws SQLException {
		return new Payment(rs.getObject("id", UUID.class), rs.getObject("booking_id", UUID.class),
				rs.getString("booking_number"), rs.getObject("fan_id", UUID.class),
				rs.getObject("celebrity_id", UUID.class), rs.getString("stripe_payment_intent_id"),
				rs.getString("client_secret"), rs.getString("stripe_customer_id"), rs.getLong("amount_cents"),
				rs.getString("currency"), rs.getString("status"), rs.getString("payment_method_id"),
				rs.getString("card_brand"), rs.getString("card_last4"), rs.getLong("captured_cents"),
				rs.getLong("refunded_cents"), rs.getString("failure_code"), rs.getString("failure_decline_code"),
				rs.getString("failure_message"), instant(rs, "hold_expires_at"), nullableInstant(rs, "succeeded_at"),
				rs.getLong("version"), instant(rs, "created_at"), instant(rs, "updated_at"), rs.getLong("price_cents"),
				rs.getLong("credit_applied_cents"), rs.getString("stripe_charge_id"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getTimestamp(column).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		var value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}
}

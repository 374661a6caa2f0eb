package com.starrymeet.payment.stripe;

import java.util.UUID;

import com.stripe.net.RequestOptions;

/**
 * The idempotency key of every Stripe call that creates something or moves money, derived from our own record
 * (ARCHITECTURE.md, Money): asking again — a retry, a redelivered event, a second instance — replays Stripe's first
 * answer instead of doing it twice. Stripe keeps keys 24 hours; after that our own rows (one payment per booking, a
 * refund row per decision) still prevent a second one.
 */
public final class IdempotencyKeys {

	private IdempotencyKeys() {
	}

	/** The booking's one PaymentIntent. */
	public static RequestOptions intent(UUID bookingId) {
		return key("intent-" + bookingId);
	}

	/** Cancelling the booking's PaymentIntent when its hold expired. */
	public static RequestOptions cancel(UUID bookingId) {
		return key("cancel-" + bookingId);
	}

	/** The {@code attempt}-th confirmation of a payment (each new card or retry is an attempt of its own). */
	public static RequestOptions confirm(UUID paymentId, int attempt) {
		return key("confirm-" + paymentId + "-" + attempt);
	}

	/** The user's one Stripe Customer. */
	public static RequestOptions customer(UUID userId) {
		return key("customer-" + userId);
	}

	/** Any other key, e.g. a refund's, which its row holds ({@code refund-<paymentId>-rejected}). */
	public static RequestOptions key(String key) {
		return RequestOptions.builder().setIdempotencyKey(key).build();
	}
}

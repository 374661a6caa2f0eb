package com.starrymeet.payment.payment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads of payments and refunds, and the receipt view of one payment for its fan (or an admin). */
@Service
public class Payments {

	/** What a receipt needs. {@code refundedCents} never exceeds {@code capturedCents} (a constraint). */
	public record PaymentView(UUID id, UUID bookingId, String bookingNumber, long amountCents, String currency,
			String status, long capturedCents, long refundedCents, String refundStatus, @Nullable Card card,
			String paymentIntentId, @Nullable Failure lastFailure, List<RefundView> refunds, java.time.Instant createdAt,
			java.time.Instant updatedAt) {
	}

	public record Card(@Nullable String brand, @Nullable String last4) {
	}

	public record Failure(@Nullable String code, @Nullable String declineCode, @Nullable String message) {
	}

	/** @param id Stripe's refund id ({@code re_...}) once Stripe answered, else our record's id */
	public record RefundView(String id, long amountCents, String reason, String status, java.time.Instant createdAt) {
	}

	private final JdbcClient jdbc;

	Payments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Payment> byId(UUID id) {
		return jdbc.sql("SELECT * FROM payment WHERE id = :id").param("id", id).query(Payment::map).optional();
	}

	public Optional<Payment> byBooking(UUID bookingId) {
		return jdbc.sql("SELECT * FROM payment WHERE booking_id = :b").param("b", bookingId).query(Payment::map)
			.optional();
	}

	public Optional<Payment> byIntent(String paymentIntentId) {
		return jdbc.sql("SELECT * FROM payment WHERE stripe_payment_intent_id = :pi")
			.param("pi", paymentIntentId)
			.query(Payment::map)
			.optional();
	}

	/** The payment for its own fan or an admin; anyone else: 404, as if it did not exist. */
	public PaymentView view(Caller caller, UUID paymentId) {
		var payment = byId(paymentId).filter(p -> caller.isAdmin() || caller.is(p.fanId()))
			.orElseThrow(() -> ApiException.notFound("Payment"));
		var refunds = jdbc.sql("""
				SELECT coalesce(stripe_refund_id, id::text) AS id, amount_cents, reason, status, created_at
				FROM refund WHERE payment_id = :p ORDER BY created_at, id""")
			.param("p", paymentId)
			.query((rs, i) -> new RefundView(rs.getString("id"), rs.getLong("amount_cents"), rs.getString("reason"),
					rs.getString("status"), rs.getTimestamp("created_at").toInstant()))
			.list();
		String refundStatus = payment.refundedCents() == 0 ? "none"
				: payment.refundedCents() == payment.capturedCents() ? "full" : "partial";
		var card = payment.cardBrand() == null && payment.cardLast4() == null ? null
				: new Card(payment.cardBrand(), payment.cardLast4());
		var failure = payment.failureCode() == null || payment.terminal() ? null
				: new Failure(payment.failureCode(), payment.failureDeclineCode(), payment.failureMessage());
		return new PaymentView(payment.id(), payment.bookingId(), payment.bookingNumber(), payment.amountCents(),
				payment.currency(), payment.status(), payment.capturedCents(), payment.refundedCents(), refundStatus,
				card, payment.paymentIntentId(), failure, refunds, payment.createdAt(), payment.updatedAt());
	}
}

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
			@Nullable String paymentIntentId, @Nullable Failure lastFailure, List<RefundView> refunds,
			java.time.Instant createdAt, java.time.Instant updatedAt, long priceCents, long creditAppliedCents,
			long paidCents) {
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

	/**
	 * Payment figures per period for finance (UTC): {@code gross} = what fans paid (card captured + credit applied)
	 * by the time the payment succeeded, {@code cardPaid}, {@code creditPaid}, {@code refunds} = card refunds counted
	 * (pending or succeeded at Stripe) by the time decided.
	 */
	public java.util.Map<String, java.util.Map<java.time.Instant, Long>> figures(String granularity,
			java.time.Instant from, java.time.Instant to) {
		var gross = new java.util.LinkedHashMap<java.time.Instant, Long>();
		var card = new java.util.LinkedHashMap<java.time.Instant, Long>();
		var credit = new java.util.LinkedHashMap<java.time.Instant, Long>();
		var refunds = new java.util.LinkedHashMap<java.time.Instant, Long>();
		jdbc.sql("""
				SELECT date_trunc(:g, succeeded_at AT TIME ZONE 'UTC') AS period, sum(captured_cents) AS card,
				    sum(credit_applied_cents) AS credit
				FROM payment WHERE status = 'succeeded' AND succeeded_at >= :from AND succeeded_at < :to GROUP BY 1""")
			.param("g", granularity)
			.param("from", java.sql.Timestamp.from(from))
			.param("to", java.sql.Timestamp.from(to))
			.query((rs, i) -> {
				var period = utc(rs.getTimestamp("period"));
				card.put(period, rs.getLong("card"));
				credit.put(period, rs.getLong("credit"));
				return gross.put(period, rs.getLong("card") + rs.getLong("credit"));
			})
			.list();
		jdbc.sql("""
				SELECT date_trunc(:g, created_at AT TIME ZONE 'UTC') AS period, sum(amount_cents) AS cents FROM refund
				WHERE status IN ('pending', 'succeeded') AND created_at >= :from AND created_at < :to GROUP BY 1""")
			.param("g", granularity)
			.param("from", java.sql.Timestamp.from(from))
			.param("to", java.sql.Timestamp.from(to))
			.query((rs, i) -> refunds.put(utc(rs.getTimestamp("period")), rs.getLong("cents")))
			.list();
		return java.util.Map.of("gross", gross, "cardPaid", card, "creditPaid", credit, "refunds", refunds);
	}

	private static java.time.Instant utc(java.sql.Timestamp localUtc) {
		return localUtc.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
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
		String refundStatus = payment.refundedCents() == 0 || payment.capturedCents() == 0 ? "none"
				: payment.refundedCents() == payment.capturedCents() ? "full" : "partial";
		var card = payment.cardBrand() == null && payment.cardLast4() == null ? null
				: new Card(payment.cardBrand(), payment.cardLast4());
		var failure = payment.failureCode() == null || payment.terminal() ? null
				: new Failure(payment.failureCode(), payment.failureDeclineCode(), payment.failureMessage());
		return new PaymentView(payment.id(), payment.bookingId(), payment.bookingNumber(), payment.amountCents(),
				payment.currency(), payment.status(), payment.capturedCents(), payment.refundedCents(), refundStatus,
				card, payment.paymentIntentId(), failure, refunds, payment.createdAt(), payment.updatedAt(),
				payment.priceCents(), payment.creditAppliedCents(), payment.paidCents());
	}
}

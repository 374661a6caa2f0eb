package com.starrymeet.payment.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.payment.credit.Credits;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A paid booking's receipt, as a PDF ({@link ReceiptPdf}). Where each figure comes from:
 * <ul>
 * <li>receipt number = the payment id; booking number, price, credit applied, card charged (captured), card brand and
 * last 4, payment date ({@code succeeded_at}): the {@code payment} row;</li>
 * <li>celebrity, meeting type, start in the venue's zone, city, and the platform fee (frozen
 * {@code BookingPrice.platformFeeCents}): {@code booking_meeting}, from booking-service's events ({@link Meetings});</li>
 * <li>refunds to the card: {@code refund} rows counted (pending or succeeded at Stripe), each with its date; credit
 * given back for this booking: the ledger's {@code RETURN} entries of the booking ({@link Credits});</li>
 * <li>net paid = card charged + credit applied − card refunds − credit returned.</li>
 * </ul>
 * Only a payment that succeeded has a receipt (409 {@code PAYMENT_NOT_PAID} before).
 */
@Service
public class Receipts {

	/** The PDF and the name it is downloaded as. */
	public record Document(String filename, byte[] pdf) {
	}

	record Line(String label, Instant at, long amountCents) {
	}

	/** Everything printed; {@code meeting} null when no booking event has told us yet (printed as not available). */
	record Receipt(UUID paymentId, String bookingNumber, String currency, long priceCents, long creditAppliedCents,
			long cardChargedCents, @Nullable String cardBrand, @Nullable String cardLast4, @Nullable Instant paidAt,
			Meetings.@Nullable Meeting meeting, List<Line> refunds, long netPaidCents) {
	}

	private final Payments payments;

	private final Meetings meetings;

	private final Credits credits;

	private final JdbcClient jdbc;

	Receipts(Payments payments, Meetings meetings, Credits credits, JdbcClient jdbc) {
		this.payments = payments;
		this.meetings = meetings;
		this.credits = credits;
		this.jdbc = jdbc;
	}

	/** For the payer or an admin; anyone else 404, as if it did not exist. */
	public Document forCaller(Caller caller, UUID paymentId) {
		var payment = payments.byId(paymentId).filter(p -> caller.isAdmin() || caller.is(p.fanId()))
			.orElseThrow(() -> ApiException.notFound("Payment"));
		return render(payment);
	}

	/** For notification-service (internal path, no token). */
	public Document forService(UUID paymentId) {
		return render(payments.byId(paymentId).orElseThrow(() -> ApiException.notFound("Payment")));
	}

	private Document render(Payment payment) {
		if (!Payment.SUCCEEDED.equals(payment.status())) {
			throw ApiException.conflict("PAYMENT_NOT_PAID", "This payment has not succeeded: there is no receipt yet");
		}
		var lines = new ArrayList<Line>();
		jdbc.sql("""
				SELECT amount_cents, created_at FROM refund
				WHERE payment_id = :p AND status IN ('pending', 'succeeded') ORDER BY created_at, id""")
			.param("p", payment.id())
			.query((rs, i) -> lines.add(new Line("Refund to card", rs.getTimestamp("created_at").toInstant(),
					rs.getLong("amount_cents"))))
			.list();
		long cardRefunds = lines.stream().mapToLong(Line::amountCents).sum();
		long creditReturned = 0;
		for (var entry : credits.forBooking(payment.bookingId())) {
			if ("RETURN".equals(entry.kind()) && entry.userId().equals(payment.fanId())) {
				lines.add(new Line("Returned as credit", entry.createdAt(), entry.amountCents()));
				creditReturned += entry.amountCents();
			}
		}
		lines.sort(java.util.Comparator.comparing(Line::at));
		var receipt = new Receipt(payment.id(), payment.bookingNumber(), payment.currency(), payment.priceCents(),
				payment.creditAppliedCents(), payment.capturedCents(), payment.cardBrand(), payment.cardLast4(),
				payment.succeededAt(), meetings.of(payment.bookingId()).orElse(null), List.copyOf(lines),
				payment.capturedCents() + payment.creditAppliedCents() - cardRefunds - creditReturned);
		return new Document("receipt-" + payment.bookingNumber().replaceAll("[^A-Za-z0-9_-]", "_") + ".pdf",
				ReceiptPdf.render(receipt));
	}
}

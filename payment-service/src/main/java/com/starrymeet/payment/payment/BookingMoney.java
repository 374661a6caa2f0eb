package com.starrymeet.payment.payment;

import java.util.List;
import java.util.UUID;

import com.starrymeet.common.security.Caller;
import com.starrymeet.payment.credit.Credits;
import com.starrymeet.payment.payout.Payouts;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** All the money of one booking — payment, refunds, payout, credit entries, chargebacks — for the admin desk. */
@Service
public class BookingMoney {

	public record View(Payments.@Nullable PaymentView payment, List<Payments.RefundView> refunds,
			Payouts.@Nullable Payout payout, List<Credits.Entry> credits, List<Chargebacks.ChargebackView> chargebacks) {
	}

	private static final Caller SYSTEM = new Caller(new UUID(0, 0), Caller.Role.ADMIN);

	private final Payments payments;

	private final Payouts payouts;

	private final Credits credits;

	private final Chargebacks chargebacks;

	BookingMoney(Payments payments, Payouts payouts, Credits credits, Chargebacks chargebacks) {
		this.payments = payments;
		this.payouts = payouts;
		this.credits = credits;
		this.chargebacks = chargebacks;
	}

	public View of(UUID bookingId) {
		var payment = payments.byBooking(bookingId).map(p -> payments.view(SYSTEM, p.id())).orElse(null);
		return new View(payment, payment == null ? List.of() : payment.refunds(),
				payouts.forBooking(bookingId).orElse(null), credits.forBooking(bookingId),
				payment == null ? List.of() : chargebacks.ofPayment(payment.id()));
	}
}

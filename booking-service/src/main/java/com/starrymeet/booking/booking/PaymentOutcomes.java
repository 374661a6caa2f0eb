package com.starrymeet.booking.booking;

import java.time.Clock;

import com.starrymeet.booking.availability.Slots;
import com.starrymeet.common.events.contract.BookingConfirmed;
import com.starrymeet.common.events.contract.BookingPaymentRejected;
import com.starrymeet.common.events.contract.PaymentFailed;
import com.starrymeet.common.events.contract.PaymentSucceeded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What payment-service's outcomes do to a booking (saga step 2), decided on the booking's state under its row lock,
 * not on the order events arrive in: never a charged fan without a booking (a payment that cannot confirm one is
 * rejected, and payment-service refunds it in full), never a confirmed booking without a payment.
 * Runs in the consumer's transaction (event mark and work commit together).
 */
@Service
public class PaymentOutcomes {

	private static final Logger log = LoggerFactory.getLogger(PaymentOutcomes.class);

	private final BookingRows rows;

	private final Slots slots;

	private final BookingEvents events;

	private final Clock clock = Clock.systemUTC();

	PaymentOutcomes(BookingRows rows, Slots slots, BookingEvents events) {
		this.rows = rows;
		this.slots = slots;
		this.events = events;
	}

	/**
	 * {@code pending} → {@code confirmed} (BookingConfirmed). {@code expired} → the slot is taken again in this
	 * transaction if the window still has room and has not started (then confirmed), else BookingPaymentRejected
	 * {@code SLOT_NO_LONGER_AVAILABLE}. {@code canceled} → rejected {@code BOOKING_CANCELED}. Already paid by this
	 * payment → nothing (a duplicate); by another payment → rejected {@code BOOKING_ALREADY_PAID}. An amount or
	 * currency other than the booking's → rejected {@code AMOUNT_MISMATCH} (the booking stays as it is).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void succeeded(PaymentSucceeded payment) {
		var booking = rows.lock(payment.bookingId())
			.orElseThrow(() -> new IllegalStateException("PaymentSucceeded for unknown booking " + payment.bookingId()));
		switch (booking.status()) {
			case Booking.PENDING -> {
				if (booking.priceCents() != payment.amountCents() || !booking.currency().equalsIgnoreCase(payment.currency())) {
					reject(booking, payment, "AMOUNT_MISMATCH");
				}
				else {
					confirm(booking, payment);
				}
			}
			case Booking.EXPIRED -> {
				if (booking.priceCents() != payment.amountCents() || !booking.currency().equalsIgnoreCase(payment.currency())) {
					reject(booking, payment, "AMOUNT_MISMATCH");
				}
				else if (booking.windowId() != null
						&& slots.retake(booking.celebrityId(), booking.windowId(), clock.instant())) {
					log.info("Late payment {} confirms expired booking {}: its slot was free again", payment.paymentId(),
							booking.id());
					confirm(booking, payment);
				}
				else {
					reject(booking, payment, "SLOT_NO_LONGER_AVAILABLE");
				}
			}
			case Booking.CANCELED -> reject(booking, payment, "BOOKING_CANCELED");
			default -> { // confirmed, completed, disputed: paid already
				if (!payment.paymentId().equals(booking.paymentId())) {
					reject(booking, payment, "BOOKING_ALREADY_PAID");
				}
			}
		}
	}

	/** A declined card: the booking stays pending (the fan may try another card); the failure code is noted. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void failed(PaymentFailed payment) {
		rows.paymentFailed(payment.bookingId(), payment.failureCode() == null ? "payment_failed" : payment.failureCode());
	}

	private void confirm(Booking booking, PaymentSucceeded payment) {
		var confirmed = rows.confirm(booking.id(), payment.paymentId(), payment.paymentIntentId());
		events.record(confirmed, new BookingConfirmed(confirmed.id(), confirmed.bookingNumber(), confirmed.fanId(),
				confirmed.meeting(), confirmed.price(), payment.paymentId(), payment.paymentIntentId(),
				java.util.Objects.requireNonNull(confirmed.confirmedAt())));
	}

	private void reject(Booking booking, PaymentSucceeded payment, String reason) {
		log.warn("Payment {} cannot confirm booking {} ({}): {}; payment-service refunds it", payment.paymentId(),
				booking.id(), booking.status(), reason);
		var touched = rows.touch(booking.id());
		events.record(touched, new BookingPaymentRejected(touched.id(), touched.bookingNumber(), touched.fanId(),
				payment.paymentId(), payment.paymentIntentId(), reason, clock.instant()));
	}
}

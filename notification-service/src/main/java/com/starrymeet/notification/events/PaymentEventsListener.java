package com.starrymeet.notification.events;

import java.util.HashMap;

import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.MalformedEventException;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.CreditGranted;
import com.starrymeet.common.events.contract.PaymentRefunded;
import com.starrymeet.common.events.contract.PaymentSucceeded;
import com.starrymeet.notification.NotificationType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * payment-service's events ({@link Topics#PAYMENT}): the payment receipt, the refund and the credit e-mails to the fan, naming
 * the meeting from the booking replica when it is known (the booking's events travel on another topic).
 */
@Component
class PaymentEventsListener {

	static final String CONSUMER = "notification-payment-events";

	private final IdempotentConsumer.Dispatch dispatch;

	PaymentEventsListener(IdempotentConsumer consumer, Notifier notifier, BookingReplica replica) {
		this.dispatch = consumer.dispatch(CONSUMER)
			.onEvent(PaymentSucceeded.class, (paid, event) -> {
				if (paid.paymentId() == null || paid.bookingId() == null || paid.fanId() == null) {
					throw new MalformedEventException("PaymentSucceeded without paymentId, bookingId or fanId", null);
				}
				var model = new HashMap<String, Object>();
				model.put("paymentId", paid.paymentId().toString());
				model.put("amount", Formats.money(paid.amountCents(), paid.currency()));
				model.put("paidAt", Formats.utc(paid.succeededAt()));
				if (paid.cardBrand() != null && paid.cardLast4() != null) {
					model.put("card", paid.cardBrand() + " ending in " + paid.cardLast4());
				}
				var booking = replica.find(paid.bookingId());
				booking.ifPresent(b -> {
					model.put("bookingNumber", b.bookingNumber());
					model.put("celebrityName", b.celebrityName());
					model.put("meetingType", b.meetingTypeName());
					model.put("when", Formats.venueTime(b.startsAt(), b.timeZone()));
					model.put("city", b.city());
				});
				model.put("bookingUrl", notifier.web() + "/bookings/" + paid.bookingId());
				var number = booking.map(BookingReplica.Booking::bookingNumber).orElse("your booking");
				notifier.tell(event, paid.fanId(), NotificationType.PAYMENT_RECEIPT, model,
						"Payment received for " + number, Formats.money(paid.amountCents(), paid.currency()) + " paid.",
						notifier.web() + "/bookings/" + paid.bookingId(), "receipt:" + paid.paymentId());
			})
			.onEvent(PaymentRefunded.class, (refunded, event) -> {
				if (refunded.paymentId() == null || refunded.bookingId() == null || refunded.fanId() == null) {
					throw new MalformedEventException("PaymentRefunded without paymentId, bookingId or fanId", null);
				}
				var model = new HashMap<String, Object>();
				model.put("paymentId", refunded.paymentId().toString());
				model.put("amount", Formats.money(refunded.amountCents(), refunded.currency()));
				model.put("totalRefunded", Formats.money(refunded.totalRefundedCents(), refunded.currency()));
				model.put("refundedAt", Formats.utc(refunded.refundedAt()));
				var booking = replica.find(refunded.bookingId());
				booking.ifPresent(b -> {
					model.put("bookingNumber", b.bookingNumber());
					model.put("celebrityName", b.celebrityName());
					model.put("meetingType", b.meetingTypeName());
				});
				model.put("bookingUrl", notifier.web() + "/bookings/" + refunded.bookingId());
				notifier.tell(event, refunded.fanId(), NotificationType.REFUND_PROCESSED, model,
						"Refund of " + Formats.money(refunded.amountCents(), refunded.currency()),
						"Sent back to your card; it can take 5 to 10 business days to appear.",
						notifier.web() + "/bookings/" + refunded.bookingId());
			})
			.onEvent(CreditGranted.class, (granted, event) -> {
				if (granted.userId() == null || granted.entryId() == null || granted.currency() == null) {
					throw new MalformedEventException("CreditGranted without userId, entryId or currency", null);
				}
				var model = new HashMap<String, Object>();
				model.put("amount", Formats.money(granted.amountCents(), granted.currency()));
				model.put("balance", Formats.money(granted.balanceCents(), granted.currency()));
				model.put("why", switch (granted.reason()) {
					case "CELEBRITY_CANCELLATION" -> "because the celebrity canceled your meeting";
					case "GOODWILL" -> "from our team, as a gesture of goodwill";
					case "CANCELLATION_RETURN" -> "given back from a canceled booking";
					case "HOLD_EXPIRED_RETURN" -> "given back from a booking that was not completed";
					default -> "added to your account";
				});
				model.put("creditsUrl", notifier.web() + "/account/credits");
				notifier.tell(event, granted.userId(), NotificationType.CREDIT_GRANTED, model,
						Formats.money(granted.amountCents(), granted.currency()) + " of credit added",
						"Your balance is " + Formats.money(granted.balanceCents(), granted.currency())
								+ "; it is applied to your next booking.",
						notifier.web() + "/account/credits");
			});
	}

	@KafkaListener(topics = Topics.PAYMENT, groupId = "${spring.application.name}")
	void on(ConsumerRecord<String, ?> record) {
		dispatch.handle(record);
	}
}

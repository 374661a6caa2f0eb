package com.starrymeet.notification.events;

import java.util.HashMap;

import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.MalformedEventException;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.PaymentRefunded;
import com.starrymeet.common.events.contract.PaymentSucceeded;
import com.starrymeet.notification.NotificationType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * payment-service's events ({@link Topics#PAYMENT}): the payment receipt and the refund e-mail to the fan, naming
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
			});
	}

	@KafkaListener(topics = Topics.PAYMENT, groupId = "${spring.application.name}")
	void on(ConsumerRecord<String, ?> record) {
		dispatch.handle(record);
	}
}

package com.starrymeet.booking.booking.messaging;

import com.starrymeet.booking.booking.Disputes;
import com.starrymeet.booking.booking.PaymentOutcomes;
import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.MalformedEventException;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.DisputeOpened;
import com.starrymeet.common.events.contract.PaymentFailed;
import com.starrymeet.common.events.contract.PaymentSucceeded;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * payment-service's outcomes ({@link Topics#PAYMENT}, consumer group {@code booking-service}): each event at most
 * once per event id, work and mark in one transaction ({@link IdempotentConsumer#dispatch}); what it does depends
 * on the booking's state under its row lock ({@link PaymentOutcomes}), so duplicates and reordering are harmless.
 * DisputeOpened (a chargeback) makes the booking {@code disputed} ({@link Disputes#chargeback}). PaymentRefunded and
 * the other payment events are not for bookings (skipped).
 */
@Component
class PaymentEventsListener {

	static final String CONSUMER = "booking-payment-outcomes";

	private final IdempotentConsumer.Dispatch dispatch;

	PaymentEventsListener(IdempotentConsumer consumer, PaymentOutcomes outcomes, Disputes disputes) {
		this.dispatch = consumer.dispatch(CONSUMER)
			.on(PaymentSucceeded.class, (payment, version) -> {
				// no paymentIntentId when the fan's credit paid the whole price (issue 10, contract 1)
				required(payment.bookingId(), payment.paymentId(), payment.currency());
				outcomes.succeeded(payment);
			})
			.on(PaymentFailed.class, (payment, version) -> {
				required(payment.bookingId());
				outcomes.failed(payment);
			})
			.on(DisputeOpened.class, (dispute, version) -> {
				required(dispute.bookingId(), dispute.reason());
				disputes.chargeback(dispute);
			});
	}

	/** An event without what it is about is poison: it goes to the dead-letter topic without retries. */
	private static void required(@Nullable Object... values) {
		for (var value : values) {
			if (value == null) {
				throw new MalformedEventException("Payment event without bookingId, paymentId, currency or reason",
						null);
			}
		}
	}

	@KafkaListener(topics = Topics.PAYMENT, groupId = "${spring.application.name}")
	void on(ConsumerRecord<String, ?> record) {
		dispatch.handle(record);
	}
}

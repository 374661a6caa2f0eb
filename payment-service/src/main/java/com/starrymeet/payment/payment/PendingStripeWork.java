package com.starrymeet.payment.payment;

import com.starrymeet.payment.payout.PayoutSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what was decided but not yet answered by Stripe — requested refunds, cancellations and transfer reversals — right after the
 * decision and periodically ({@code starrymeet.payment.stripe-retry-interval}) until Stripe answers. Safe on every
 * instance at once: each call carries the idempotency key of its record and each answer is applied by a
 * conditional update.
 */
@Component
public class PendingStripeWork {

	private static final Logger log = LoggerFactory.getLogger(PendingStripeWork.class);

	private final Refunds refunds;

	private final Cancellations cancellations;

	private final PayoutSender payouts;

	PendingStripeWork(Refunds refunds, Cancellations cancellations, PayoutSender payouts) {
		this.payouts = payouts;
		this.refunds = refunds;
		this.cancellations = cancellations;
	}

	/** Sends everything pending; a failure is logged and left for the next run. */
	@Scheduled(fixedDelayString = "${starrymeet.payment.stripe-retry-interval:PT30S}",
			initialDelayString = "${starrymeet.payment.stripe-retry-interval:PT30S}")
	public void sendPending() {
		try {
			refunds.sendRequested(null);
		}
		catch (RuntimeException ex) {
			log.warn("Requested refunds not sent yet: {}", ex.getMessage());
		}
		try {
			cancellations.sendRequested();
		}
		catch (RuntimeException ex) {
			log.warn("Requested cancellations not sent yet: {}", ex.getMessage());
		}
		try {
			payouts.sendReversals();
		}
		catch (RuntimeException ex) {
			log.warn("Requested transfer reversals not sent yet: {}", ex.getMessage());
		}
	}
}

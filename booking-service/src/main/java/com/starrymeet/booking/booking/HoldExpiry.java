package com.starrymeet.booking.booking;

import com.starrymeet.booking.availability.Slots;
import com.starrymeet.common.events.contract.BookingExpired;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends unpaid holds (saga step 3) on every instance at once, safely: one booking per transaction, picked with
 * {@code FOR UPDATE SKIP LOCKED} (a row another instance — or a payment being applied — holds is skipped), then
 * {@code expired}, its slot released through the calendar (AvailabilityChanged) and BookingExpired recorded, all
 * in that transaction. "Ran out" is {@code hold_expires_at <= now()} on instants, whatever the time zones.
 */
@Component
class HoldExpiry {

	private static final Logger log = LoggerFactory.getLogger(HoldExpiry.class);

	static final int BATCH = 200;

	private final BookingRows rows;

	private final Slots slots;

	private final BookingEvents events;

	private final TransactionTemplate transactions;

	HoldExpiry(BookingRows rows, Slots slots, BookingEvents events, TransactionTemplate transactions) {
		this.rows = rows;
		this.slots = slots;
		this.events = events;
		this.transactions = transactions;
	}

	@Scheduled(fixedDelayString = "${starrymeet.booking.expiry-interval:PT1S}",
			initialDelayString = "${starrymeet.booking.expiry-interval:PT1S}")
	void run() {
		int expired = expireDue(BATCH);
		if (expired > 0) {
			log.info("Expired {} unpaid holds", expired);
		}
	}

	/** Expires up to {@code max} holds that ran out; returns how many. */
	int expireDue(int max) {
		int done = 0;
		while (done < max && Boolean.TRUE.equals(transactions.execute(status -> expireOne()))) {
			done++;
		}
		return done;
	}

	private boolean expireOne() {
		var due = rows.lockNextExpiredHold(); // lock order: the booking row first, then the calendar
		if (due.isEmpty()) {
			return false;
		}
		var booking = due.get();
		if (booking.windowId() != null) {
			slots.release(booking.celebrityId(), booking.windowId());
		}
		var expired = rows.expire(booking.id());
		events.record(expired, new BookingExpired(expired.id(), expired.bookingNumber(), expired.fanId(),
				expired.meeting(), expired.holdExpiresAt(), java.util.Objects.requireNonNull(expired.expiredAt())));
		return true;
	}
}

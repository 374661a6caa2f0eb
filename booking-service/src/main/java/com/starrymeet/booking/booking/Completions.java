package com.starrymeet.booking.booking;

import java.time.Clock;
import java.util.UUID;

import com.starrymeet.common.events.contract.BookingCompleted;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The meeting happened (saga step 6): proven by the fan's signed check-in code scanned by the celebrity's team,
 * marked done by the celebrity after the start, or assumed {@code dispute-window} (48 h) after the end when the fan
 * did not dispute. Each is a transition {@code confirmed → completed} under the booking's row lock, so it races
 * cancellations, reschedules and disputes safely (the loser finds the state changed: 409), and records
 * BookingCompleted once.
 */
@Service
public class Completions {

	private static final Logger log = LoggerFactory.getLogger(Completions.class);

	/** The fan's check-in code (the QR payload) and when it can be scanned. */
	public record CheckInCode(String code, java.time.Instant validFrom, java.time.Instant validUntil) {
	}

	private final BookingAccess access;

	private final BookingRows rows;

	private final BookingEvents events;

	private final CheckInCodes codes;

	private final BookingSettings settings;

	private final AdminAudit audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Completions(BookingAccess access, BookingRows rows, BookingEvents events, CheckInCodes codes,
			BookingSettings settings, AdminAudit audit, TransactionTemplate transactions, Clock clock) {
		this.access = access;
		this.rows = rows;
		this.events = events;
		this.codes = codes;
		this.settings = settings;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** The fan's code for a confirmed booking; 409 {@code NOT_CONFIRMED} otherwise. */
	@Transactional(readOnly = true)
	public CheckInCode code(UUID bookingId, Caller caller) {
		var seen = access.read(bookingId, caller);
		if (seen.party() != BookingAccess.Party.FAN) {
			throw ApiException.notFound("Booking " + bookingId);
		}
		if (!Booking.CONFIRMED.equals(seen.booking().status())) {
			throw ApiException.conflict("NOT_CONFIRMED", "A check-in code exists only for a confirmed booking");
		}
		return codes.issue(seen.booking());
	}

	/**
	 * The celebrity's team (or an admin) scans the fan's code: 409 {@code NOT_COMPLETABLE} unless confirmed; 400
	 * {@code INVALID_CHECK_IN_CODE} when it is not this booking's as it is now (a code issued before a reschedule
	 * included); 409 {@code CHECK_IN_NOT_OPEN} outside its validity; then completed, {@code checkedIn}.
	 */
	@Transactional
	public BookingView checkIn(UUID bookingId, Caller caller, String code) {
		var locked = access.lock(bookingId, caller, BookingAccess.Party.CELEBRITY, BookingAccess.Party.ADMIN);
		var booking = locked.booking();
		requireConfirmed(booking);
		codes.verify(booking, code);
		var now = clock.instant();
		if (now.isBefore(codes.validFrom(booking)) || now.isAfter(codes.validUntil(booking))) {
			throw ApiException.conflict("CHECK_IN_NOT_OPEN", "Check-in is open from " + codes.validFrom(booking)
					+ " to " + codes.validUntil(booking));
		}
		var done = complete(booking, "CHECK_IN");
		if (locked.party() == BookingAccess.Party.ADMIN) {
			audit.record(caller.userId(), "CHECK_IN", bookingId, null, java.util.Map.of());
		}
		return BookingView.of(done, null);
	}

	/** The celebrity's account marks the meeting done: 409 {@code MEETING_NOT_STARTED} before its start. */
	@Transactional
	public BookingView completeByCelebrity(UUID bookingId, Caller caller) {
		var booking = access.lock(bookingId, caller, BookingAccess.Party.CELEBRITY).booking();
		requireConfirmed(booking);
		if (!booking.started(clock.instant())) {
			throw ApiException.conflict("MEETING_NOT_STARTED", "A meeting can be marked done once it has started");
		}
		return BookingView.of(complete(booking, "CELEBRITY"), null);
	}

	@Scheduled(fixedDelayString = "${starrymeet.booking.completion-interval:PT1M}",
			initialDelayString = "${starrymeet.booking.completion-interval:PT1M}")
	void run() {
		int done = completeDue(200);
		if (done > 0) {
			log.info("Completed {} meetings whose dispute window closed", done);
		}
	}

	/**
	 * Completes up to {@code max} confirmed bookings whose meeting ended {@code dispute-window} ago (AUTO), one per
	 * transaction, picked with {@code FOR UPDATE SKIP LOCKED}: every instance can run it at once. A disputed
	 * booking is not {@code confirmed}, so it is never picked.
	 */
	public int completeDue(int max) {
		int done = 0;
		while (done < max && Boolean.TRUE.equals(transactions.execute(status -> rows
			.lockNextDueCompletion(settings.disputeWindow())
			.map(booking -> complete(booking, "AUTO") != null)
			.orElse(false)))) {
			done++;
		}
		return done;
	}

	private static void requireConfirmed(Booking booking) {
		if (!Booking.CONFIRMED.equals(booking.status())) {
			throw ApiException.conflict("NOT_COMPLETABLE", "A booking that is " + booking.status()
					+ " cannot be completed");
		}
	}

	private Booking complete(Booking booking, String by) {
		var done = rows.complete(booking.id(), by, "CHECK_IN".equals(by));
		var completedAt = java.util.Objects.requireNonNull(done.completedAt());
		events.record(done, new BookingCompleted(done.id(), done.bookingNumber(), done.fanId(), done.meeting(),
				done.price(), by, done.checkedInAt() != null, done.paymentId(), completedAt,
				done.endsAt().plus(settings.disputeWindow())));
		return done;
	}
}

package com.starrymeet.booking.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.booking.availability.Slots;
import com.starrymeet.common.events.contract.BookingDisputeSettled;
import com.starrymeet.common.events.contract.BookingDisputed;
import com.starrymeet.common.events.contract.DisputeOpened;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ValidationFailed;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Disputes: the fan's (from the meeting's start until {@code dispute-window} after its end) and Stripe chargebacks
 * (payment-service's DisputeOpened). Both make the booking {@code disputed} (its payout held) with BookingDisputed;
 * an admin settles (BookingDisputeSettled → {@code completed} or {@code canceled}). The no-show rule: a fan's
 * {@code CELEBRITY_NO_SHOW} on a booking nobody checked in is a celebrity cancellation (100 % + credit), not a
 * dispute.
 */
@Service
public class Disputes {

	private static final Logger log = LoggerFactory.getLogger(Disputes.class);

	public static final List<String> REASONS = List.of("CELEBRITY_NO_SHOW", "NOT_AS_DESCRIBED", "OTHER");

	/** One dispute as the admin desk shows it. */
	public record Dispute(UUID id, String openedBy, String reason, @Nullable String text,
			@Nullable String stripeDisputeId, Instant openedAt, @Nullable Instant settledAt, @Nullable UUID settledBy,
			@Nullable Long refundCents, @Nullable Boolean releasePayout, @Nullable String outcome, @Nullable String note) {
	}

	private final BookingAccess access;

	private final BookingRows rows;

	private final Slots slots;

	private final BookingEvents events;

	private final Cancellations cancellations;

	private final AdminAudit audit;

	private final BookingSettings settings;

	private final JdbcClient jdbc;

	private final Clock clock;

	Disputes(BookingAccess access, BookingRows rows, Slots slots, BookingEvents events, Cancellations cancellations,
			AdminAudit audit, BookingSettings settings, JdbcClient jdbc, Clock clock) {
		this.access = access;
		this.rows = rows;
		this.slots = slots;
		this.events = events;
		this.cancellations = cancellations;
		this.audit = audit;
		this.settings = settings;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The fan disputes: 409 {@code NOT_DISPUTABLE} unless confirmed or completed; {@code DISPUTE_NOT_OPEN} before the
	 * meeting's start; {@code DISPUTE_WINDOW_CLOSED} after {@code dispute-window} past its end.
	 */
	@Transactional
	public BookingView open(UUID bookingId, Caller caller, String reason, @Nullable String text) {
		var booking = access.lock(bookingId, caller, BookingAccess.Party.FAN).booking();
		var now = clock.instant();
		if (!Booking.CONFIRMED.equals(booking.status()) && !Booking.COMPLETED.equals(booking.status())) {
			throw ApiException.conflict("NOT_DISPUTABLE", "A booking that is " + booking.status() + " cannot be disputed");
		}
		if (!booking.started(now)) {
			throw ApiException.conflict("DISPUTE_NOT_OPEN", "A meeting can be disputed once it has started");
		}
		if (now.isAfter(booking.endsAt().plus(settings.disputeWindow()))) {
			throw ApiException.conflict("DISPUTE_WINDOW_CLOSED", "A meeting can be disputed until "
					+ settings.disputeWindow().toHours() + " hours after its end");
		}
		if ("CELEBRITY_NO_SHOW".equals(reason) && booking.checkedInAt() == null) {
			var credit = booking.refundPolicy().celebrityCancellation();
			return BookingView.of(cancellations.cancelNow(booking, "CELEBRITY", null, "CELEBRITY_NO_SHOW", text,
					credit.refundPercent(), credit.creditCents()), null);
		}
		insert(booking.id(), "FAN", reason, text, null);
		var disputed = rows.dispute(booking.id());
		events.record(disputed, new BookingDisputed(disputed.id(), disputed.bookingNumber(), disputed.fanId(),
				disputed.meeting(), "FAN", reason, text, now));
		return BookingView.of(disputed, null);
	}

	/**
	 * A chargeback (payment-service's DisputeOpened): a confirmed or completed booking becomes {@code disputed}
	 * (openedBy {@code CHARGEBACK}). Already disputed, canceled or never paid: nothing to change here (the money
	 * side is payment-service's). Runs in the consumer's transaction.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void chargeback(DisputeOpened opened) {
		var found = rows.lock(opened.bookingId());
		if (found.isEmpty()) {
			log.warn("DisputeOpened for unknown booking {}", opened.bookingId());
			return;
		}
		var booking = found.get();
		if (!Booking.CONFIRMED.equals(booking.status()) && !Booking.COMPLETED.equals(booking.status())) {
			log.info("Chargeback {} on booking {} that is {}: no state change", opened.stripeDisputeId(), booking.id(),
					booking.status());
			return;
		}
		insert(booking.id(), "CHARGEBACK", opened.reason(), null, opened.stripeDisputeId());
		var disputed = rows.dispute(booking.id());
		events.record(disputed, new BookingDisputed(disputed.id(), disputed.bookingNumber(), disputed.fanId(),
				disputed.meeting(), "CHARGEBACK", opened.reason(), null, clock.instant()));
	}

	/**
	 * An admin settles the open dispute: {@code refundCents} (0..price) back to the fan, the payout released or
	 * not. A full refund without payout ends the booking {@code canceled} (slot released); anything else
	 * {@code completed}. 409 {@code NOT_DISPUTED} when there is nothing to settle. Audit-logged.
	 */
	@Transactional
	public BookingView settle(UUID bookingId, Caller admin, long refundCents, boolean releasePayout,
			@Nullable String note) {
		var booking = access.lock(bookingId, admin, BookingAccess.Party.ADMIN).booking();
		if (!Booking.DISPUTED.equals(booking.status())) {
			throw ApiException.conflict("NOT_DISPUTED", "Only a disputed booking can be settled (this one is "
					+ booking.status() + ")");
		}
		if (refundCents > booking.priceCents()) {
			throw ValidationFailed.of("refundCents", "must not exceed the price paid (" + booking.priceCents() + ")");
		}
		boolean cancel = refundCents == booking.priceCents() && !releasePayout;
		var outcome = cancel ? "CANCELED" : "COMPLETED";
		jdbc.sql("""
				UPDATE booking_dispute SET settled_at = now(), settled_by = :admin, refund_cents = :refund,
				    release_payout = :release, outcome = :outcome, note = :note
				WHERE booking_id = :id AND settled_at IS NULL""")
			.param("id", bookingId)
			.param("admin", admin.userId())
			.param("refund", refundCents)
			.param("release", releasePayout)
			.param("outcome", outcome)
			.param("note", note, java.sql.Types.VARCHAR)
			.update();
		Booking settled;
		if (cancel) {
			if (booking.windowId() != null) {
				slots.release(booking.celebrityId(), booking.windowId());
			}
			settled = rows.settleCanceled(booking.id(), 100);
		}
		else {
			settled = rows.settleCompleted(booking.id());
		}
		events.record(settled, new BookingDisputeSettled(settled.id(), settled.bookingNumber(), settled.fanId(),
				settled.meeting(), settled.price(), refundCents, releasePayout, outcome, admin.userId(), note,
				clock.instant()));
		audit.record(admin.userId(), "SETTLE_DISPUTE", bookingId, note,
				Map.of("refundCents", refundCents, "releasePayout", releasePayout, "outcome", outcome));
		return BookingView.of(settled, null);
	}

	List<Dispute> ofBooking(UUID bookingId) {
		return jdbc.sql("SELECT * FROM booking_dispute WHERE booking_id = :id ORDER BY opened_at, id")
			.param("id", bookingId)
			.query((rs, n) -> new Dispute(rs.getObject("id", UUID.class), rs.getString("opened_by"),
					rs.getString("reason"), rs.getString("text"), rs.getString("stripe_dispute_id"),
					rs.getTimestamp("opened_at").toInstant(),
					rs.getTimestamp("settled_at") == null ? null : rs.getTimestamp("settled_at").toInstant(),
					rs.getObject("settled_by", UUID.class), rs.getObject("refund_cents", Long.class),
					rs.getObject("release_payout", Boolean.class), rs.getString("outcome"), rs.getString("note")))
			.list();
	}

	private void insert(UUID bookingId, String openedBy, String reason, @Nullable String text,
			@Nullable String stripeDisputeId) {
		jdbc.sql("""
				INSERT INTO booking_dispute (id, booking_id, opened_by, reason, text, stripe_dispute_id)
				VALUES (:id, :booking, :by, :reason, :text, :stripe)""")
			.param("id", UUID.randomUUID())
			.param("booking", bookingId)
			.param("by", openedBy)
			.param("reason", reason)
			.param("text", text, java.sql.Types.VARCHAR)
			.param("stripe", stripeDisputeId, java.sql.Types.VARCHAR)
			.update();
	}
}

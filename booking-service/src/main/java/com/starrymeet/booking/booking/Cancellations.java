package com.starrymeet.booking.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.starrymeet.booking.availability.Slots;
import com.starrymeet.common.events.contract.BookingCanceled;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Canceling a booking (saga step 4): booking-service decides the share by the policy frozen in the booking, on the
 * meeting's instant ({@link CancellationPolicy}); payment-service applies it to the money (BookingCanceled).
 * The booking row is locked first, the slot released through the calendar in the same transaction, and the event
 * recorded there too: a cancellation racing a reschedule or a completion finds the state the winner left (409).
 */
@Service
public class Cancellations {

	/** Who a cancellation is for: the fan's tier, or the celebrity's 100 % + credit. */
	public enum As {
		FAN, CELEBRITY
	}

	/** What a cancellation now would give (the preview), for the caller's side. */
	public record Preview(boolean canCancel, List<String> cancelableBy, int refundPercent, long refundAmountCents,
			long creditGrantCents, String tier, @Nullable Instant nextTierAt, Instant meetingStartsAt) {
	}

	private final BookingAccess access;

	private final BookingRows rows;

	private final Slots slots;

	private final BookingEvents events;

	private final AdminAudit audit;

	private final Clock clock;

	Cancellations(BookingAccess access, BookingRows rows, Slots slots, BookingEvents events, AdminAudit audit,
			Clock clock) {
		this.access = access;
		this.rows = rows;
		this.slots = slots;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Preview preview(UUID bookingId, Caller caller) {
		var seen = access.read(bookingId, caller);
		var booking = seen.booking();
		var now = clock.instant();
		var by = cancelableBy(booking, now);
		var as = seen.party() == BookingAccess.Party.CELEBRITY ? As.CELEBRITY : As.FAN;
		var quote = quote(booking, as, now);
		boolean paid = !Booking.PENDING.equals(booking.status());
		long credit = as == As.CELEBRITY && paid ? booking.refundPolicy().celebrityCancellation().creditCents() : 0;
		return new Preview(by.contains(seen.party().name()), by, quote.refundPercent(),
				paid ? CancellationPolicy.share(booking.priceCents(), quote.refundPercent()) : 0, credit, quote.tier(),
				quote.nextTierAt(), booking.startsAt());
	}

	/** {@code DELETE /v1/bookings/{id}}: the fan cancels by the tier, the celebrity's account with 100 % + credit. */
	@Transactional
	public BookingView cancel(UUID bookingId, Caller caller) {
		var locked = access.lock(bookingId, caller, BookingAccess.Party.FAN, BookingAccess.Party.CELEBRITY);
		var as = locked.party() == BookingAccess.Party.FAN ? As.FAN : As.CELEBRITY;
		var reason = as == As.FAN ? "FAN_REQUEST" : "CELEBRITY_REQUEST";
		return BookingView.of(cancel(locked.booking(), as, as.name(), caller.userId(), reason, null), null);
	}

	/** An admin cancels for the fan (the fan's tier) or for the celebrity (100 % + credit); audit-logged. */
	@Transactional
	public BookingView cancelByAdmin(UUID bookingId, Caller admin, As as, String reason) {
		var locked = access.lock(bookingId, admin, BookingAccess.Party.ADMIN);
		var canceled = cancel(locked.booking(), as, "ADMIN", admin.userId(),
				as == As.CELEBRITY ? "CELEBRITY_REQUEST" : "ADMIN_REQUEST", reason);
		audit.record(admin.userId(), "CANCEL_BOOKING", bookingId, reason,
				java.util.Map.of("as", as.name(), "refundPercent", canceled.refundPercent() == null ? 0 : canceled.refundPercent()));
		return BookingView.of(canceled, null);
	}

	/**
	 * Cancels the locked booking. Pending (unpaid): only for the fan's side, 100 % of nothing. Confirmed and not
	 * started: the tier (fan) or the celebrity share + credit. Anything else 409 {@code NOT_CANCELABLE}.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Booking cancel(Booking booking, As as, String canceledBy, @Nullable UUID userId, String reason,
			@Nullable String note) {
		var now = clock.instant();
		boolean pending = Booking.PENDING.equals(booking.status());
		boolean cancelable = (pending && as == As.FAN)
				|| (Booking.CONFIRMED.equals(booking.status()) && !booking.started(now));
		if (!cancelable) {
			throw ApiException.conflict("NOT_CANCELABLE", pending
					? "A pending booking can only be canceled by its fan"
					: "A booking that is " + booking.status() + (booking.started(now) ? " or whose meeting started" : "")
							+ " cannot be canceled");
		}
		var quote = quote(booking, as, now);
		long credit = as == As.CELEBRITY ? booking.refundPolicy().celebrityCancellation().creditCents() : 0;
		return cancelNow(booking, canceledBy, userId, reason, note, pending ? 100 : quote.refundPercent(), credit);
	}

	/**
	 * Records the cancellation: {@code canceled}, the slot released (booking row → calendar → window), and
	 * BookingCanceled; used by the no-show rule of disputes too.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Booking cancelNow(Booking booking, String canceledBy, @Nullable UUID userId, String reason, @Nullable String note,
			int percent, long credit) {
		if (booking.windowId() != null) {
			slots.release(booking.celebrityId(), booking.windowId());
		}
		var canceled = rows.cancel(booking.id(), canceledBy, reason, percent, credit);
		events.record(canceled, new BookingCanceled(canceled.id(), canceled.bookingNumber(), canceled.fanId(),
				canceled.meeting(), canceled.price(), canceledBy, userId, reason, note, percent, credit,
				canceled.paymentId(), java.util.Objects.requireNonNull(canceled.canceledAt())));
		return canceled;
	}

	private static CancellationPolicy.Quote quote(Booking booking, As as, Instant now) {
		if (Booking.PENDING.equals(booking.status())) {
			return new CancellationPolicy.Quote(100, CancellationPolicy.FULL, null);
		}
		return as == As.CELEBRITY ? CancellationPolicy.celebrity(booking.refundPolicy())
				: CancellationPolicy.fan(booking.refundPolicy(), booking.startsAt(), now);
	}

	private static List<String> cancelableBy(Booking booking, Instant now) {
		var by = new ArrayList<String>();
		if (Booking.PENDING.equals(booking.status())) {
			by.add("FAN");
			by.add("ADMIN");
		}
		else if (Booking.CONFIRMED.equals(booking.status()) && !booking.started(now)) {
			by.add("FAN");
			by.add("CELEBRITY");
			by.add("ADMIN");
		}
		return by;
	}
}

package com.starrymeet.booking.booking;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import com.starrymeet.booking.availability.Slots;
import com.starrymeet.common.events.contract.BookingRescheduled;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moving a confirmed meeting (saga step 5) to another window of the same celebrity — same meeting type, same
 * frozen price and policy — while it starts more than {@code reschedule-notice} (72 h) away, at most twice. One
 * transaction: the booking row locked, then the celebrity's one calendar lock (covering both windows), the new slot
 * taken with the conditional UPDATE, the old one released, the row moved, BookingRescheduled recorded.
 */
@Service
public class Reschedules {

	/** Where to: a window of the same celebrity ({@code availableDateId}), its local date, a start time, its place. */
	public record Move(UUID windowId, LocalDate date, LocalTime time, String city, String country) {
	}

	private final BookingAccess access;

	private final BookingRows rows;

	private final Slots slots;

	private final BookingEvents events;

	private final BookingSettings settings;

	private final Clock clock;

	Reschedules(BookingAccess access, BookingRows rows, Slots slots, BookingEvents events, BookingSettings settings,
			Clock clock) {
		this.access = access;
		this.rows = rows;
		this.slots = slots;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * 404 not the caller's booking or not this celebrity's window; 400 date/place/time not the window's; 409
	 * {@code NOT_RESCHEDULABLE} (not confirmed), {@code RESCHEDULE_TOO_LATE}, {@code RESCHEDULE_LIMIT_REACHED},
	 * {@code WINDOW_FULL}, {@code DATE_BLOCKED}, {@code TOO_LATE_TO_BOOK}.
	 */
	@Transactional
	public BookingView reschedule(UUID bookingId, Caller caller, Move move) {
		var booking = access.lock(bookingId, caller, BookingAccess.Party.FAN).booking();
		var now = clock.instant();
		if (!Booking.CONFIRMED.equals(booking.status())) {
			throw ApiException.conflict("NOT_RESCHEDULABLE", "Only a confirmed booking can be moved (this one is "
					+ booking.status() + ")");
		}
		if (Duration.between(now, booking.startsAt()).compareTo(settings.rescheduleNotice()) <= 0) {
			throw ApiException.conflict("RESCHEDULE_TOO_LATE", "A meeting can be moved only while it starts more than "
					+ settings.rescheduleNotice().toHours() + " hours from now");
		}
		if (booking.rescheduleCount() >= BookingSettings.MAX_RESCHEDULES) {
			throw ApiException.conflict("RESCHEDULE_LIMIT_REACHED",
					"A booking can be moved at most " + BookingSettings.MAX_RESCHEDULES + " times");
		}
		var notBefore = now.plus(settings.leadTime());
		var from = booking.meeting();
		Booking moved;
		if (move.windowId().equals(booking.windowId())) {
			// another time in the same window: its slot stays taken
			var slot = slots.find(booking.celebrityId(), move.windowId())
				.orElseThrow(() -> ApiException.notFound("Window " + move.windowId()));
			check(slot, move, booking);
			if (slot.blocked() || !slot.startsAt().isAfter(notBefore)) {
				throw Slots.refusal(slot, notBefore);
			}
			moved = moveRow(booking, slot, move);
		}
		else {
			// checked before any lock on the calendar: an unknown window is 404 without a calendar version
			slots.find(booking.celebrityId(), move.windowId())
				.orElseThrow(() -> ApiException.notFound("Window " + move.windowId()));
			moved = slots.move(booking.celebrityId(), java.util.Objects.requireNonNull(booking.windowId()),
					move.windowId(), notBefore, slot -> check(slot, move, booking), slot -> moveRow(booking, slot, move));
		}
		events.record(moved, new BookingRescheduled(moved.id(), moved.bookingNumber(), moved.fanId(), from,
				moved.meeting(), moved.rescheduleCount(), now));
		return BookingView.of(moved, null);
	}

	private static void check(Slots.Slot slot, Move move, Booking booking) {
		Bookings.checkPlace(slot, move.date(), move.city(), move.country());
		Bookings.checkTime(slot, move.time(), booking.durationMinutes());
	}

	private Booking moveRow(Booking booking, Slots.Slot slot, Move move) {
		var startsAt = ZonedDateTime.of(slot.date(), move.time(), ZoneId.of(slot.timeZone())).toInstant();
		return rows.reschedule(booking.id(), slot.windowId(), slot.date(), move.time(), slot.timeZone(), startsAt,
				startsAt.plusSeconds(60L * booking.durationMinutes()), slot.city(), slot.country());
	}
}

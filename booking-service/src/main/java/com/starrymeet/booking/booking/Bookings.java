package com.starrymeet.booking.booking;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Locale;
import java.util.UUID;

import com.starrymeet.booking.availability.Slots;
import com.starrymeet.booking.availability.Slots.Slot;
import com.starrymeet.common.events.contract.BookingRequested;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.Problems;
import com.starrymeet.common.web.ValidationFailed;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creating a booking (saga step 1): checks → the price in force from the catalog (before any transaction, so a
 * catalog outage takes nothing) → one transaction that takes the slot, inserts the booking {@code pending} with a
 * hold and records BookingRequested → after commit, the PaymentIntent from payment-service (its failure leaves the
 * booking pending, with no intent in the answer).
 */
@Service
public class Bookings {

	/**
	 * What a fan asks for: a meeting type of a celebrity, in one of its windows ({@code windowId}, the vision's
	 * {@code availableDateId}) at a local date, time and place, with optional notes.
	 */
	public record NewBooking(UUID celebrityId, UUID meetingTypeId, UUID windowId, LocalDate date, LocalTime time,
			String city, String country, @Nullable String specialRequests, @Nullable String fanNotes,
			@Nullable String occasion) {
	}

	private final BookingRows rows;

	private final Slots slots;

	private final Catalog catalog;

	private final Payments payments;

	private final TransactionTemplate transactions;

	private final BookingEvents events;

	private final BookingSettings settings;

	private final Clock clock = Clock.systemUTC();

	Bookings(BookingRows rows, Slots slots, Catalog catalog, Payments payments, TransactionTemplate transactions,
			BookingEvents events, BookingSettings settings) {
		this.rows = rows;
		this.slots = slots;
		this.catalog = catalog;
		this.payments = payments;
		this.transactions = transactions;
		this.events = events;
		this.settings = settings;
	}

	/**
	 * Creates the booking, or answers the one this fan already made with this key (a request that takes over a key
	 * whose first request died after its commit). 404: not this celebrity's window, unknown meeting type; 400:
	 * date, place or time not those of the window; 409: {@code TOO_MANY_UNPAID_HOLDS}, {@code WINDOW_FULL},
	 * {@code DATE_BLOCKED}, {@code TOO_LATE_TO_BOOK}, {@code SLOT_UNAVAILABLE}, {@code CELEBRITY_NOT_BOOKABLE},
	 * {@code MEETING_TYPE_NOT_BOOKABLE}; 503 {@code CATALOG_UNAVAILABLE}.
	 */
	public BookingView create(UUID fanId, String idempotencyKey, NewBooking command) {
		var existing = rows.findByKey(fanId, idempotencyKey);
		if (existing.isPresent()) {
			return withIntent(existing.get());
		}
		// cheap checks on what is committed now, before asking anyone; the transaction checks again under the lock
		var seen = slots.find(command.celebrityId(), command.windowId())
			.orElseThrow(() -> ApiException.notFound("Window " + command.windowId()));
		checkPlace(seen, command);
		var notBefore = clock.instant().plus(settings.leadTime());
		if (seen.blocked() || seen.full() || !seen.startsAt().isAfter(notBefore)) {
			throw Slots.refusal(seen, notBefore);
		}
		requireHoldAllowed(fanId);
		var offer = catalog.bookableOffer(command.celebrityId(), command.meetingTypeId());
		checkTime(seen, command, offer.durationMinutes());

		var booking = transactions.execute(status -> {
			rows.lockFan(fanId);
			requireHoldAllowed(fanId);
			return slots.take(command.celebrityId(), command.windowId(), clock.instant().plus(settings.leadTime()),
					slot -> {
						checkPlace(slot, command);
						checkTime(slot, command, offer.durationMinutes());
					}, slot -> insert(fanId, idempotencyKey, command, offer, slot));
		});
		return withIntent(java.util.Objects.requireNonNull(booking));
	}

	private BookingView withIntent(Booking booking) {
		if (!Booking.PENDING.equals(booking.status())) {
			return BookingView.of(booking, null);
		}
		var opened = payments.openPayment(booking);
		if (opened.creditAppliedCents() != null && opened.amountDueCents() != null) {
			rows.paymentOpened(booking.id(), opened.creditAppliedCents(), opened.amountDueCents());
			booking = rows.find(booking.id()).orElse(booking);
		}
		var intent = opened.intent() == null ? null
				: new BookingView.PaymentIntent(opened.intent().clientSecret(), opened.intent().publishableKey());
		return BookingView.of(booking, intent);
	}

	private void requireHoldAllowed(UUID fanId) {
		if (rows.unpaidHolds(fanId) >= settings.maxUnpaidHolds()) {
			throw ApiException.conflict("TOO_MANY_UNPAID_HOLDS", "You already hold " + settings.maxUnpaidHolds()
					+ " unpaid bookings; pay for one or let it expire before booking again");
		}
	}

	private Booking insert(UUID fanId, String key, NewBooking command, Catalog.Offer offer, Slot slot) {
		var zone = ZoneId.of(slot.timeZone());
		var startsAt = ZonedDateTime.of(command.date(), command.time(), zone).toInstant();
		var endsAt = startsAt.plusSeconds(60L * offer.durationMinutes());
		long fee = Money.platformFee(offer.priceCents());
		var booking = rows.insert(new BookingRows.NewRow(UUID.randomUUID(), fanId, offer.celebrityId(),
				offer.celebrityUserId(), offer.celebrityName(), offer.meetingTypeId(), offer.name(),
				offer.durationMinutes(), slot.windowId(), slot.date(), command.time(), slot.timeZone(), startsAt, endsAt,
				slot.city(), slot.country(), offer.priceCents(), offer.currency(), fee, offer.priceCents() - fee,
				settings.refundPolicy().policy(), command.occasion(), command.specialRequests(), command.fanNotes(),
				clock.instant().plus(settings.hold()), key));
		events.record(booking, new BookingRequested(booking.id(), booking.bookingNumber(), fanId, booking.meeting(),
				booking.price(), booking.holdExpiresAt(), booking.createdAt()));
		return booking;
	}

	private static void checkPlace(Slot slot, NewBooking command) {
		checkPlace(slot, command.date(), command.city(), command.country());
	}

	/** 400 unless the date and the place are the window's (city and country case-insensitively). */
	static void checkPlace(Slot slot, LocalDate date, String city, String country) {
		var errors = new ArrayList<Problems.FieldError>();
		if (!slot.date().equals(date)) {
			errors.add(new Problems.FieldError("date", "must be the date of the chosen window (" + slot.date() + ")"));
		}
		if (!same(slot.city(), city)) {
			errors.add(new Problems.FieldError("location.city", "must be the city of the chosen window (" + slot.city() + ")"));
		}
		if (!same(slot.country(), country)) {
			errors.add(new Problems.FieldError("location.country",
					"must be the country of the chosen window (" + slot.country() + ")"));
		}
		if (!errors.isEmpty()) {
			throw new ValidationFailed(errors);
		}
	}

	private static void checkTime(Slot slot, NewBooking command, int durationMinutes) {
		checkTime(slot, command.time(), durationMinutes);
	}

	/** 400 {@code time} unless the meeting starts in the window and ends by its end (compared as instants). */
	static void checkTime(Slot slot, LocalTime time, int durationMinutes) {
		var start = ZonedDateTime.of(slot.date(), time, ZoneId.of(slot.timeZone())).toInstant();
		Instant end = start.plusSeconds(60L * durationMinutes);
		if (start.isBefore(slot.startsAt()) || end.isAfter(slot.endsAt())) {
			throw ValidationFailed.of("time", "a " + durationMinutes + "-minute meeting must start at or after "
					+ slot.startTime() + " and end by " + slot.endTime() + " (" + slot.timeZone() + ")");
		}
	}

	private static boolean same(String a, String b) {
		return a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
	}
}

package com.starrymeet.booking.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A booking as the API shows it (the vision's {@code POST /bookings} answer, plus {@code occasion},
 * {@code holdExpiresAt}, the meeting as instants and the payment state). {@code time} is {@code "HH:mm"} in the
 * venue's {@code timeZone}; instants are UTC. {@code paymentIntent} is only in the answer that created the booking,
 * and {@code null} there when payment-service could not open one (the client asks
 * {@code POST /v1/payments/create-intent}).
 */
public record BookingView(UUID id, String bookingNumber, String status, CelebrityRef celebrity,
		MeetingTypeRef meetingType, LocalDate date, String time, String timeZone, Instant startsAt, Instant endsAt,
		Place location, Price price, @Nullable PaymentIntent paymentIntent, @Nullable String occasion,
		@Nullable String specialRequests, @Nullable String fanNotes, Instant holdExpiresAt,
		@Nullable String lastPaymentFailure, @Nullable Instant confirmedAt, Instant createdAt) {

	private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

	public record CelebrityRef(UUID id, String displayName) {
	}

	public record MeetingTypeRef(UUID id, String name, int durationMinutes) {
	}

	public record Place(String city, String country) {
	}

	/** Integer cents, ISO currency, and a display form such as {@code "$250.00"}. */
	public record Price(long amountCents, String currency, String formatted) {
	}

	public record PaymentIntent(String clientSecret, String publishableKey) {
	}

	static BookingView of(Booking b, @Nullable PaymentIntent intent) {
		return new BookingView(b.id(), b.bookingNumber(), b.status(), new CelebrityRef(b.celebrityId(), b.celebrityName()),
				new MeetingTypeRef(b.meetingTypeId(), b.meetingTypeName(), b.durationMinutes()), b.date(),
				b.time().format(HH_MM), b.timeZone(), b.startsAt(), b.endsAt(), new Place(b.city(), b.country()),
				new Price(b.priceCents(), b.currency(), Money.formatted(b.priceCents(), b.currency())), intent,
				b.occasion(), b.specialRequests(), b.fanNotes(), b.holdExpiresAt(), b.lastPaymentFailure(),
				b.confirmedAt(), b.createdAt());
	}
}

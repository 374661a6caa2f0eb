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
		@Nullable String lastPaymentFailure, @Nullable Instant confirmedAt, Instant createdAt,
		@Nullable Credit credit, @Nullable Price amountDue, int rescheduleCount, boolean checkedIn,
		@Nullable Instant checkedInAt, @Nullable Instant completedAt, @Nullable String completedBy,
		@Nullable Instant disputedAt, @Nullable Cancellation cancellation) {

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

	/** Platform credit payment-service applied to this booking before the card (issue 10, contract 1). */
	public record Credit(long appliedCents) {
	}

	/**
	 * How a canceled booking ended: who canceled ({@code FAN}, {@code CELEBRITY}, {@code ADMIN}), why (a stable code),
	 * the share of what was paid that goes back, and the credit granted on top.
	 */
	public record Cancellation(@Nullable String canceledBy, @Nullable String reason, int refundPercent,
			long creditGrantCents, @Nullable Instant canceledAt) {
	}

	static BookingView of(Booking b, @Nullable PaymentIntent intent) {
		return new BookingView(b.id(), b.bookingNumber(), b.status(), new CelebrityRef(b.celebrityId(), b.celebrityName()),
				new MeetingTypeRef(b.meetingTypeId(), b.meetingTypeName(), b.durationMinutes()), b.date(),
				b.time().format(HH_MM), b.timeZone(), b.startsAt(), b.endsAt(), new Place(b.city(), b.country()),
				new Price(b.priceCents(), b.currency(), Money.formatted(b.priceCents(), b.currency())), intent,
				b.occasion(), b.specialRequests(), b.fanNotes(), b.holdExpiresAt(), b.lastPaymentFailure(),
				b.confirmedAt(), b.createdAt(), b.creditAppliedCents() == null ? null : new Credit(b.creditAppliedCents()),
				b.amountDueCents() == null ? null
						: new Price(b.amountDueCents(), b.currency(), Money.formatted(b.amountDueCents(), b.currency())),
				b.rescheduleCount(), b.checkedInAt() != null, b.checkedInAt(), b.completedAt(), b.completedBy(),
				b.disputedAt(),
				Booking.CANCELED.equals(b.status())
						? new Cancellation(b.canceledBy(), b.cancelReason(),
								b.refundPercent() == null ? 0 : b.refundPercent(),
								b.creditGrantCents() == null ? 0 : b.creditGrantCents(), b.canceledAt())
						: null);
	}
}

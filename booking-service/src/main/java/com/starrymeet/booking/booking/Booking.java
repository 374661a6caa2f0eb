package com.starrymeet.booking.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import com.starrymeet.common.events.contract.BookingMeeting;
import com.starrymeet.common.events.contract.BookingPrice;
import org.jspecify.annotations.Nullable;

/** A booking row, as stored. {@code status} is one of ARCHITECTURE.md's booking states, lower case. */
public record Booking(UUID id, String bookingNumber, UUID fanId, UUID celebrityId, @Nullable UUID celebrityUserId,
		String celebrityName, UUID meetingTypeId, String meetingTypeName, int durationMinutes, @Nullable UUID windowId,
		LocalDate date, LocalTime time, String timeZone, Instant startsAt, Instant endsAt, String city, String country,
		long priceCents, String currency, long platformFeeCents, long celebrityPayoutCents,
		@Nullable String occasion, @Nullable String specialRequests, @Nullable String fanNotes, String status,
		Instant holdExpiresAt, @Nullable UUID paymentId, @Nullable String paymentIntentId,
		@Nullable String lastPaymentFailure, long version, Instant createdAt, @Nullable Instant confirmedAt,
		@Nullable Instant expiredAt, @Nullable Instant canceledAt, RefundPolicy refundPolicy, int rescheduleCount,
		@Nullable Instant checkedInAt, @Nullable Instant completedAt, @Nullable String completedBy,
		@Nullable Instant disputedAt, @Nullable String canceledBy, @Nullable String cancelReason,
		@Nullable Integer refundPercent, @Nullable Long creditGrantCents, @Nullable Long creditAppliedCents,
		@Nullable Long amountDueCents) {

	public static final String PENDING = "pending";

	public static final String CONFIRMED = "confirmed";

	public static final String EXPIRED = "expired";

	public static final String CANCELED = "canceled";

	public static final String COMPLETED = "completed";

	public static final String DISPUTED = "disputed";

	/** What the booking's events carry of the meeting. */
	public BookingMeeting meeting() {
		return new BookingMeeting(celebrityId, celebrityUserId, celebrityName, meetingTypeId, meetingTypeName,
				durationMinutes, windowId, date, time, timeZone, startsAt, endsAt, city, country);
	}

	/** Whether the meeting has started at {@code now} (instants). */
	public boolean started(Instant now) {
		return !now.isBefore(startsAt);
	}

	public BookingPrice price() {
		return new BookingPrice(priceCents, currency, platformFeeCents, celebrityPayoutCents);
	}
}

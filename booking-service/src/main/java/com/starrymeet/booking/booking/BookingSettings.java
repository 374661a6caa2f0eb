package com.starrymeet.booking.booking;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bookings' settings ({@code starrymeet.booking.*}; the names the local fleet passes are in the saga contracts).
 *
 * @param catalogUrl celebrity-service, for the price in force ({@code GET /internal/celebrities/{c}/meeting-types/{m}})
 * @param paymentUrl payment-service, for the PaymentIntent ({@code POST /internal/payments/intents})
 * @param hold how long a pending booking holds its slot unpaid
 * @param leadTime a window starting sooner than this is not bookable
 * @param maxUnpaidHolds how many pending bookings with a running hold one fan may have at once
 * @param expiryInterval how often each instance looks for holds that ran out
 * @param idempotencyWait how long a request waits for another request with the same Idempotency-Key to finish
 *     before answering 409 {@code IDEMPOTENCY_KEY_IN_USE}
 * @param idempotencyLease after this long, an unfinished request's key is considered abandoned (its instance
 *     died) and another request with that key takes it over
 * @param catalog calls to celebrity-service (reads: retried)
 * @param payment calls to payment-service (idempotent by booking id: retried too)
 * @param refundPolicy the refund policy in force, frozen into each new booking
 * @param checkInSecret the HMAC-SHA256 key of the fans' check-in codes: a required secret
 *     ({@code starrymeet.secrets.required}), no default
 * @param completionInterval how often each instance completes the meetings whose dispute window closed
 * @param disputeWindow how long after a meeting's end the fan may dispute it; unless disputed, it completes then
 * @param rescheduleNotice a meeting can be moved only while it starts more than this far away
 * @param checkInMargin a check-in code is valid from this long before the start to this long after the end
 */
@ConfigurationProperties("starrymeet.booking")
public record BookingSettings(@DefaultValue("http://localhost:8082") String catalogUrl,
		@DefaultValue("http://localhost:8084") String paymentUrl, @DefaultValue("PT15M") Duration hold,
		@DefaultValue("PT24H") Duration leadTime, @DefaultValue("3") int maxUnpaidHolds,
		@DefaultValue("PT1S") Duration expiryInterval, @DefaultValue("PT10S") Duration idempotencyWait,
		@DefaultValue("PT60S") Duration idempotencyLease,
		@DefaultValue Call catalog, @DefaultValue Call payment, @DefaultValue RefundPolicySettings refundPolicy,
		@org.jspecify.annotations.Nullable String checkInSecret, @DefaultValue("PT1M") Duration completionInterval,
		@DefaultValue("PT48H") Duration disputeWindow, @DefaultValue("PT72H") Duration rescheduleNotice,
		@DefaultValue("PT1H") Duration checkInMargin) {

	/** At most this many reschedules per booking (a CHECK of the table too). */
	public static final int MAX_RESCHEDULES = 2;

	/**
	 * One downstream: Feign's timeouts per try, the tries, and how long its circuit breaker stays open (also the
	 * {@code Retry-After} of the 503 it causes).
	 */
	public record Call(@DefaultValue("PT0.5S") Duration connectTimeout, @DefaultValue("PT2S") Duration readTimeout,
			@DefaultValue("2") int attempts, @DefaultValue("PT10S") Duration openState) {

		/** The longest one call may take with its retries: the circuit breaker's time limit. */
		public Duration limit() {
			return connectTimeout.plus(readTimeout).multipliedBy(Math.max(1, attempts)).plus(Duration.ofSeconds(1));
		}
	}

	/**
	 * The refund policy in force (ARCHITECTURE.md, Money), frozen into every booking with its id and version.
	 *
	 * @param fullRefundAboveHours more than this many hours before the meeting's start: {@code 100 %}
	 * @param halfRefundFromHours from this many hours up to {@code fullRefundAboveHours} inclusive: {@code 50 %};
	 *     under it: nothing
	 * @param celebrityCancellationCreditCents the platform credit a fan gets when the celebrity cancels (on top of a
	 *     full refund)
	 */
	public record RefundPolicySettings(@DefaultValue("standard") String id, @DefaultValue("1") int version,
			@DefaultValue("168") int fullRefundAboveHours, @DefaultValue("72") int halfRefundFromHours,
			@DefaultValue("2500") long celebrityCancellationCreditCents) {

		/** The policy as stored (JSONB) in a booking. */
		public RefundPolicy policy() {
			return new RefundPolicy(id, version,
					List.of(new RefundPolicy.Tier(fullRefundAboveHours, false, 100),
							new RefundPolicy.Tier(halfRefundFromHours, true, 50), new RefundPolicy.Tier(0, true, 0)),
					new RefundPolicy.CelebrityCancellation(100, celebrityCancellationCreditCents));
		}
	}
}

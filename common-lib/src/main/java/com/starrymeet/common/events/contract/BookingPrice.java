package com.starrymeet.common.events.contract;

/**
 * The money frozen into a booking, integer cents: {@code platformFeeCents + celebrityPayoutCents == priceCents}.
 *
 * @param currency ISO 4217, upper case
 */
public record BookingPrice(long priceCents, String currency, long platformFeeCents, long celebrityPayoutCents) {
}

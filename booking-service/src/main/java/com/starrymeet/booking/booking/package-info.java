/**
 * Bookings: a fan's hold on one slot of a celebrity's time window (15 minutes, pending), its payment through
 * payment-service (confirmed), or its expiry (the slot goes back). The price, fee split and refund policy in force
 * are frozen into the booking; the slot and the booking change in one transaction through the availability
 * module's {@link com.starrymeet.booking.availability.Slots}.
 * <p>
 * <b>Lock order</b>, everywhere, so no two transactions wait on each other in a cycle: a booking row
 * ({@code SELECT ... FOR UPDATE}) first, then the celebrity's calendar row ({@code Calendar.change}), then the
 * window row (the conditional UPDATE). Creating a booking takes the fan's advisory lock first (it locks no booking
 * row: the new row is its own), then the calendar, then the window.
 */
@NullMarked
package com.starrymeet.booking.booking;

import org.jspecify.annotations.NullMarked;

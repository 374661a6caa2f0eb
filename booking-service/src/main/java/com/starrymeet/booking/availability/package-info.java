/**
 * Availability, the scheduling context: the locations a celebrity visits (with their IANA time zone), time
 * windows on dates there with a slot capacity, blocked dates, the public calendar (upcoming dates and a month
 * view), and the AvailabilityChanged events published through the outbox.
 */
@NullMarked
package com.starrymeet.booking.availability;

import org.jspecify.annotations.NullMarked;

/** The bookings' HTTP API: create (idempotent), read, the fan's and the celebrity's lists, and the internal read. */
@NullMarked
package com.starrymeet.booking.booking.web;

import org.jspecify.annotations.NullMarked;

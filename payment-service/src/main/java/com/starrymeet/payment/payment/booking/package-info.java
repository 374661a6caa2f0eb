/**
 * booking-service's internal booking read, over OpenFeign with timeouts, retries (it is a read) and a circuit breaker.
 */
@NullMarked
package com.starrymeet.payment.payment.booking;

import org.jspecify.annotations.NullMarked;

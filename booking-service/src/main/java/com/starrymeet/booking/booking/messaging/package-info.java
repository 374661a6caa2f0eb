/** payment-service's events that move a booking: PaymentSucceeded (confirm, or reject) and PaymentFailed. */
@NullMarked
package com.starrymeet.booking.booking.messaging;

import org.jspecify.annotations.NullMarked;

/**
 * Booking events that move money: BookingExpired (cancel the intent) and BookingPaymentRejected (refund in full).
 */
@NullMarked
package com.starrymeet.payment.payment.messaging;

import org.jspecify.annotations.NullMarked;

/**
 * The payments API ({@code /v1/payments}) and the internal intent endpoint booking-service calls.
 */
@NullMarked
package com.starrymeet.payment.payment.web;

import org.jspecify.annotations.NullMarked;

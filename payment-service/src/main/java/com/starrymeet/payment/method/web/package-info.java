/**
 * The saved cards API, {@code /v1/payments/methods}.
 */
@NullMarked
package com.starrymeet.payment.method.web;

import org.jspecify.annotations.NullMarked;

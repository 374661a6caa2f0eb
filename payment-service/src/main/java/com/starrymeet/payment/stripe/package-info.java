/**
 * Stripe, through stripe-java only: the one {@code StripeClient} built from settings, the idempotency keys derived from our own records, and how Stripe's failures become problems.
 */
@NullMarked
package com.starrymeet.payment.stripe;

import org.jspecify.annotations.NullMarked;

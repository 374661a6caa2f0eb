/**
 * Stripe's signed webhook: raw body verified, each Stripe event id acted on once, the object's current state read back from Stripe.
 */
@NullMarked
package com.starrymeet.payment.webhook;

import org.jspecify.annotations.NullMarked;

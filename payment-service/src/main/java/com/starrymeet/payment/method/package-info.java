/**
 * Saved cards: a Stripe Customer per user (created once), payment methods attached to it, a default one. Card data never reaches us: payment method ids, brand, last 4 and expiry only.
 */
@NullMarked
package com.starrymeet.payment.method;

import org.jspecify.annotations.NullMarked;

/**
 * Payments: one Stripe PaymentIntent per booking, its confirmation, the state Stripe reports (moved forward only, each transition once with its event through the outbox), refunds and cancellations, which are recorded before Stripe is asked and sent until Stripe answers.
 */
@NullMarked
package com.starrymeet.payment.payment;

import org.jspecify.annotations.NullMarked;

/**
 * Paying celebrities through Stripe Connect (separate charges and transfers): connected accounts and their
 * onboarding, one payout per booking computed from what the platform keeps, held by disputes and chargebacks, sent
 * as one Stripe Transfer by a scheduled job, reversed on a chargeback; the celebrity's earnings.
 */
@NullMarked
package com.starrymeet.payment.payout;

import org.jspecify.annotations.NullMarked;

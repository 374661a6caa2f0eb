/** Connect onboarding, the connected account's state, a celebrity's earnings. */
@NullMarked
package com.starrymeet.payment.payout.web;

import org.jspecify.annotations.NullMarked;

package com.starrymeet.payment.payout;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Payouts and Stripe Connect ({@code starrymeet.payment.payouts.*}).
 *
 * @param interval how often due payouts (and requested reversals) are sent
 * @param onboardingReturnUrl where Stripe's onboarding sends the celebrity back when done
 * @param onboardingRefreshUrl where Stripe sends the celebrity when the link expired (the app asks for a new one)
 */
@ConfigurationProperties("starrymeet.payment.payouts")
public record PayoutSettings(@DefaultValue("PT1M") Duration interval,
		@DefaultValue("http://localhost:3000/celebrity/payouts?onboarding=done") String onboardingReturnUrl,
		@DefaultValue("http://localhost:3000/celebrity/payouts?onboarding=refresh") String onboardingRefreshUrl) {
}

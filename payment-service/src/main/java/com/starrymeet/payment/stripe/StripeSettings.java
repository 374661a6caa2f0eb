package com.starrymeet.payment.stripe;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this service reaches Stripe ({@code starrymeet.stripe.*}). The three keys are secrets with no default: they
 * are in {@code starrymeet.secrets.required}, so the service does not start without them.
 *
 * @param apiBase Stripe's API ({@code https://api.stripe.com}); the local fleet and the tests point it at the
 *     simulator — the code is the same
 * @param secretKey the secret API key (env {@code STRIPE_SECRET_KEY})
 * @param publishableKey handed to clients with an intent's client secret (env {@code STRIPE_PUBLISHABLE_KEY})
 * @param webhookSecret the webhook endpoint's signing secret (env {@code STRIPE_WEBHOOK_SECRET})
 * @param webhookTolerance signed webhooks older than this are refused
 * @param connectTimeout connect timeout of every Stripe call
 * @param readTimeout read timeout of every Stripe call
 * @param maxNetworkRetries stripe-java's own retries of a failed connection (safe: every call that moves money
 *     carries our idempotency key)
 */
@ConfigurationProperties("starrymeet.stripe")
public record StripeSettings(@DefaultValue("https://api.stripe.com") String apiBase, String secretKey,
		String publishableKey, String webhookSecret, @DefaultValue("PT5M") Duration webhookTolerance,
		@DefaultValue("PT2S") Duration connectTimeout, @DefaultValue("PT10S") Duration readTimeout,
		@DefaultValue("1") int maxNetworkRetries) {
}

package com.starrymeet.payment.stripe;

import com.stripe.Stripe;
import com.stripe.StripeClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link StripeClient} of the service, built from {@link StripeSettings}: its own API key, base URL and
 * timeouts (no global {@code Stripe.apiKey}), telemetry off (stripe-java would otherwise report request timings to
 * Stripe and write under the home directory).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StripeSettings.class)
class StripeConfiguration {

	@Bean
	StripeClient stripeClient(StripeSettings settings) {
		Stripe.enableTelemetry = false;
		return StripeClient.builder()
			.setApiKey(settings.secretKey())
			.setApiBase(settings.apiBase())
			.setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
			.setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()))
			.setMaxNetworkRetries(Math.max(0, settings.maxNetworkRetries()))
			.build();
	}
}

package com.starrymeet.compose;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import com.starrymeet.stripesim.StripeSimulator;

/**
 * The Stripe simulator (module stripe-simulator, as the local fleet runs it) as a container of docker-compose.yml:
 * payment-service's {@code STARRYMEET_STRIPE_APIBASE} points at it, and it signs and sends webhooks to
 * {@code STRIPE_WEBHOOK_URLS} (the gateway's {@code /v1/webhooks/stripe}) like Stripe does. Its objects survive a
 * restart in {@code STRIPE_STATE_FILE} (a volume). Never part of a production deployment.
 */
final class StripeServer {

	private StripeServer() {
	}

	public static void main(String[] args) throws InterruptedException {
		var webhooks = Arrays.stream(InfraMain.required("STRIPE_WEBHOOK_URLS").split(","))
			.map(String::trim)
			.filter(url -> !url.isEmpty())
			.map(URI::create)
			.toList();
		var settings = new StripeSimulator.Settings(Integer.parseInt(InfraMain.env("STRIPE_PORT", "12111")),
				InfraMain.required("STRIPE_SECRET_KEY"), InfraMain.required("STRIPE_WEBHOOK_SECRET"), webhooks)
			.withHost(InfraMain.env("STRIPE_HOST", "0.0.0.0"));
		var state = InfraMain.env("STRIPE_STATE_FILE", "");
		if (!state.isEmpty()) {
			settings = settings.withStateFile(Path.of(state));
		}
		var simulator = StripeSimulator.start(settings);
		System.out.println("Stripe simulator on port " + simulator.port() + ", webhooks to " + webhooks
				+ (state.isEmpty() ? "" : ", state in " + state));
		var stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			simulator.close();
			stopped.countDown();
		}, "stripe-simulator-stop"));
		stopped.await();
	}
}

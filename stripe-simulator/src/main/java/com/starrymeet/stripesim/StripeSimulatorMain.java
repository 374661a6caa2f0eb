package com.starrymeet.stripesim;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator as its own process:
 * {@code java -cp … com.starrymeet.stripesim.StripeSimulatorMain --port=12111 --secret-key=sk_test_… --webhook-secret=whsec_…
 * --webhook-url=http://localhost:8084/v1/webhooks/stripe} (repeatable), or the same from the environment:
 * {@code STRIPE_SIM_PORT}, {@code STRIPE_SIM_SECRET_KEY}, {@code STRIPE_SIM_WEBHOOK_SECRET},
 * {@code STRIPE_SIM_WEBHOOK_URL} (comma-separated), {@code STRIPE_SIM_HOST}. Arguments win over the environment.
 * Prints {@code stripe-simulator listening on http://HOST:PORT} once it accepts requests; stops on SIGTERM.
 */
public final class StripeSimulatorMain {

    private StripeSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        StripeSimulator.Settings settings;
        try {
            settings = settings(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("stripe-simulator: " + e.getMessage());
            System.err.println("usage: StripeSimulatorMain --port=12111 --secret-key=sk_test_… --webhook-secret=whsec_…"
                    + " [--webhook-url=http://…]… [--host=127.0.0.1]  (or STRIPE_SIM_PORT, STRIPE_SIM_SECRET_KEY,"
                    + " STRIPE_SIM_WEBHOOK_SECRET, STRIPE_SIM_WEBHOOK_URL, STRIPE_SIM_HOST)");
            System.exit(2);
            return;
        }
        StripeSimulator sim = StripeSimulator.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "stripe-simulator-shutdown"));
        System.out.println("stripe-simulator listening on " + sim.baseUrl() + " (webhooks to " + sim.webhookEndpoints() + ")");
        System.out.flush();
        stopped.await();
    }

    static StripeSimulator.Settings settings(String[] args, Map<String, String> env) {
        String port = env.get("STRIPE_SIM_PORT");
        String secretKey = env.get("STRIPE_SIM_SECRET_KEY");
        String webhookSecret = env.get("STRIPE_SIM_WEBHOOK_SECRET");
        String host = env.get("STRIPE_SIM_HOST");
        List<URI> urls = new ArrayList<>();
        List<URI> argUrls = new ArrayList<>();
        String envUrls = env.get("STRIPE_SIM_WEBHOOK_URL");
        if (envUrls != null) {
            for (String u : envUrls.split(",")) if (!u.isBlank()) urls.add(URI.create(u.trim()));
        }
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) throw new IllegalArgumentException("unknown argument " + arg);
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            switch (name) {
                case "port" -> port = value;
                case "secret-key" -> secretKey = value;
                case "webhook-secret" -> webhookSecret = value;
                case "webhook-url" -> argUrls.add(URI.create(value));
                case "host" -> host = value;
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (!argUrls.isEmpty()) urls = argUrls;
        if (secretKey == null || secretKey.isBlank()) throw new IllegalArgumentException("--secret-key is required");
        if (webhookSecret == null || webhookSecret.isBlank()) throw new IllegalArgumentException("--webhook-secret is required");
        int p;
        try {
            p = port == null || port.isBlank() ? 12111 : Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number: " + port);
        }
        return new StripeSimulator.Settings(p, secretKey, webhookSecret, urls).withHost(host);
    }
}

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
 * {@code STRIPE_SIM_WEBHOOK_URL} (comma-separated), {@code STRIPE_SIM_HOST}, {@code STRIPE_SIM_STATE_FILE} (the state
 * survives a restart, see {@link StripeSimulator.Settings#withStateFile}), {@code STRIPE_SIM_MAX_EVENTS}. Arguments
 * win over the environment. A state file that cannot be loaded stops it with exit status 1 and a message naming it.
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
                    + " [--webhook-url=http://…]… [--host=127.0.0.1] [--state-file=PATH] [--max-events=100000]"
                    + "  (or STRIPE_SIM_PORT, STRIPE_SIM_SECRET_KEY, STRIPE_SIM_WEBHOOK_SECRET, STRIPE_SIM_WEBHOOK_URL,"
                    + " STRIPE_SIM_HOST, STRIPE_SIM_STATE_FILE, STRIPE_SIM_MAX_EVENTS)");
            System.exit(2);
            return;
        }
        StripeSimulator sim;
        try {
            sim = StripeSimulator.start(settings);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            System.err.println(e.getMessage().startsWith("stripe-simulator") ? e.getMessage() : "stripe-simulator: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "stripe-simulator-shutdown"));
        System.out.println("stripe-simulator listening on " + sim.baseUrl() + " (webhooks to " + sim.webhookEndpoints() + ", "
                + (sim.stateFile() == null ? "state in memory only" : "state in " + sim.stateFile()) + ")");
        System.out.flush();
        stopped.await();
    }

    static StripeSimulator.Settings settings(String[] args, Map<String, String> env) {
        String port = env.get("STRIPE_SIM_PORT");
        String secretKey = env.get("STRIPE_SIM_SECRET_KEY");
        String webhookSecret = env.get("STRIPE_SIM_WEBHOOK_SECRET");
        String host = env.get("STRIPE_SIM_HOST");
        String stateFile = env.get("STRIPE_SIM_STATE_FILE");
        String maxEvents = env.get("STRIPE_SIM_MAX_EVENTS");
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
                case "state-file" -> stateFile = value;
                case "max-events" -> maxEvents = value;
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
        int max;
        try {
            max = maxEvents == null || maxEvents.isBlank() ? StripeSimulator.DEFAULT_MAX_EVENTS : Integer.parseInt(maxEvents.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-events must be a number: " + maxEvents);
        }
        return new StripeSimulator.Settings(p, secretKey, webhookSecret, urls).withHost(host)
                .withStateFile(stateFile == null || stateFile.isBlank() ? null : java.nio.file.Path.of(stateFile.trim()))
                .withMaxEvents(max);
    }
}

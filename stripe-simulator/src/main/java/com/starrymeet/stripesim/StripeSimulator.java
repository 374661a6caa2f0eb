package com.starrymeet.stripesim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Stripe-compatible HTTP server for the local fleet and the tests: the part of Stripe's REST API that
 * payment-service uses, answered the way stripe-java expects, with signed webhooks and injectable faults.
 * Never part of a production deployment.
 *
 * <pre>{@code
 * try (StripeSimulator sim = StripeSimulator.start(new StripeSimulator.Settings(0, "sk_test_sim", "whsec_sim",
 *         List.of(URI.create("http://localhost:8084/v1/webhooks/stripe"))))) {
 *     StripeClient stripe = StripeClient.builder().setApiKey("sk_test_sim").setApiBase(sim.baseUrl()).build();
 *     ...
 * }
 * }</pre>
 */
public final class StripeSimulator implements AutoCloseable {

    /** The Stripe API version stripe-java 33.x pins; events carry it so {@code EventDataObjectDeserializer} accepts them. */
    public static final String DEFAULT_API_VERSION = "2026-07-29.dahlia";

    /**
     * How to start a simulator.
     *
     * @param port             TCP port, 0 = any free port (see {@link #port()})
     * @param secretKey        the secret key it accepts as {@code Authorization: Bearer …}
     * @param webhookSecret    the signing secret ({@code whsec_…}) for {@code Stripe-Signature}
     * @param webhookEndpoints where events are delivered (more can be added with {@link #addWebhookEndpoint(URI)})
     * @param host             the address it binds to ({@code 127.0.0.1} by default)
     * @param apiVersion       the {@code api_version} of the events it sends
     * @param retryBackoff     the wait before the first webhook retry; doubled for each further retry
     * @param retryBackoffMax  the longest wait between two retries
     * @param maxAttempts      how many attempts a webhook delivery gets before it is given up
     */
    public record Settings(int port, String secretKey, String webhookSecret, List<URI> webhookEndpoints,
                           String host, String apiVersion, Duration retryBackoff, Duration retryBackoffMax,
                           int maxAttempts) {

        public Settings {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
            Objects.requireNonNull(secretKey, "secretKey");
            Objects.requireNonNull(webhookSecret, "webhookSecret");
            if (secretKey.isBlank()) throw new IllegalArgumentException("secretKey is blank");
            if (webhookSecret.isBlank()) throw new IllegalArgumentException("webhookSecret is blank");
            webhookEndpoints = List.copyOf(webhookEndpoints == null ? List.of() : webhookEndpoints);
            host = host == null || host.isBlank() ? "127.0.0.1" : host;
            apiVersion = apiVersion == null || apiVersion.isBlank() ? DEFAULT_API_VERSION : apiVersion;
            retryBackoff = retryBackoff == null ? Duration.ofSeconds(1) : retryBackoff;
            retryBackoffMax = retryBackoffMax == null ? Duration.ofSeconds(30) : retryBackoffMax;
            if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        }

        /** The contract's four settings; the rest take their defaults (127.0.0.1, 1 s doubling up to 30 s, 8 attempts). */
        public Settings(int port, String secretKey, String webhookSecret, List<URI> webhookEndpoints) {
            this(port, secretKey, webhookSecret, webhookEndpoints, null, null, null, null, 8);
        }

        public Settings withHost(String host) {
            return new Settings(port, secretKey, webhookSecret, webhookEndpoints, host, apiVersion, retryBackoff,
                    retryBackoffMax, maxAttempts);
        }

        public Settings withApiVersion(String apiVersion) {
            return new Settings(port, secretKey, webhookSecret, webhookEndpoints, host, apiVersion, retryBackoff,
                    retryBackoffMax, maxAttempts);
        }

        /** Webhook retry policy: first wait {@code backoff}, doubled per retry up to {@code max}, {@code attempts} in all. */
        public Settings withRetries(Duration backoff, Duration max, int attempts) {
            return new Settings(port, secretKey, webhookSecret, webhookEndpoints, host, apiVersion, backoff, max,
                    attempts);
        }
    }

    private final Settings settings;
    private final WebhookDispatcher dispatcher;
    private final HttpFront front;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;

    private StripeSimulator(Settings settings) throws IOException {
        this.settings = settings;
        this.dispatcher = new WebhookDispatcher(settings.webhookSecret(), settings.webhookEndpoints(),
                settings.retryBackoff(), settings.retryBackoffMax(), settings.maxAttempts());
        this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 512);
        String host = settings.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) host = "127.0.0.1";
        else if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        this.baseUrl = "http://" + host + ":" + server.getAddress().getPort();
        StripeApi api = new StripeApi(dispatcher, settings.apiVersion(), () -> baseUrl);
        this.front = new HttpFront(api, dispatcher, settings.secretKey(), settings.apiVersion());
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.createContext("/", front);
        server.setExecutor(executor);
    }

    /** Starts a simulator listening on {@code settings.host():settings.port()}. */
    public static StripeSimulator start(Settings settings) {
        Objects.requireNonNull(settings, "settings");
        try {
            StripeSimulator sim = new StripeSimulator(settings);
            sim.server.start();
            return sim;
        } catch (IOException e) {
            throw new UncheckedIOException("stripe-simulator cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
    }

    /** {@code http://HOST:PORT}, for {@code StripeClient.builder().setApiBase(...)}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The port it actually listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    public Settings settings() {
        return settings;
    }

    /** Adds an endpoint that receives every event emitted from now on. */
    public void addWebhookEndpoint(URI endpoint) {
        dispatcher.addEndpoint(endpoint);
    }

    /** The endpoints events are delivered to. */
    public List<URI> webhookEndpoints() {
        return dispatcher.endpoints();
    }

    /** Webhook delivery faults. */
    public Webhooks webhooks() {
        return dispatcher;
    }

    /**
     * The next API request (any {@code /v1/…} call with the right key) answers Stripe's {@code api_error} with this
     * HTTP status (e.g. 500 or 503) without doing anything; calling it N times fails the next N requests. The failed
     * request is not stored under its Idempotency-Key, so a retry with the same key runs for real.
     */
    public void failNextApiCall(int httpStatus) {
        front.failNextApiCall(httpStatus);
    }

    /** Every delivery attempt so far, oldest first. */
    public List<Delivery> deliveries() {
        return dispatcher.deliveries();
    }

    /** Stops the server and the webhook delivery (pending deliveries are abandoned). */
    @Override
    public void close() {
        server.stop(0);
        dispatcher.close();
        executor.shutdownNow();
    }
}

package com.starrymeet.stripesim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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

    /** How many events (and webhook delivery attempts in the log) are kept by default; older ones are forgotten. */
    public static final int DEFAULT_MAX_EVENTS = 100_000;

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
     * @param stateFile        where the state survives a restart (see {@link #withStateFile(Path)}); null = in memory only
     * @param maxEvents        how many events {@code GET /v1/events/{id}} keeps (and delivery attempts
     *                         {@link StripeSimulator#deliveries()} lists), the oldest dropped first
     */
    public record Settings(int port, String secretKey, String webhookSecret, List<URI> webhookEndpoints,
                           String host, String apiVersion, Duration retryBackoff, Duration retryBackoffMax,
                           int maxAttempts, Path stateFile, int maxEvents) {

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
            if (maxEvents < 1) throw new IllegalArgumentException("maxEvents must be at least 1");
        }

        /** Without a state file and with the default event bound, as before persistence existed. */
        public Settings(int port, String secretKey, String webhookSecret, List<URI> webhookEndpoints, String host,
                        String apiVersion, Duration retryBackoff, Duration retryBackoffMax, int maxAttempts) {
            this(port, secretKey, webhookSecret, webhookEndpoints, host, apiVersion, retryBackoff, retryBackoffMax,
                    maxAttempts, null, DEFAULT_MAX_EVENTS);
        }

        /** The contract's four settings; the rest take their defaults (127.0.0.1, 1 s doubling up to 30 s, 8 attempts). */
        public Settings(int port, String secretKey, String webhookSecret, List<URI> webhookEndpoints) {
            this(port, secretKey, webhookSecret, webhookEndpoints, null, null, null, null, 8);
        }

        public Settings withHost(String host) {
            return new Settings(port, secretKey, webhookSecret, webhookEndpoints, host, apiVersion, retryBackoff,
                    retryBackoffMax, maxAttempts, stateFile, maxEvents);
        }

        public Settings withApiVersion(String apiVersion) {
            return new Settings(port, secretKey, webhookSecret, webhookEndpoints, host, apiVersion, retryBackoff,
                    retryBackoffMax, maxAttempts, stateFile, maxEvents);
        }

        /** Webhook retry policy: first wait {@code backoff}, doubled per retry up to {@code max}, {@code attempts} in all. */
        public Settings withRetries(Duration backoff, Duration max, int attempts) {
            return new Settings(port, secretKey, webhookSecret, webhookEndpoints, host, apiVersion, backoff, max,
                    attempts, stateFile, maxEvents);
        }

        /**
         * Keeps the state (customers, payment methods, intents, charges, refunds, events, idempotency answers) in
         * this file so it survives a restart: loaded at start (a corrupt or unreadable file fails the start, naming
         * it), every change appended and flushed, compacted at start, on close and as it grows. Pending webhook
         * deliveries and the delivery log are not kept. Null = in memory only.
         */
        public Settings withStateFile(Path stateFile) {
            return new Settings(port, secretKey, webhookSecret, webhookEndpoints, host, apiVersion, retryBackoff,
                    retryBackoffMax, maxAttempts, stateFile, maxEvents);
        }

        /** How many events (and delivery attempts in the log) are kept, the oldest dropped first; default 100,000. */
        public Settings withMaxEvents(int maxEvents) {
            return new Settings(port, secretKey, webhookSecret, webhookEndpoints, host, apiVersion, retryBackoff,
                    retryBackoffMax, maxAttempts, stateFile, maxEvents);
        }
    }

    private final Settings settings;
    private final WebhookDispatcher dispatcher;
    private final HttpFront front;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final StateFile state;
    private final StripeApi api;
    private boolean closed;

    private StripeSimulator(Settings settings) throws IOException {
        this.settings = settings;
        this.dispatcher = new WebhookDispatcher(settings.webhookSecret(), settings.webhookEndpoints(),
                settings.retryBackoff(), settings.retryBackoffMax(), settings.maxAttempts(), settings.maxEvents());
        StripeApi api = new StripeApi(dispatcher, settings.apiVersion(), this::baseUrl, settings.maxEvents());
        this.api = api;
        IdempotencyStore idempotency = new IdempotencyStore();
        this.state = settings.stateFile() == null ? null : load(settings.stateFile(), api, idempotency);
        try {
            this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 512);
        } catch (IOException | RuntimeException e) {
            dispatcher.close();
            if (state != null) state.close();
            throw e;
        }
        String host = settings.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) host = "127.0.0.1";
        else if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        this.baseUrl = "http://" + host + ":" + server.getAddress().getPort();
        this.front = new HttpFront(api, dispatcher, idempotency, settings.secretKey(), settings.apiVersion());
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.createContext("/", front);
        server.setExecutor(executor);
    }

    /** Reads the state file into the (still empty) account, compacts it and journals every change from now on. */
    private static StateFile load(Path file, StripeApi api, IdempotencyStore idempotency) {
        StateFile state = StateFile.open(file, line -> {
            if (IdempotencyStore.LINE_TYPE.equals(Json.text(line, "t"))) idempotency.restore(line);
            else if (!api.restore(line)) throw new IllegalArgumentException("unknown line type " + Json.text(line, "t"));
        }, api::finishRestore, sink -> {
            api.snapshot(sink);
            idempotency.snapshot(sink);
        });
        api.journalTo(state);
        idempotency.journalTo(state);
        return state;
    }

    /**
     * Starts a simulator listening on {@code settings.host():settings.port()}.
     *
     * @throws IllegalStateException naming the state file when it cannot be read (corrupt, unreadable, in use)
     */
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

    /**
     * Opens a chargeback on a succeeded charge for its whole unrefunded amount, as a card holder's bank would:
     * the dispute is {@code needs_response}, the charge {@code disputed}, {@code charge.dispute.created} is sent.
     *
     * @param reason Stripe's dispute reason ({@code fraudulent}, {@code product_not_received}, {@code general}, …;
     *               null = {@code general})
     * @return the dispute's id ({@code dp_…})
     * @throws IllegalArgumentException when the charge does not exist, has not succeeded or is already disputed
     */
    public String openDispute(String chargeId, String reason) {
        return openDispute(chargeId, reason, null);
    }

    /** As {@link #openDispute(String, String)} for {@code amount} cents (null = the unrefunded amount). */
    public String openDispute(String chargeId, String reason, Long amount) {
        try {
            return Json.text(api.connect.openDispute(chargeId, reason, amount), "id");
        } catch (ApiError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Closes an open dispute as the card network decides it: {@code won} or {@code lost}; {@code charge.dispute.closed}
     * is sent.
     *
     * @throws IllegalArgumentException when the dispute does not exist or is already closed
     */
    public void closeDispute(String disputeId, boolean won) {
        try {
            api.connect.closeDispute(disputeId, won ? "won" : "lost", StripeApi.Ctx.NONE);
        } catch (ApiError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * What the account link's page does when the account holder finishes onboarding: details submitted, charges and
     * payouts enabled, capabilities active; {@code account.updated} is sent (nothing when already onboarded).
     *
     * @throws IllegalArgumentException when the account does not exist
     */
    public void completeOnboarding(String accountId) {
        try {
            api.connect.completeOnboarding(accountId);
        } catch (ApiError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Every delivery attempt so far, oldest first. */
    public List<Delivery> deliveries() {
        return dispatcher.deliveries();
    }

    /** Compacts the state file now (tests: a compaction racing with requests); nothing without a state file. */
    void compactStateFile() throws IOException {
        if (state != null) state.compact();
    }

    /** The state file in use (absolute), or null when the state lives in memory only. */
    public Path stateFile() {
        return state == null ? null : state.path();
    }

    /**
     * Stops the server and the webhook delivery (pending deliveries are abandoned), lets requests already running
     * finish (up to 5 s) and, with a state file, compacts it so nothing is lost.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.close();
        executor.shutdownNow();
        if (state != null) state.close();
    }
}

package com.starrymeet.stripesim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers events to the webhook endpoints the way Stripe does: JSON body, {@code Stripe-Signature:
 * t=<epoch>,v1=<hex HMAC-SHA256(secret, t + "." + body)>} computed afresh for every attempt, retried with
 * exponential backoff on a non-2xx answer or a connection failure, a bounded number of attempts.
 *
 * <p>Each endpoint has one delivery lane (a queue drained by one virtual thread at a time), so without faults an
 * endpoint receives events in the order they were emitted, one at a time; a pause stops the lanes and keeps their
 * order; waits (backoff, {@link #delayNext}) run on a scheduler and re-enter
 * the lane when due. Faults are armed by the {@link Webhooks} methods and consumed by the next matching event.
 */
final class WebhookDispatcher implements Webhooks, AutoCloseable {

    private enum Kind { DUPLICATE, DELAY, DROP }

    private record Fault(Kind kind, String eventType, int times, Duration delay) {
        boolean matches(String type) {
            return eventType == null || eventType.equals(type);
        }
    }

    /** One event as it is delivered: the exact bytes and what the log needs. */
    record Event(String id, String type, byte[] body) {
    }

    private record Job(Event event, URI endpoint, int copy, int attempt, boolean drop) {
    }

    private final String secret;
    private final Duration backoff;
    private final Duration backoffMax;
    private final int maxAttempts;
    private final List<URI> endpoints = new CopyOnWriteArrayList<>();
    /** The latest attempts, oldest first, at most {@code maxLog} (guarded by itself). */
    private final ArrayDeque<Delivery> log = new ArrayDeque<>();
    private final int maxLog;
    private final Map<URI, Lane> lanes = new ConcurrentHashMap<>(); // each lane guarded by this
    private final ScheduledExecutorService timer;
    private final HttpClient http;

    // guarded by this
    private final List<Fault> faults = new ArrayList<>();
    private final List<Event> reorderBuffer = new ArrayList<>();
    private int reorderRemaining;
    private boolean paused;
    private boolean closed;

    WebhookDispatcher(String secret, List<URI> initialEndpoints, Duration backoff, Duration backoffMax, int maxAttempts) {
        this(secret, initialEndpoints, backoff, backoffMax, maxAttempts, StripeSimulator.DEFAULT_MAX_EVENTS);
    }

    WebhookDispatcher(String secret, List<URI> initialEndpoints, Duration backoff, Duration backoffMax, int maxAttempts,
                      int maxLog) {
        this.maxLog = maxLog;
        this.secret = secret;
        this.backoff = backoff;
        this.backoffMax = backoffMax;
        this.maxAttempts = maxAttempts;
        this.endpoints.addAll(initialEndpoints);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stripe-sim-webhook-timer");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    void addEndpoint(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!endpoints.contains(endpoint)) endpoints.add(endpoint);
    }

    List<URI> endpoints() {
        return List.copyOf(endpoints);
    }

    int endpointCount() {
        return endpoints.size();
    }

    List<Delivery> deliveries() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Sends an event to every endpoint known now, applying the faults armed for it. */
    void submit(Event event) {
        List<URI> targets = List.copyOf(endpoints);
        synchronized (this) {
            if (closed) return;
            if (reorderRemaining > 0) {
                reorderBuffer.add(event);
                if (--reorderRemaining == 0) flushReorder();
                return;
            }
            dispatch(event, targets);
        }
    }

    /** Must hold this. */
    private void dispatch(Event event, List<URI> targets) {
        Fault duplicate = take(Kind.DUPLICATE, event.type());
        Fault delay = take(Kind.DELAY, event.type());
        Fault drop = take(Kind.DROP, event.type());
        int copies = duplicate == null ? 1 : duplicate.times();
        for (URI endpoint : targets) {
            for (int copy = 1; copy <= copies; copy++) {
                Job job = new Job(event, endpoint, copy, 1, drop != null && copy == 1);
                if (delay != null) schedule(job, delay.delay());
                else enqueue(job);
            }
        }
    }

    private Fault take(Kind kind, String type) {
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            if (f.kind() == kind && f.matches(type)) return faults.remove(i);
        }
        return null;
    }

    /** Must hold this. */
    private void flushReorder() {
        List<Event> events = new ArrayList<>(reorderBuffer);
        reorderBuffer.clear();
        reorderRemaining = 0;
        Collections.reverse(events);
        List<URI> targets = List.copyOf(endpoints);
        for (Event e : events) dispatch(e, targets);
    }

    private void schedule(Job job, Duration delay) {
        try {
            timer.schedule(() -> enqueue(job), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // closed
        }
    }

    /** One endpoint's queue: jobs are sent one at a time, in the order they were queued. */
    private static final class Lane {
        final ArrayDeque<Job> queue = new ArrayDeque<>();
        boolean draining;
    }

    private void enqueue(Job job) {
        synchronized (this) {
            if (closed) return;
            Lane lane = lanes.computeIfAbsent(job.endpoint(), e -> new Lane());
            lane.queue.add(job);
            startDrain(lane);
        }
    }

    /** Must hold this. While paused nothing leaves the queues; resume() restarts every lane. */
    private void startDrain(Lane lane) {
        if (lane.draining || paused || closed || lane.queue.isEmpty()) return;
        lane.draining = true;
        Thread.ofVirtual().name("stripe-sim-webhook").start(() -> drain(lane));
    }

    private void drain(Lane lane) {
        while (true) {
            Job job;
            synchronized (this) {
                if (closed || paused || lane.queue.isEmpty()) {
                    lane.draining = false;
                    return;
                }
                job = lane.queue.poll();
            }
            run(job);
        }
    }

    private void run(Job job) {
        Event event = job.event();
        if (job.drop()) {
            record(job, 0, false, "dropped");
            retryOrGiveUp(job);
            return;
        }
        long t = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(job.endpoint())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                .header("Stripe-Signature", signatureHeader(t, event.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.body()))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            boolean ok = status >= 200 && status < 300;
            record(job, status, ok, ok ? "delivered" : "http " + status);
            if (!ok) retryOrGiveUp(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            record(job, 0, false, "connection failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
            retryOrGiveUp(job);
        }
    }

    private void retryOrGiveUp(Job job) {
        if (job.attempt() >= maxAttempts) return;
        long factor = 1L << Math.min(job.attempt() - 1, 20);
        Duration wait = backoff.multipliedBy(factor);
        if (wait.compareTo(backoffMax) > 0) wait = backoffMax;
        schedule(new Job(job.event(), job.endpoint(), job.copy(), job.attempt() + 1, false), wait);
    }

    private void record(Job job, int status, boolean ok, String detail) {
        Delivery d = new Delivery(job.event().id(), job.event().type(), job.endpoint(), job.copy(), job.attempt(), status,
                ok, detail, Instant.now());
        synchronized (log) {
            log.addLast(d);
            while (log.size() > maxLog) log.removeFirst();
        }
    }

    /** {@code t=<epoch seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}, as Stripe signs. */
    String signatureHeader(long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + sign(secret, timestamp + "." + new String(body, StandardCharsets.UTF_8));
    }

    static String sign(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- Webhooks (fault controls)

    @Override
    public synchronized Webhooks duplicateNext(int times) {
        return duplicateNext(times, null);
    }

    @Override
    public synchronized Webhooks duplicateNext(int times, String eventType) {
        if (times < 1) throw new IllegalArgumentException("times must be at least 1");
        faults.add(new Fault(Kind.DUPLICATE, eventType, times, null));
        return this;
    }

    @Override
    public Webhooks delayNext(Duration delay) {
        return delayNext(delay, null);
    }

    @Override
    public synchronized Webhooks delayNext(Duration delay, String eventType) {
        if (delay == null || delay.isNegative()) throw new IllegalArgumentException("delay must be positive");
        faults.add(new Fault(Kind.DELAY, eventType, 1, delay));
        return this;
    }

    @Override
    public synchronized Webhooks reorderNext(int count) {
        if (count < 1) throw new IllegalArgumentException("count must be at least 1");
        reorderRemaining += count;
        return this;
    }

    @Override
    public Webhooks dropNextThenRetry() {
        return dropNextThenRetry(null);
    }

    @Override
    public synchronized Webhooks dropNextThenRetry(String eventType) {
        faults.add(new Fault(Kind.DROP, eventType, 1, null));
        return this;
    }

    @Override
    public synchronized Webhooks pause() {
        paused = true;
        return this;
    }

    @Override
    public Webhooks resume() {
        synchronized (this) {
            paused = false;
            lanes.values().forEach(this::startDrain); // what waited goes first, in its order
            if (!reorderBuffer.isEmpty()) flushReorder();
            reorderRemaining = 0;
        }
        return this;
    }

    @Override
    public synchronized Webhooks clearFaults() {
        faults.clear();
        if (!reorderBuffer.isEmpty()) flushReorder();
        reorderRemaining = 0;
        return this;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        timer.shutdownNow();
        http.shutdownNow();
    }
}

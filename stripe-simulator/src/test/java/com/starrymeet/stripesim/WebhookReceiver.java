package com.starrymeet.stripesim;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A webhook endpoint for the tests, like payment-service's: it verifies every delivery with stripe-java's
 * {@link Webhook#constructEvent} and the signing secret, and keeps what it received. It answers 200 unless told to
 * answer other statuses first.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived: raw body, signature header, the verified event (or why verification failed). */
    record Received(String body, String signature, Event event, Exception verificationFailure, int answered,
                    Instant at) {
        boolean verified() {
            return event != null;
        }
    }

    private final HttpServer server;
    private final String secret;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> nextStatuses = new ConcurrentLinkedQueue<>();

    WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String sig = exchange.getRequestHeaders().getFirst("Stripe-Signature");
            Event event = null;
            Exception failure = null;
            try {
                event = Webhook.constructEvent(body, sig, secret);
            } catch (SignatureVerificationException | RuntimeException e) {
                failure = e;
            }
            Integer forced = nextStatuses.poll();
            int status = failure != null ? 400 : forced != null ? forced : 200;
            received.add(new Received(body, sig, event, failure, status, Instant.now()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** The next requests are answered with these statuses (then 200 again). */
    void answerNext(int... statuses) {
        for (int s : statuses) nextStatuses.add(s);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The verified events of one type, in arrival order (copies included). */
    List<Event> events(String type) {
        return received.stream().filter(Received::verified).map(Received::event).filter(e -> e.getType().equals(type))
                .toList();
    }

    /** Every delivery of one event id, in arrival order. */
    List<Received> deliveriesOf(String eventId) {
        return received.stream().filter(r -> r.verified() && r.event().getId().equals(eventId)).toList();
    }

    /** The verified events about one object (by data.object.id), in arrival order. */
    List<Event> eventsAbout(String objectId) {
        return received.stream().filter(Received::verified).map(Received::event)
                .filter(e -> objectId.equals(com.google.gson.JsonParser.parseString(e.getDataObjectDeserializer().getRawJson())
                        .getAsJsonObject().get("id").getAsString()))
                .toList();
    }

    void clear() {
        received.clear();
        nextStatuses.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

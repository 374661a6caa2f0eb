package com.starrymeet.stripesim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe's idempotency rules for POST requests: the first answer to a key is saved (per secret key, for 24 hours)
 * and replayed for the same key with the same parameters; the same key with other parameters (or on another
 * endpoint) is a 400 {@code idempotency_error}. Requests with one key run one at a time: a second request waits for
 * the first and then gets its answer replayed (Stripe answers a 409 while the first is still running; waiting
 * keeps the simulator deterministic for concurrent tests). Nothing is saved for a request that never ran (a fault
 * injected with {@code failNextApiCall}), so its retry runs for real.
 *
 * <p>Memory: entries older than 24 hours are dropped (every 1,000 uses and at each compaction of the state file),
 * as Stripe forgets keys after 24 hours. Entries are keyed by a hash of the secret key, never the key itself, so the
 * state file holds no secret.
 */
final class IdempotencyStore {

    static final Duration TTL = Duration.ofHours(24);
    static final String LINE_TYPE = "idempotency";

    record Saved(int status, byte[] body, String requestId) {
    }

    static final class Entry {
        final String fingerprint;
        final Instant created;
        volatile Saved saved;
        boolean abandoned;

        Entry(String fingerprint) {
            this(fingerprint, Instant.now());
        }

        Entry(String fingerprint, Instant created) {
            this.fingerprint = fingerprint;
            this.created = created;
        }

        boolean expired() {
            return created.plus(TTL).isBefore(Instant.now());
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, String> scopes = new ConcurrentHashMap<>();
    private final AtomicLong uses = new AtomicLong();
    private volatile StateFile state;

    void journalTo(StateFile state) {
        this.state = state;
    }

    /** The entry for this key, created for this request when the key is new or expired. */
    Entry entry(String secretKey, String key, String fingerprint) {
        if (uses.incrementAndGet() % 1000 == 0) purgeExpired();
        return entries.compute(mapKey(secretKey, key),
                (k, old) -> old == null || old.expired() || old.abandoned ? new Entry(fingerprint) : old);
    }

    /** Saves the first answer for the key (and journals it); must hold the entry's monitor. */
    void save(String secretKey, String key, Entry entry, Saved saved) {
        entry.saved = saved;
        StateFile s = state;
        if (s != null) s.append(line(mapKey(secretKey, key), entry, saved));
    }

    /** Forgets an entry whose request produced nothing to save. */
    void abandon(String secretKey, String key, Entry entry) {
        entry.abandoned = true;
        entries.remove(mapKey(secretKey, key), entry);
    }

    void purgeExpired() {
        entries.values().removeIf(Entry::expired);
    }

    int size() {
        return entries.size();
    }

    /** Writes every saved, unexpired answer, for a compaction. */
    void snapshot(Consumer<byte[]> sink) {
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry entry = e.getValue();
            Saved saved = entry.saved;
            if (saved != null && !entry.expired() && !entry.abandoned) sink.accept(line(e.getKey(), entry, saved));
        }
    }

    /** Takes an {@code idempotency} line of a state file; an expired one is ignored. */
    void restore(ObjectNode line) {
        String key = Json.text(line, "key");
        String fingerprint = Json.text(line, "fingerprint");
        String body = Json.text(line, "body");
        if (key == null || fingerprint == null || body == null || !line.has("created") || !line.has("status")) {
            throw new IllegalArgumentException("an idempotency line without key, fingerprint, created, status or body");
        }
        Entry entry = new Entry(fingerprint, Instant.ofEpochMilli(line.get("created").asLong()));
        if (entry.expired()) return;
        entry.saved = new Saved(line.get("status").asInt(), body.getBytes(StandardCharsets.UTF_8),
                Json.text(line, "request_id"));
        entries.put(key, entry);
    }

    private static byte[] line(String mapKey, Entry entry, Saved saved) {
        ObjectNode line = Json.object();
        line.put("t", LINE_TYPE);
        line.put("key", mapKey);
        line.put("fingerprint", entry.fingerprint);
        line.put("created", entry.created.toEpochMilli());
        line.put("status", saved.status());
        line.put("request_id", saved.requestId());
        line.put("body", new String(saved.body(), StandardCharsets.UTF_8));
        return Json.bytes(line);
    }

    private String mapKey(String secretKey, String key) {
        return scopes.computeIfAbsent(secretKey, IdempotencyStore::scope) + '\u0000' + key;
    }

    /** A short hash of the secret key: answers stay per key without the key being stored. */
    private static String scope(String secretKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secretKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package com.starrymeet.stripesim;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stripe's idempotency rules for POST requests: the first answer to a key is saved (per secret key, for 24 hours)
 * and replayed for the same key with the same parameters; the same key with other parameters (or on another
 * endpoint) is a 400 {@code idempotency_error}. Requests with one key run one at a time: a second request waits for
 * the first and then gets its answer replayed (Stripe answers a 409 while the first is still running; waiting
 * keeps the simulator deterministic for concurrent tests). Nothing is saved for a request that never ran (a fault
 * injected with {@code failNextApiCall}), so its retry runs for real.
 */
final class IdempotencyStore {

    static final Duration TTL = Duration.ofHours(24);

    record Saved(int status, byte[] body, String requestId) {
    }

    static final class Entry {
        final String fingerprint;
        final Instant created = Instant.now();
        Saved saved;
        boolean abandoned;

        Entry(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        boolean expired() {
            return created.plus(TTL).isBefore(Instant.now());
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong uses = new java.util.concurrent.atomic.AtomicLong();

    /** The entry for this key, created for this request when the key is new or expired. */
    Entry entry(String secretKey, String key, String fingerprint) {
        if (uses.incrementAndGet() % 1000 == 0) purgeExpired();
        return entries.compute(secretKey + '\u0000' + key,
                (k, old) -> old == null || old.expired() || old.abandoned ? new Entry(fingerprint) : old);
    }

    /** Forgets an entry whose request produced nothing to save. */
    void abandon(String secretKey, String key, Entry entry) {
        entry.abandoned = true;
        entries.remove(secretKey + '\u0000' + key, entry);
    }

    void purgeExpired() {
        entries.values().removeIf(Entry::expired);
    }
}

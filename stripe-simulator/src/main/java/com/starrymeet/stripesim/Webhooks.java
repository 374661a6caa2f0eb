package com.starrymeet.stripesim;

import java.time.Duration;

/**
 * Fault controls for webhook delivery, so a test can prove that its webhook handler copes with what real Stripe
 * may do: send an event more than once, late, out of order, or only after a lost first attempt.
 *
 * <p>A "next" fault applies to the next event emitted after the call (optionally only to the next event of a given
 * type) and then disarms itself; it applies to that event's delivery to every endpoint. Faults armed one after the
 * other apply to the following events in order. An API call that emits several events emits the PaymentIntent's
 * event first (e.g. {@code payment_intent.succeeded} before {@code charge.succeeded}), so
 * {@code duplicateNext(5)} before a confirmation duplicates {@code payment_intent.succeeded}.
 */
public interface Webhooks {

    /** The next event is delivered {@code times} times in all (each copy signed afresh and retried on its own). */
    Webhooks duplicateNext(int times);

    /** The next event of the given type is delivered {@code times} times in all. */
    Webhooks duplicateNext(int times, String eventType);

    /** The first attempt of the next event is held back this long. */
    Webhooks delayNext(Duration delay);

    /** The first attempt of the next event of the given type is held back this long. */
    Webhooks delayNext(Duration delay, String eventType);

    /**
     * The next {@code count} events are buffered and delivered in reverse order once the last of them was emitted
     * (or on {@link #resume()}).
     */
    Webhooks reorderNext(int count);

    /** The first attempt of the next event is "lost" (not sent, logged as dropped) and retried with the backoff. */
    Webhooks dropNextThenRetry();

    /** The first attempt of the next event of the given type is lost and retried with the backoff. */
    Webhooks dropNextThenRetry(String eventType);

    /** Holds every delivery (first attempts and retries) until {@link #resume()}. */
    Webhooks pause();

    /** Releases everything held by {@link #pause()} and any partly filled {@link #reorderNext(int)} buffer. */
    Webhooks resume();

    /** Disarms every fault not yet applied (does not resume a pause). */
    Webhooks clearFaults();
}

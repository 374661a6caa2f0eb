package com.starrymeet.stripesim;

import java.net.URI;
import java.time.Instant;

/**
 * One attempt to deliver one webhook event to one endpoint, as recorded in the simulator's delivery log.
 *
 * @param eventId     the Stripe event id ({@code evt_…})
 * @param eventType   the event type, e.g. {@code payment_intent.succeeded}
 * @param endpoint    the webhook endpoint the attempt went to
 * @param copy        1 for the original delivery; 2..N for the copies asked for by {@link Webhooks#duplicateNext(int)}
 * @param attempt     1 for the first attempt of that copy, 2.. for retries
 * @param statusCode  the endpoint's HTTP status; 0 when nothing came back (connection failure, timeout, or the
 *                    attempt was dropped on purpose)
 * @param succeeded   whether the endpoint answered 2xx
 * @param detail      "delivered", "http 500", "dropped", "connection failed: …"
 * @param attemptedAt when the attempt was made
 */
public record Delivery(String eventId, String eventType, URI endpoint, int copy, int attempt, int statusCode,
                       boolean succeeded, String detail, Instant attemptedAt) {
}

package com.starrymeet.stripesim;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One stored Stripe object: its JSON as answered, and what the simulator keeps beside it. Every read and change
 * happens under {@link #lock}: a PaymentIntent's lock also guards its charges and refunds, so confirmation,
 * cancellation and refunds of one intent are serialized while different intents run in parallel. Lock order:
 * intent, then customer, then payment method (a payment method's lock is never held while taking another).
 */
final class Rec {

    final String id;
    final Object lock;
    ObjectNode json;

    /** Payment methods: the test card behind it. */
    TestCard card;
    /** Payment intents: where the 3-D Secure page sends the customer back. */
    String returnUrl;
    /** Customers: attached payment method ids, oldest first. */
    final List<String> attached = new ArrayList<>();

    Rec(String id, ObjectNode json, Object lock) {
        this.id = id;
        this.json = json;
        this.lock = lock == null ? this : lock;
    }

    ObjectNode snapshot() {
        synchronized (lock) {
            return json.deepCopy();
        }
    }

    String text(String field) {
        synchronized (lock) {
            return Json.text(json, field);
        }
    }
}

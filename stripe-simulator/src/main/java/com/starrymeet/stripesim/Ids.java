package com.starrymeet.stripesim;

import java.security.SecureRandom;

/** Stripe-looking identifiers: {@code pi_3Q…} (24 characters after the prefix), client secrets, request ids. */
final class Ids {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String random(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return sb.toString();
    }

    static String next(String prefix) {
        return prefix + "_1" + random(23);
    }

    static String clientSecret(String intentId) {
        return intentId + "_secret_" + random(25);
    }

    static String requestId() {
        return "req_" + random(14);
    }
}

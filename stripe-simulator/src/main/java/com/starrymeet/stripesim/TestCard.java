package com.starrymeet.stripesim;

import java.util.Arrays;
import java.util.Optional;

/**
 * Stripe's test payment methods and how they behave on confirmation, as Stripe documents them
 * (https://docs.stripe.com/testing). Each use of a token creates a new {@code pm_…} carrying the card.
 */
enum TestCard {
    VISA("pm_card_visa", "visa", "4242", "credit", Outcome.SUCCEEDS, null, null, null),
    VISA_DEBIT("pm_card_visa_debit", "visa", "5556", "debit", Outcome.SUCCEEDS, null, null, null),
    MASTERCARD("pm_card_mastercard", "mastercard", "4444", "credit", Outcome.SUCCEEDS, null, null, null),
    AMEX("pm_card_amex", "amex", "8431", "credit", Outcome.SUCCEEDS, null, null, null),
    DECLINED("pm_card_chargeDeclined", "visa", "0002", "credit", Outcome.DECLINES,
            "card_declined", "generic_decline", "Your card was declined."),
    INSUFFICIENT_FUNDS("pm_card_chargeDeclinedInsufficientFunds", "visa", "9995", "credit", Outcome.DECLINES,
            "card_declined", "insufficient_funds", "Your card has insufficient funds."),
    EXPIRED("pm_card_chargeDeclinedExpiredCard", "visa", "0069", "credit", Outcome.DECLINES,
            "expired_card", "expired_card", "Your card has expired."),
    THREE_DS_REQUIRED("pm_card_threeDSecure2Required", "visa", "3220", "credit", Outcome.REQUIRES_ACTION, null, null, null),
    AUTHENTICATION_REQUIRED("pm_card_authenticationRequired", "visa", "3184", "credit", Outcome.REQUIRES_ACTION,
            null, null, null);

    enum Outcome { SUCCEEDS, DECLINES, REQUIRES_ACTION }

    final String token;
    final String brand;
    final String last4;
    final String funding;
    final Outcome outcome;
    final String code;
    final String declineCode;
    final String message;

    TestCard(String token, String brand, String last4, String funding, Outcome outcome, String code,
             String declineCode, String message) {
        this.token = token;
        this.brand = brand;
        this.last4 = last4;
        this.funding = funding;
        this.outcome = outcome;
        this.code = code;
        this.declineCode = declineCode;
        this.message = message;
    }

    static Optional<TestCard> byToken(String token) {
        return Arrays.stream(values()).filter(c -> c.token.equals(token)).findFirst();
    }

    String fingerprint() {
        return ("SIM" + name().replace("_", "") + "XXXXXXXXXXXX").substring(0, 16);
    }
}

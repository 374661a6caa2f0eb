package com.starrymeet.stripesim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe Connect and disputes, as payment-service uses them to pay celebrities: connected accounts (express, weekly
 * payouts) onboarded through an account link whose page is served by the simulator, transfers to them (funded by a
 * charge with {@code source_transaction}, never more than what the charge still holds), transfer reversals (never
 * more than was transferred), and chargebacks opened and closed by the tests. Objects are built from Stripe's example
 * objects like the rest of the simulator.
 *
 * <p>Locking (see {@link Rec}): a transfer funded by a charge shares that charge's lock (its intent's), so what a
 * charge still holds — captured − refunded − transferred (net of reversals) — is checked and taken atomically; a
 * transfer without a source has a lock of its own; a reversal shares its transfer's lock; a dispute shares its
 * charge's lock. An account's lock may be taken while holding a charge's, never the other way round.
 */
final class Connect {

    static final String ACCOUNT = "account";
    static final String TRANSFER = "transfer";
    static final String TRANSFER_REVERSAL = "transfer_reversal";
    static final String DISPUTE = "dispute";
    static final List<String> TYPES = List.of(ACCOUNT, TRANSFER, TRANSFER_REVERSAL, DISPUTE);

    private static final Set<String> ACCOUNT_TYPES = Set.of("express", "custom", "standard");
    private static final Set<String> INTERVALS = Set.of("manual", "daily", "weekly", "monthly");
    private static final Set<String> WEEKDAYS = Set.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday");
    private static final Set<String> LINK_TYPES = Set.of("account_onboarding", "account_update");
    private static final Set<String> DISPUTE_REASONS = Set.of("bank_cannot_process", "check_returned",
            "credit_not_processed", "customer_initiated", "debit_not_authorized", "duplicate", "fraudulent", "general",
            "incorrect_account_details", "insufficient_funds", "noncompliant", "product_not_received",
            "product_unacceptable", "subscription_canceled", "unrecognized");
    private static final Set<String> OPEN_DISPUTE = Set.of("warning_needs_response", "warning_under_review",
            "needs_response", "under_review");

    /** Insertion-ordered (lists answer newest first); iterate only while holding the map. */
    final Map<String, Rec> accounts = Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<String, Rec> transfers = Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<String, Rec> reversals = new ConcurrentHashMap<>();
    final Map<String, Rec> disputes = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Transfers funded by each charge; each list guarded by that charge's lock. */
    private final Map<String, List<Rec>> transfersBySource = new ConcurrentHashMap<>();
    /** The dispute of each charge (Stripe allows one). */
    private final Map<String, String> disputeByCharge = new ConcurrentHashMap<>();

    private final StripeApi api;
    private final Supplier<String> baseUrl;

    Connect(StripeApi api, Supplier<String> baseUrl) {
        this.api = api;
        this.baseUrl = baseUrl;
    }

    // ------------------------------------------------------------------ accounts

    ObjectNode createAccount(Form.Params p) {
        String type = p.str("type");
        if (type == null || type.isEmpty()) type = "standard";
        if (!ACCOUNT_TYPES.contains(type)) {
            throw ApiError.invalid("parameter_invalid_string", "type", "Invalid type: must be one of custom, express, or standard");
        }
        String country = p.str("country");
        if (country == null || country.isEmpty()) country = "US";
        if (!country.matches("[A-Za-z]{2}")) throw ApiError.invalid("parameter_invalid_string", "country", "Invalid country: " + country);
        ObjectNode a = Json.template("account");
        String id = Ids.next("acct");
        a.put("id", id);
        a.put("created", StripeApi.now());
        a.put("type", type);
        a.put("country", country.toUpperCase(Locale.ROOT));
        a.putNull("email");
        a.putNull("business_type");
        a.put("default_currency", "usd");
        a.put("charges_enabled", false);
        a.put("payouts_enabled", false);
        a.put("details_submitted", false);
        a.set("metadata", Json.object());
        ObjectNode controller = a.putObject("controller");
        if (type.equals("standard")) {
            controller.put("type", "account");
        } else {
            controller.put("type", "application");
            controller.put("is_controller", true);
            controller.put("requirement_collection", type.equals("express") ? "stripe" : "application");
            controller.putObject("fees").put("payer", "application");
            controller.putObject("losses").put("payments", "application");
            controller.putObject("stripe_dashboard").put("type", type.equals("express") ? "express" : "none");
        }
        ObjectNode capabilities = a.putObject("capabilities");
        if (p.node("capabilities") instanceof ObjectNode requested) {
            for (Map.Entry<String, JsonNode> e : requested.properties()) {
                if ("true".equals(Json.text(e.getValue(), "requested"))) capabilities.put(e.getKey(), "inactive");
            }
        }
        if (capabilities.isEmpty()) {
            if (!type.equals("express")) capabilities.put("card_payments", "inactive");
            capabilities.put("transfers", "inactive");
        }
        ObjectNode requirements = (ObjectNode) a.get("requirements");
        requirements.set("past_due", requirements.get("currently_due").deepCopy());
        ((ObjectNode) a.get("external_accounts")).put("url", "/v1/accounts/" + id + "/external_accounts");
        ((ObjectNode) a.get("external_accounts")).put("total_count", 0);
        ObjectNode schedule = (ObjectNode) a.get("settings").get("payouts").get("schedule");
        schedule.put("interval", "daily");
        schedule.put("delay_days", 2);
        Rec rec = new Rec(id, a, null);
        synchronized (rec.lock) {
            applyAccountFields(a, p);
            accounts.put(id, rec);
            api.save(ACCOUNT, rec);
            return a.deepCopy();
        }
    }

    ObjectNode retrieveAccount(String id) {
        return account(id).snapshot();
    }

    ObjectNode updateAccount(String id, Form.Params p, StripeApi.Ctx ctx) {
        Rec rec = account(id);
        synchronized (rec.lock) {
            try {
                applyAccountFields(rec.json, p);
            } finally {
                api.save(ACCOUNT, rec);
            }
            api.emit("account.updated", rec.json.deepCopy(), ctx, id);
            return rec.json.deepCopy();
        }
    }

    ObjectNode listAccounts(Form.Params p) {
        List<ObjectNode> all = new ArrayList<>();
        for (Rec rec : newestFirst(accounts)) all.add(rec.snapshot());
        return StripeApi.page(all, p, "/v1/accounts");
    }

    /** email, business_type, default_currency, metadata, business_profile[…], settings[payouts][…]. */
    private static void applyAccountFields(ObjectNode a, Form.Params p) {
        for (String f : List.of("email", "business_type", "default_currency")) {
            if (p.has(f)) {
                String v = p.str(f);
                if (v == null || v.isEmpty()) a.putNull(f);
                else a.put(f, f.equals("default_currency") ? v.toLowerCase(Locale.ROOT) : v);
            }
        }
        if (p.node("business_profile") instanceof ObjectNode bp) {
            ObjectNode target = (ObjectNode) a.get("business_profile");
            for (String f : List.of("name", "url", "product_description", "support_email", "support_phone", "mcc")) {
                if (bp.has(f)) {
                    String v = Json.text(bp, f);
                    if (v == null || v.isEmpty()) target.putNull(f);
                    else target.put(f, v);
                }
            }
        }
        JsonNode payouts = p.node("settings") == null ? null : p.node("settings").get("payouts");
        if (payouts instanceof ObjectNode po) {
            ObjectNode target = (ObjectNode) a.get("settings").get("payouts");
            if (po.has("statement_descriptor")) target.put("statement_descriptor", Json.text(po, "statement_descriptor"));
            if (po.has("debit_negative_balances")) {
                target.put("debit_negative_balances", "true".equals(Json.text(po, "debit_negative_balances")));
            }
            if (po.get("schedule") instanceof ObjectNode s) applySchedule((ObjectNode) target.get("schedule"), s);
        }
        StripeApi.mergeMetadata(a, p);
    }

    private static void applySchedule(ObjectNode schedule, ObjectNode s) {
        String interval = Json.text(s, "interval");
        if (interval != null) {
            if (!INTERVALS.contains(interval)) {
                throw ApiError.invalid("parameter_invalid_string", "settings[payouts][schedule][interval]",
                        "Invalid settings[payouts][schedule][interval]: must be one of daily, manual, monthly, or weekly");
            }
            schedule.put("interval", interval);
            schedule.remove("weekly_anchor");
            schedule.remove("monthly_anchor");
            if (interval.equals("weekly")) schedule.put("weekly_anchor", "monday");
            if (interval.equals("monthly")) schedule.put("monthly_anchor", 1);
        }
        String weekly = Json.text(s, "weekly_anchor");
        if (weekly != null) {
            if (!WEEKDAYS.contains(weekly)) {
                throw ApiError.invalid("parameter_invalid_string", "settings[payouts][schedule][weekly_anchor]",
                        "Invalid settings[payouts][schedule][weekly_anchor]: must be a day of the week");
            }
            schedule.put("weekly_anchor", weekly);
        }
        for (String f : List.of("delay_days", "monthly_anchor")) {
            String v = Json.text(s, f);
            if (v == null || v.isEmpty() || v.equals("minimum")) continue;
            try {
                schedule.put(f, Integer.parseInt(v));
            } catch (NumberFormatException e) {
                throw ApiError.invalid("parameter_invalid_integer", "settings[payouts][schedule][" + f + "]", "Invalid integer: " + v);
            }
        }
    }

    /**
     * What the account link's page does when the account holder finishes: details submitted, charges and payouts
     * enabled, every capability active, nothing due; {@code account.updated} is sent. Finishing an account already
     * onboarded changes nothing and sends nothing.
     */
    ObjectNode completeOnboarding(String id) {
        Rec rec = account(id);
        synchronized (rec.lock) {
            ObjectNode a = rec.json;
            if (a.path("details_submitted").asBoolean() && a.path("payouts_enabled").asBoolean()
                    && a.path("charges_enabled").asBoolean()) {
                return a.deepCopy();
            }
            a.put("details_submitted", true);
            a.put("charges_enabled", true);
            a.put("payouts_enabled", true);
            ObjectNode capabilities = (ObjectNode) a.get("capabilities");
            for (String name : List.copyOf(capabilities.propertyNames())) capabilities.put(name, "active");
            for (String group : List.of("requirements", "future_requirements")) {
                ObjectNode r = (ObjectNode) a.get(group);
                for (String f : List.of("currently_due", "eventually_due", "past_due", "pending_verification", "errors",
                        "alternatives")) {
                    r.putArray(f);
                }
                r.putNull("disabled_reason");
                r.putNull("current_deadline");
            }
            ObjectNode tos = (ObjectNode) a.get("tos_acceptance");
            tos.put("date", StripeApi.now());
            tos.put("ip", "127.0.0.1");
            tos.put("user_agent", "stripe-simulator");
            api.save(ACCOUNT, rec);
            api.emit("account.updated", a.deepCopy(), StripeApi.Ctx.NONE, id);
            return a.deepCopy();
        }
    }

    /** Where the onboarding page sends the account holder back (the latest link's {@code return_url}), or null. */
    String onboardingReturnUrl(String accountId) {
        Rec rec = account(accountId);
        synchronized (rec.lock) {
            return rec.returnUrl;
        }
    }

    private Rec account(String id) {
        Rec rec = accounts.get(id);
        if (rec == null) throw ApiError.noSuch("account", id);
        return rec;
    }

    // ------------------------------------------------------------------ account links

    ObjectNode createAccountLink(Form.Params p) {
        String accountId = p.str("account");
        if (accountId == null || accountId.isEmpty()) throw ApiError.missing("account");
        String type = p.str("type");
        if (type == null || type.isEmpty()) throw ApiError.missing("type");
        if (!LINK_TYPES.contains(type)) {
            throw ApiError.invalid("parameter_invalid_string", "type", "Invalid type: must be one of account_onboarding or account_update");
        }
        Rec rec = accounts.get(accountId);
        if (rec == null) throw ApiError.noSuchParam("account", accountId, "account");
        long created = StripeApi.now();
        ObjectNode link = Json.template("account_link");
        link.put("created", created);
        link.put("expires_at", created + 300);
        link.put("url", baseUrl.get() + "/_sim/connect/" + accountId + "/onboard");
        String returnUrl = p.str("return_url");
        if (returnUrl != null && !returnUrl.isEmpty()) {
            synchronized (rec.lock) {
                rec.returnUrl = returnUrl;
                api.save(ACCOUNT, rec);
            }
        }
        return link;
    }

    // ------------------------------------------------------------------ transfers

    ObjectNode createTransfer(Form.Params p, StripeApi.Ctx ctx) {
        Long amount = p.integer("amount");
        if (amount == null) throw ApiError.missing("amount");
        if (amount < 1) throw ApiError.invalid("parameter_invalid_integer", "amount", "This value must be greater than or equal to 1.");
        String currency = p.str("currency");
        if (currency == null || currency.isEmpty()) throw ApiError.missing("currency");
        if (!currency.matches("[A-Za-z]{3}")) throw ApiError.invalid("parameter_invalid_string", "currency", "Invalid currency: " + currency);
        currency = currency.toLowerCase(Locale.ROOT);
        String destination = p.str("destination");
        if (destination == null || destination.isEmpty()) throw ApiError.missing("destination");
        Rec account = accounts.get(destination);
        if (account == null) throw ApiError.noSuchParam("destination", destination, "destination");
        String sourceId = p.str("source_transaction");
        if (sourceId == null || sourceId.isEmpty()) {
            Rec rec = newTransfer(amount, currency, account, null, p);
            synchronized (rec.lock) {
                return publish(rec, ctx);
            }
        }
        Rec charge = api.charges.get(sourceId);
        if (charge == null) throw ApiError.noSuchParam("charge", sourceId, "source_transaction");
        synchronized (charge.lock) {
            ObjectNode ch = charge.json;
            if (!"succeeded".equals(Json.text(ch, "status"))) {
                throw ApiError.invalid(null, "source_transaction", "The source_transaction " + sourceId
                        + " has not succeeded: only a succeeded charge can fund a transfer.");
            }
            if (!currency.equals(Json.text(ch, "currency"))) {
                throw ApiError.invalid(null, "currency", "The currency of the transfer (" + currency
                        + ") must match the currency of the source_transaction (" + Json.text(ch, "currency") + ").");
            }
            long available = available(charge);
            if (amount > available) {
                throw ApiError.invalid("amount_too_large", "amount", "The transfer amount ("
                        + StripeApi.money(amount, currency) + ") is greater than the amount available on the"
                        + " source_transaction " + sourceId + " (" + StripeApi.money(available, currency) + ").");
            }
            Rec rec = newTransfer(amount, currency, account, charge, p);
            transfersBySource.computeIfAbsent(charge.id, k -> new ArrayList<>()).add(rec);
            return publish(rec, ctx);
        }
    }

    /** What a charge still holds for transfers: captured − refunded − transferred net of reversals. Hold its lock. */
    private long available(Rec charge) {
        long left = charge.json.get("amount_captured").asLong() - charge.json.get("amount_refunded").asLong();
        for (Rec t : transfersBySource.getOrDefault(charge.id, List.of())) {
            left -= t.json.get("amount").asLong() - t.json.get("amount_reversed").asLong();
        }
        return Math.max(0, left);
    }

    /** Builds a transfer (not yet visible); fails when the destination cannot receive transfers. */
    private Rec newTransfer(long amount, String currency, Rec account, Rec charge, Form.Params p) {
        ObjectNode acct = account.snapshot();
        if (!"active".equals(Json.text(acct.get("capabilities"), "transfers"))) {
            throw ApiError.invalid("insufficient_capabilities_for_transfer", "destination",
                    "Your destination account needs to have at least one of the following capabilities enabled:"
                            + " transfers, crypto_transfers, legacy_payments (" + account.id
                            + " has not completed onboarding).");
        }
        ObjectNode t = Json.template("transfer");
        String id = Ids.next("tr");
        t.put("id", id);
        t.put("created", StripeApi.now());
        t.put("amount", amount);
        t.put("amount_reversed", 0);
        t.put("currency", currency);
        t.put("balance_transaction", Ids.next("txn"));
        t.put("destination", account.id);
        t.put("destination_payment", "py_" + Ids.random(14));
        t.put("reversed", false);
        t.put("livemode", false);
        t.set("metadata", Json.object());
        if (charge == null) t.putNull("source_transaction");
        else t.put("source_transaction", charge.id);
        t.put("source_type", "card");
        for (String f : List.of("description", "transfer_group")) {
            String v = p.str(f);
            if (v == null || v.isEmpty()) t.putNull(f);
            else t.put(f, v);
        }
        ObjectNode list = (ObjectNode) t.get("reversals");
        list.putArray("data");
        list.put("has_more", false);
        list.put("total_count", 0);
        list.put("url", "/v1/transfers/" + id + "/reversals");
        StripeApi.mergeMetadata(t, p);
        return new Rec(id, t, charge == null ? null : charge.lock);
    }

    /** Must hold the transfer's lock. */
    private ObjectNode publish(Rec rec, StripeApi.Ctx ctx) {
        transfers.put(rec.id, rec);
        api.save(TRANSFER, rec);
        api.emit("transfer.created", rec.json.deepCopy(), ctx);
        return rec.json.deepCopy();
    }

    ObjectNode retrieveTransfer(String id) {
        return transfer(id).snapshot();
    }

    /** description and metadata, as Stripe allows. */
    ObjectNode updateTransfer(String id, Form.Params p) {
        Rec rec = transfer(id);
        synchronized (rec.lock) {
            if (p.has("description")) {
                String v = p.str("description");
                if (v == null || v.isEmpty()) rec.json.putNull("description");
                else rec.json.put("description", v);
            }
            StripeApi.mergeMetadata(rec.json, p);
            api.save(TRANSFER, rec);
            return rec.json.deepCopy();
        }
    }

    /** Newest first; {@code transfer_group} and {@code destination} filter. */
    ObjectNode listTransfers(Form.Params p) {
        String group = p.str("transfer_group");
        String destination = p.str("destination");
        List<ObjectNode> all = new ArrayList<>();
        for (Rec rec : newestFirst(transfers)) {
            ObjectNode t = rec.snapshot();
            if (group != null && !group.isEmpty() && !group.equals(Json.text(t, "transfer_group"))) continue;
            if (destination != null && !destination.isEmpty() && !destination.equals(Json.text(t, "destination"))) continue;
            all.add(t);
        }
        return StripeApi.page(all, p, "/v1/transfers");
    }

    private Rec transfer(String id) {
        Rec rec = transfers.get(id);
        if (rec == null) throw ApiError.noSuch("transfer", id);
        return rec;
    }

    // ------------------------------------------------------------------ transfer reversals

    ObjectNode createReversal(String transferId, Form.Params p, StripeApi.Ctx ctx) {
        Rec transfer = transfer(transferId);
        Long requested = p.integer("amount");
        synchronized (transfer.lock) {
            ObjectNode t = transfer.json;
            long amount = t.get("amount").asLong();
            long reversed = t.get("amount_reversed").asLong();
            long remaining = amount - reversed;
            String currency = Json.text(t, "currency");
            if (remaining <= 0) {
                throw ApiError.invalid("amount_too_large", "amount", "Transfer " + transferId + " has already been fully reversed.");
            }
            long value = requested == null ? remaining : requested;
            if (value < 1) throw ApiError.invalid("parameter_invalid_integer", "amount", "This value must be greater than or equal to 1.");
            if (value > remaining) {
                throw ApiError.invalid("amount_too_large", "amount", "The reversal amount (" + StripeApi.money(value, currency)
                        + ") is greater than the amount not yet reversed on transfer " + transferId + " ("
                        + StripeApi.money(remaining, currency) + ").");
            }
            ObjectNode r = Json.template("transfer_reversal");
            String id = Ids.next("trr");
            r.put("id", id);
            r.put("created", StripeApi.now());
            r.put("amount", value);
            r.put("currency", currency);
            r.put("balance_transaction", Ids.next("txn"));
            r.put("destination_payment_refund", "pyr_" + Ids.random(24));
            r.putNull("source_refund");
            r.put("transfer", transferId);
            r.set("metadata", Json.object());
            StripeApi.mergeMetadata(r, p);
            Rec rec = new Rec(id, r, transfer.lock);
            reversals.put(id, rec);
            api.save(TRANSFER_REVERSAL, rec);

            t.put("amount_reversed", reversed + value);
            t.put("reversed", reversed + value == amount);
            ObjectNode list = (ObjectNode) t.get("reversals");
            ArrayNode data = (ArrayNode) list.get("data");
            data.insert(0, r.deepCopy());
            list.put("total_count", data.size());
            api.save(TRANSFER, transfer);
            api.emit("transfer.reversed", t.deepCopy(), ctx);
            return r.deepCopy();
        }
    }

    ObjectNode retrieveReversal(String transferId, String id) {
        transfer(transferId);
        Rec rec = reversals.get(id);
        if (rec == null || !transferId.equals(rec.text("transfer"))) throw ApiError.noSuch("transfer_reversal", id);
        return rec.snapshot();
    }

    ObjectNode listReversals(String transferId, Form.Params p) {
        Rec transfer = transfer(transferId);
        List<ObjectNode> all = new ArrayList<>();
        synchronized (transfer.lock) {
            for (JsonNode r : transfer.json.get("reversals").get("data")) all.add((ObjectNode) r.deepCopy());
        }
        return StripeApi.page(all, p, "/v1/transfers/" + transferId + "/reversals");
    }

    // ------------------------------------------------------------------ disputes

    /**
     * A chargeback on a succeeded charge ({@code amount} defaults to what was not refunded): {@code needs_response},
     * the charge {@code disputed}, {@code charge.dispute.created} sent. One dispute per charge, as at Stripe.
     */
    ObjectNode openDispute(String chargeId, String reason, Long requested) {
        Rec charge = api.charges.get(chargeId);
        if (charge == null) throw ApiError.noSuch("charge", chargeId);
        if (reason == null || reason.isEmpty()) reason = "general";
        if (!DISPUTE_REASONS.contains(reason)) {
            throw ApiError.invalid("parameter_invalid_string", "reason", "Invalid reason: must be one of " + String.join(", ",
                    DISPUTE_REASONS.stream().sorted().toList()));
        }
        synchronized (charge.lock) {
            ObjectNode ch = charge.json;
            if (!"succeeded".equals(Json.text(ch, "status"))) {
                throw ApiError.invalid(null, "charge", "Charge " + chargeId + " has not succeeded: it cannot be disputed.");
            }
            String existing = disputeByCharge.get(chargeId);
            if (existing != null) {
                throw ApiError.invalid("charge_disputed", "charge", "Charge " + chargeId + " already has a dispute (" + existing + ").");
            }
            long captured = ch.get("amount_captured").asLong();
            long amount = requested == null ? captured - ch.get("amount_refunded").asLong() : requested;
            if (amount < 1 || amount > captured) {
                throw ApiError.invalid("parameter_invalid_integer", "amount", "A dispute amount must be between 1 and the"
                        + " captured amount (" + captured + "), not " + amount + ".");
            }
            ObjectNode d = Json.template("dispute");
            String id = Ids.next("dp");
            long now = StripeApi.now();
            d.put("id", id);
            d.put("created", now);
            d.put("amount", amount);
            d.put("charge", chargeId);
            d.put("currency", Json.text(ch, "currency"));
            d.set("payment_intent", ch.get("payment_intent"));
            d.put("reason", reason);
            d.put("status", "needs_response");
            d.put("is_charge_refundable", false);
            d.put("livemode", false);
            d.set("metadata", Json.object());
            d.putArray("enhanced_eligibility_types");
            ObjectNode details = (ObjectNode) d.get("evidence_details");
            details.put("due_by", now + 7 * 24 * 3600);
            ObjectNode card = (ObjectNode) d.get("payment_method_details").get("card");
            String brand = Json.text(ch.get("payment_method_details").get("card"), "brand");
            card.put("brand", brand);
            card.put("network", brand);
            card.put("case_type", "chargeback");
            card.put("network_reason_code", switch (reason) {
                case "fraudulent" -> "10.4";
                case "duplicate" -> "12.6.1";
                case "credit_not_processed" -> "13.6";
                case "product_unacceptable" -> "13.3";
                case "subscription_canceled" -> "13.2";
                default -> "13.1";
            });
            Rec rec = new Rec(id, d, charge.lock);
            disputes.put(id, rec);
            disputeByCharge.put(chargeId, id);
            api.save(DISPUTE, rec);
            ch.put("disputed", true);
            api.save(StripeApi.CHARGE, charge);
            api.emit("charge.dispute.created", d.deepCopy(), StripeApi.Ctx.NONE);
            return d.deepCopy();
        }
    }

    /** Closes an open dispute {@code won} or {@code lost} and sends {@code charge.dispute.closed}. */
    ObjectNode closeDispute(String id, String status, StripeApi.Ctx ctx) {
        if (!"won".equals(status) && !"lost".equals(status)) {
            throw ApiError.invalid("parameter_invalid_string", "status", "status must be won or lost");
        }
        Rec rec = dispute(id);
        synchronized (rec.lock) {
            ObjectNode d = rec.json;
            String current = Json.text(d, "status");
            if (!OPEN_DISPUTE.contains(current)) {
                throw ApiError.invalid(null, null, "This dispute is already closed (status " + current + ").");
            }
            d.put("status", status);
            api.save(DISPUTE, rec);
            api.emit("charge.dispute.closed", d.deepCopy(), ctx);
            return d.deepCopy();
        }
    }

    ObjectNode retrieveDispute(String id) {
        return dispute(id).snapshot();
    }

    /** Newest first; {@code charge} and {@code payment_intent} filter. */
    ObjectNode listDisputes(Form.Params p) {
        String charge = p.str("charge");
        String intent = p.str("payment_intent");
        List<ObjectNode> all = new ArrayList<>();
        for (Rec rec : newestFirst(disputes)) {
            ObjectNode d = rec.snapshot();
            if (charge != null && !charge.isEmpty() && !charge.equals(Json.text(d, "charge"))) continue;
            if (intent != null && !intent.isEmpty() && !intent.equals(Json.text(d, "payment_intent"))) continue;
            all.add(d);
        }
        return StripeApi.page(all, p, "/v1/disputes");
    }

    private Rec dispute(String id) {
        Rec rec = disputes.get(id);
        if (rec == null) throw ApiError.noSuch("dispute", id);
        return rec;
    }

    // ------------------------------------------------------------------ persistence and lookups

    private static List<Rec> newestFirst(Map<String, Rec> map) {
        synchronized (map) {
            return new ArrayList<>(map.values()).reversed();
        }
    }

    private static List<Rec> oldestFirst(Map<String, Rec> map) {
        synchronized (map) {
            return new ArrayList<>(map.values());
        }
    }

    void snapshot(Consumer<byte[]> sink) {
        for (Rec rec : oldestFirst(accounts)) synchronized (rec.lock) { sink.accept(StripeApi.line(ACCOUNT, rec)); }
        for (Rec rec : oldestFirst(transfers)) synchronized (rec.lock) { sink.accept(StripeApi.line(TRANSFER, rec)); }
        for (Rec rec : reversals.values()) synchronized (rec.lock) { sink.accept(StripeApi.line(TRANSFER_REVERSAL, rec)); }
        for (Rec rec : oldestFirst(disputes)) synchronized (rec.lock) { sink.accept(StripeApi.line(DISPUTE, rec)); }
    }

    /** Builds the objects read from a state file, once the charges exist (transfers and disputes share their locks). */
    void finishRestore(Map<String, Map<String, ObjectNode>> restoring) {
        restoring.getOrDefault(ACCOUNT, Map.of()).forEach((id, line) -> {
            Rec rec = new Rec(id, (ObjectNode) line.get("o"), null);
            rec.returnUrl = Json.text(line, "return_url");
            accounts.put(id, rec);
        });
        restoring.getOrDefault(TRANSFER, Map.of()).forEach((id, line) -> {
            ObjectNode o = (ObjectNode) line.get("o");
            String source = Json.text(o, "source_transaction");
            Rec charge = source == null ? null : api.charges.get(source);
            Rec rec = new Rec(id, o, charge == null ? null : charge.lock);
            transfers.put(id, rec);
            if (charge != null) transfersBySource.computeIfAbsent(source, k -> new ArrayList<>()).add(rec);
        });
        restoring.getOrDefault(TRANSFER_REVERSAL, Map.of()).forEach((id, line) -> {
            ObjectNode o = (ObjectNode) line.get("o");
            Rec transfer = transfers.get(Json.text(o, "transfer"));
            reversals.put(id, new Rec(id, o, transfer == null ? null : transfer.lock));
        });
        restoring.getOrDefault(DISPUTE, Map.of()).forEach((id, line) -> {
            ObjectNode o = (ObjectNode) line.get("o");
            String chargeId = Json.text(o, "charge");
            Rec charge = chargeId == null ? null : api.charges.get(chargeId);
            disputes.put(id, new Rec(id, o, charge == null ? null : charge.lock));
            if (chargeId != null) disputeByCharge.put(chargeId, id);
        });
    }

    /** For {@code expand[]}: an account, transfer, reversal or dispute by id, or null. */
    ObjectNode lookup(String id) {
        Rec rec;
        if (id.startsWith("acct_")) rec = accounts.get(id);
        else if (id.startsWith("trr_")) rec = reversals.get(id);
        else if (id.startsWith("tr_")) rec = transfers.get(id);
        else if (id.startsWith("dp_")) rec = disputes.get(id);
        else rec = null;
        return rec == null ? null : rec.snapshot();
    }
}

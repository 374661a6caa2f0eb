package com.starrymeet.stripesim;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The simulated Stripe account: customers, payment methods, payment intents, charges, refunds and events (Connect
 * and disputes in {@link Connect}), with
 * Stripe's rules for each operation. Objects are built from Stripe's example objects, so they carry every field
 * stripe-java knows. Thread-safe: see {@link Rec} for the locking.
 */
final class StripeApi {

    /** The request an operation belongs to, for the events it emits ({@code request.id}, {@code idempotency_key}). */
    record Ctx(String requestId, String idempotencyKey) {
        static final Ctx NONE = new Ctx(null, null);
    }

    private static final Set<String> CANCELABLE = Set.of("requires_payment_method", "requires_capture",
            "requires_confirmation", "requires_action", "processing");
    private static final Set<String> CONFIRMABLE = Set.of("requires_payment_method", "requires_confirmation",
            "requires_action");
    private static final Set<String> CANCELLATION_REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer",
            "abandoned");
    private static final Set<String> REFUND_REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer");

    final Map<String, Rec> customers = new ConcurrentHashMap<>();
    final Map<String, Rec> paymentMethods = new ConcurrentHashMap<>();
    final Map<String, Rec> intents = new ConcurrentHashMap<>();
    final Map<String, Rec> charges = new ConcurrentHashMap<>();
    final Map<String, Rec> refunds = new ConcurrentHashMap<>();
    /**
     * The latest events sent, as the bytes delivered (smaller than a tree; the local fleet's benchmark makes many),
     * oldest first; beyond {@code maxEvents} the oldest is forgotten ({@code GET /v1/events/{id}} answers 404 for it,
     * as Stripe does for events older than 30 days).
     */
    final Map<String, byte[]> events;

    /** Connect (accounts, account links, transfers, reversals) and disputes. */
    final Connect connect;

    private final WebhookDispatcher webhooks;
    private final String apiVersion;
    private final Supplier<String> baseUrl;
    /** Where each change is journaled; null without a state file. */
    private volatile StateFile state;

    StripeApi(WebhookDispatcher webhooks, String apiVersion, Supplier<String> baseUrl) {
        this(webhooks, apiVersion, baseUrl, StripeSimulator.DEFAULT_MAX_EVENTS);
    }

    StripeApi(WebhookDispatcher webhooks, String apiVersion, Supplier<String> baseUrl, int maxEvents) {
        this.webhooks = webhooks;
        this.apiVersion = apiVersion;
        this.baseUrl = baseUrl;
        this.connect = new Connect(this, baseUrl);
        this.events = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > maxEvents;
            }
        });
    }

    void journalTo(StateFile state) {
        this.state = state;
    }

    // ------------------------------------------------------------------ persistence (see StateFile)

    static final String CUSTOMER = "customer";
    static final String CUSTOMER_DELETED = "customer.deleted";
    static final String PAYMENT_METHOD = "payment_method";
    static final String PAYMENT_INTENT = "payment_intent";
    static final String CHARGE = "charge";
    static final String REFUND = "refund";
    static final String EVENT = "event";

    /** Journals an object's new state; must hold its lock, so lines of one object follow its changes in order. */
    void save(String type, Rec rec) {
        StateFile s = state;
        if (s == null) return;
        if (type.equals(CUSTOMER) && customers.get(rec.id) != rec) return; // deleted meanwhile: stays deleted
        s.append(line(type, rec));
    }

    /** One object as a state line: its JSON and what the simulator keeps beside it. Must hold its lock. */
    static byte[] line(String type, Rec rec) {
        ObjectNode line = Json.object();
        line.put("t", type);
        line.set("o", rec.json);
        if (rec.card != null) line.put("card", rec.card.name());
        if (rec.returnUrl != null) line.put("return_url", rec.returnUrl);
        if (type.equals(CUSTOMER)) {
            ArrayNode attached = line.putArray("attached");
            rec.attached.forEach(attached::add);
        }
        return Json.bytes(line);
    }

    static byte[] eventLine(byte[] body) {
        byte[] head = "{\"t\":\"event\",\"o\":".getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(head, head.length + body.length + 1);
        System.arraycopy(body, 0, out, head.length, body.length);
        out[out.length - 1] = '}';
        return out;
    }

    /** Writes every live object, for a compaction. */
    void snapshot(Consumer<byte[]> sink) {
        for (Rec rec : customers.values()) synchronized (rec.lock) { sink.accept(line(CUSTOMER, rec)); }
        for (Rec rec : paymentMethods.values()) synchronized (rec.lock) { sink.accept(line(PAYMENT_METHOD, rec)); }
        for (Rec rec : intents.values()) synchronized (rec.lock) { sink.accept(line(PAYMENT_INTENT, rec)); }
        for (Rec rec : charges.values()) synchronized (rec.lock) { sink.accept(line(CHARGE, rec)); }
        for (Rec rec : refunds.values()) synchronized (rec.lock) { sink.accept(line(REFUND, rec)); }
        connect.snapshot(sink);
        List<byte[]> sent;
        synchronized (events) {
            sent = new ArrayList<>(events.values());
        }
        for (byte[] body : sent) sink.accept(eventLine(body));
    }

    /** Lines read back from a state file, kept until {@link #finishRestore()} builds the objects (last line wins). */
    private final Map<String, Map<String, ObjectNode>> restoring = new LinkedHashMap<>();

    /** Takes one line of a state file; false when it is not an object line (the caller handles the others). */
    boolean restore(ObjectNode line) {
        String type = Json.text(line, "t");
        if (type.equals(EVENT)) {
            ObjectNode o = (ObjectNode) line.get("o");
            events.put(requireId(o), Json.bytes(o));
            return true;
        }
        if (type.equals(CUSTOMER_DELETED)) {
            restoring.computeIfAbsent(CUSTOMER, k -> new LinkedHashMap<>()).remove(Json.text(line, "id"));
            return true;
        }
        if (!List.of(CUSTOMER, PAYMENT_METHOD, PAYMENT_INTENT, CHARGE, REFUND).contains(type)
                && !Connect.TYPES.contains(type)) {
            return false;
        }
        if (!(line.get("o") instanceof ObjectNode o)) throw new IllegalArgumentException("no object in a " + type + " line");
        restoring.computeIfAbsent(type, k -> new LinkedHashMap<>()).put(requireId(o), line);
        return true;
    }

    private static String requireId(ObjectNode o) {
        String id = Json.text(o, "id");
        if (id == null || id.isEmpty()) throw new IllegalArgumentException("an object without id");
        return id;
    }

    /** Builds the objects read by {@link #restore}: a charge or refund shares its intent's lock, as when created. */
    void finishRestore() {
        restoring.getOrDefault(CUSTOMER, Map.of()).forEach((id, line) -> {
            Rec rec = new Rec(id, (ObjectNode) line.get("o"), null);
            for (JsonNode pm : line.path("attached")) rec.attached.add(pm.asString());
            customers.put(id, rec);
        });
        restoring.getOrDefault(PAYMENT_METHOD, Map.of()).forEach((id, line) -> {
            Rec rec = new Rec(id, (ObjectNode) line.get("o"), null);
            String card = Json.text(line, "card");
            rec.card = card == null ? TestCard.VISA : TestCard.valueOf(card);
            paymentMethods.put(id, rec);
        });
        restoring.getOrDefault(PAYMENT_INTENT, Map.of()).forEach((id, line) -> {
            Rec rec = new Rec(id, (ObjectNode) line.get("o"), null);
            rec.returnUrl = Json.text(line, "return_url");
            intents.put(id, rec);
        });
        for (var kind : List.of(CHARGE, REFUND)) {
            restoring.getOrDefault(kind, Map.of()).forEach((id, line) -> {
                ObjectNode o = (ObjectNode) line.get("o");
                Rec intent = intents.get(Json.text(o, "payment_intent"));
                Rec rec = new Rec(id, o, intent == null ? null : intent.lock);
                (kind.equals(CHARGE) ? charges : refunds).put(id, rec);
            });
        }
        connect.finishRestore(restoring);
        restoring.clear();
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    // ------------------------------------------------------------------ customers

    ObjectNode createCustomer(Form.Params p, Ctx ctx) {
        ObjectNode c = Json.template("customer");
        String id = Ids.next("cus");
        c.put("id", id);
        c.put("created", now());
        c.putNull("address");
        c.putNull("currency");
        c.putNull("discount");
        c.putNull("shipping");
        c.put("invoice_prefix", Ids.random(8).toUpperCase(Locale.ROOT));
        c.set("metadata", Json.object());
        Rec rec = new Rec(id, c, null);
        synchronized (rec.lock) {
            applyCustomerFields(rec, p);
            customers.put(id, rec);
            try {
                String pm = p.str("payment_method");
                if (pm != null && !pm.isEmpty()) attach(resolvePaymentMethod(pm, "payment_method"), rec);
                String dpm = p.node("invoice_settings") == null ? null : Json.text(p.node("invoice_settings"), "default_payment_method");
                if (dpm != null) setDefaultMethod(rec, dpm);
                return rec.json.deepCopy();
            } finally {
                save(CUSTOMER, rec);
            }
        }
    }

    ObjectNode retrieveCustomer(String id) {
        return customer(id, false).snapshot();
    }

    ObjectNode updateCustomer(String id, Form.Params p) {
        Rec rec = customer(id, false);
        synchronized (rec.lock) {
            if (rec.json.path("deleted").asBoolean(false)) throw ApiError.noSuch("customer", id);
            try {
                applyCustomerFields(rec, p);
                JsonNode settings = p.node("invoice_settings");
                if (settings != null && settings.has("default_payment_method")) {
                    setDefaultMethod(rec, Json.text(settings, "default_payment_method"));
                }
                return rec.json.deepCopy();
            } finally {
                save(CUSTOMER, rec);
            }
        }
    }

    ObjectNode deleteCustomer(String id) {
        Rec rec = customer(id, false);
        customers.remove(id);
        ObjectNode out = Json.object();
        out.put("id", id);
        out.put("object", "customer");
        out.put("deleted", true);
        synchronized (rec.lock) {
            for (String pmId : List.copyOf(rec.attached)) {
                Rec pm = paymentMethods.get(pmId);
                if (pm != null) synchronized (pm.lock) {
                    pm.json.putNull("customer");
                    save(PAYMENT_METHOD, pm);
                }
            }
            rec.attached.clear();
            StateFile s = state;
            if (s != null) {
                ObjectNode line = Json.object();
                line.put("t", CUSTOMER_DELETED);
                line.put("id", id);
                s.append(Json.bytes(line));
            }
        }
        return out;
    }

    private void applyCustomerFields(Rec rec, Form.Params p) {
        for (String f : List.of("email", "name", "description", "phone")) {
            if (p.has(f)) {
                String v = p.str(f);
                if (v == null || v.isEmpty()) rec.json.putNull(f);
                else rec.json.put(f, v);
            }
        }
        mergeMetadata(rec.json, p);
    }

    private void setDefaultMethod(Rec customer, String pmId) {
        ObjectNode settings = (ObjectNode) customer.json.get("invoice_settings");
        if (pmId == null || pmId.isEmpty()) {
            settings.putNull("default_payment_method");
            return;
        }
        if (!customer.attached.contains(pmId)) {
            throw ApiError.invalid("resource_missing", "invoice_settings[default_payment_method]",
                    "No such PaymentMethod: '" + pmId + "'; the customer " + customer.id
                            + " does not have a payment method with that ID. It must be attached to the customer.");
        }
        settings.put("default_payment_method", pmId);
    }

    private Rec customer(String id, boolean asParam) {
        Rec rec = customers.get(id);
        if (rec == null) throw asParam ? ApiError.noSuchParam("customer", id, "customer") : ApiError.noSuch("customer", id);
        return rec;
    }

    // ------------------------------------------------------------------ payment methods

    /** A new {@code pm_…} carrying a test card, as Stripe creates one each time a test token is used. */
    private Rec newPaymentMethod(TestCard card) {
        ObjectNode pm = Json.template("payment_method");
        String id = Ids.next("pm");
        pm.put("id", id);
        pm.put("created", now());
        pm.putNull("customer");
        pm.set("metadata", Json.object());
        ObjectNode billing = (ObjectNode) pm.get("billing_details");
        billing.putNull("email");
        billing.putNull("phone");
        billing.putNull("name");
        ObjectNode address = (ObjectNode) billing.get("address");
        for (String f : List.of("city", "country", "line1", "line2", "postal_code", "state")) address.putNull(f);
        ObjectNode c = (ObjectNode) pm.get("card");
        c.put("brand", card.brand);
        c.put("display_brand", card.brand.equals("amex") ? "american_express" : card.brand);
        c.put("last4", card.last4);
        c.put("funding", card.funding);
        c.put("fingerprint", card.fingerprint());
        YearMonth exp = YearMonth.now().plusYears(3);
        c.put("exp_month", exp.getMonthValue());
        c.put("exp_year", exp.getYear());
        c.putNull("generated_from");
        c.putNull("wallet");
        ((ObjectNode) c.get("checks")).putNull("cvc_check");
        ArrayNode available = ((ObjectNode) c.get("networks")).putArray("available");
        available.add(card.brand);
        Rec rec = new Rec(id, pm, null);
        rec.card = card;
        synchronized (rec.lock) {
            paymentMethods.put(id, rec);
            save(PAYMENT_METHOD, rec);
        }
        return rec;
    }

    /** A payment method named by a parameter: a test token becomes a new pm, an existing pm is itself. */
    private Rec resolvePaymentMethod(String id, String param) {
        var token = TestCard.byToken(id);
        if (token.isPresent()) return newPaymentMethod(token.get());
        Rec rec = paymentMethods.get(id);
        if (rec == null) throw ApiError.noSuchParam("PaymentMethod", id, param);
        return rec;
    }

    ObjectNode retrievePaymentMethod(String id) {
        var token = TestCard.byToken(id);
        if (token.isPresent()) return newPaymentMethod(token.get()).snapshot();
        Rec rec = paymentMethods.get(id);
        if (rec == null) throw ApiError.noSuch("payment_method", id);
        return rec.snapshot();
    }

    ObjectNode attachPaymentMethod(String id, Form.Params p) {
        String customerId = p.str("customer");
        if (customerId == null || customerId.isEmpty()) throw ApiError.missing("customer");
        Rec pm;
        var token = TestCard.byToken(id);
        if (token.isPresent()) {
            pm = newPaymentMethod(token.get());
        } else {
            pm = paymentMethods.get(id);
            if (pm == null) throw ApiError.noSuch("payment_method", id);
        }
        Rec customer = customer(customerId, true);
        synchronized (customer.lock) {
            attach(pm, customer);
            return pm.snapshot();
        }
    }

    /** Must hold the customer's lock. */
    private void attach(Rec pm, Rec customer) {
        synchronized (pm.lock) {
            String owner = Json.text(pm.json, "customer");
            if (customer.id.equals(owner)) return;
            if (owner != null) {
                throw ApiError.invalid("payment_method_unexpected_state", "payment_method",
                        "The payment method you provided has already been attached to a customer.");
            }
            pm.json.put("customer", customer.id);
            customer.attached.add(pm.id);
            save(PAYMENT_METHOD, pm);
            save(CUSTOMER, customer);
        }
    }

    ObjectNode detachPaymentMethod(String id) {
        if (TestCard.byToken(id).isPresent()) {
            throw ApiError.invalid("payment_method_unexpected_state", null,
                    "The payment method you provided is not attached to a customer so detachment is impossible.");
        }
        Rec pm = paymentMethods.get(id);
        if (pm == null) throw ApiError.noSuch("payment_method", id);
        String owner = pm.text("customer");
        Rec customer = owner == null ? null : customers.get(owner);
        if (customer == null) {
            throw ApiError.invalid("payment_method_unexpected_state", null,
                    "The payment method you provided is not attached to a customer so detachment is impossible.");
        }
        synchronized (customer.lock) {
            synchronized (pm.lock) {
                if (!customer.id.equals(Json.text(pm.json, "customer"))) {
                    throw ApiError.invalid("payment_method_unexpected_state", null,
                            "The payment method you provided is not attached to a customer so detachment is impossible.");
                }
                pm.json.putNull("customer");
                customer.attached.remove(pm.id);
                ObjectNode settings = (ObjectNode) customer.json.get("invoice_settings");
                if (pm.id.equals(Json.text(settings, "default_payment_method"))) settings.putNull("default_payment_method");
                save(PAYMENT_METHOD, pm);
                save(CUSTOMER, customer);
                return pm.json.deepCopy();
            }
        }
    }

    /** {@code GET /v1/payment_methods?customer=…} and {@code GET /v1/customers/{id}/payment_methods}: newest first. */
    ObjectNode listPaymentMethods(String customerId, Form.Params p, String url) {
        if (customerId == null || customerId.isEmpty()) throw ApiError.missing("customer");
        Rec customer = customer(customerId, url.startsWith("/v1/payment_methods"));
        String type = p.str("type");
        List<ObjectNode> all = new ArrayList<>();
        synchronized (customer.lock) {
            for (String pmId : customer.attached.reversed()) {
                Rec pm = paymentMethods.get(pmId);
                if (pm == null) continue;
                ObjectNode json = pm.snapshot();
                if (type == null || type.isEmpty() || type.equals(Json.text(json, "type"))) all.add(json);
            }
        }
        return page(all, p, url);
    }

    static ObjectNode page(List<ObjectNode> all, Form.Params p, String url) {
        Long limitParam = p.integer("limit");
        int limit = limitParam == null ? 10 : (int) Math.max(1, Math.min(100, limitParam));
        int from = 0;
        String after = p.str("starting_after");
        String before = p.str("ending_before");
        int to = all.size();
        if (after != null && !after.isEmpty()) {
            for (int i = 0; i < all.size(); i++) if (after.equals(Json.text(all.get(i), "id"))) from = i + 1;
        } else if (before != null && !before.isEmpty()) {
            for (int i = 0; i < all.size(); i++) if (before.equals(Json.text(all.get(i), "id"))) to = i;
            from = Math.max(0, to - limit);
        }
        List<ObjectNode> slice = all.subList(Math.min(from, to), Math.min(to, from + limit));
        ObjectNode list = Json.object();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        slice.forEach(data::add);
        list.put("has_more", from + limit < to);
        list.put("url", url);
        return list;
    }

    // ------------------------------------------------------------------ payment intents

    ObjectNode createIntent(Form.Params p, Ctx ctx) {
        Long amount = p.integer("amount");
        if (amount == null) throw ApiError.missing("amount");
        if (amount < 1) throw ApiError.invalid("parameter_invalid_integer", "amount", "This value must be greater than or equal to 1.");
        String currency = p.str("currency");
        if (currency == null || currency.isEmpty()) throw ApiError.missing("currency");
        if (!currency.matches("[A-Za-z]{3}")) throw ApiError.invalid("parameter_invalid_string", "currency", "Invalid currency: " + currency);
        String captureMethod = p.str("capture_method");
        if (captureMethod != null && !captureMethod.equals("automatic") && !captureMethod.equals("automatic_async")) {
            throw ApiError.invalid("parameter_unknown", "capture_method",
                    "The simulator supports capture_method automatic and automatic_async only, not " + captureMethod + ".");
        }
        String customerId = p.str("customer");
        if (customerId != null && !customerId.isEmpty()) customer(customerId, true);

        ObjectNode pi = Json.template("payment_intent");
        String id = Ids.next("pi");
        pi.put("id", id);
        pi.put("client_secret", Ids.clientSecret(id));
        pi.put("created", now());
        pi.put("amount", amount);
        pi.put("currency", currency.toLowerCase(Locale.ROOT));
        pi.putNull("canceled_at");
        pi.putNull("last_payment_error");
        pi.putNull("next_action");
        pi.putNull("payment_method_configuration_details");
        pi.putNull("processing");
        pi.putNull("shipping");
        pi.putNull("transfer_data");
        pi.putNull("managed_payments");
        pi.put("capture_method", captureMethod == null ? "automatic_async" : captureMethod);
        pi.set("metadata", Json.object());
        pi.set("payment_method_options", Json.object());
        if (customerId != null && !customerId.isEmpty()) pi.put("customer", customerId);
        for (String f : List.of("description", "receipt_email", "statement_descriptor", "statement_descriptor_suffix",
                "setup_future_usage", "transfer_group")) {
            String v = p.str(f);
            if (v != null && !v.isEmpty()) pi.put(f, v);
        }
        List<String> types = p.list("payment_method_types");
        ArrayNode typeArray = pi.putArray("payment_method_types");
        if (types.isEmpty()) {
            typeArray.add("card");
            ObjectNode automatic = pi.putObject("automatic_payment_methods");
            automatic.put("enabled", true);
            JsonNode apm = p.node("automatic_payment_methods");
            String allow = apm == null ? null : Json.text(apm, "allow_redirects");
            if (allow != null) automatic.put("allow_redirects", allow);
        } else {
            types.forEach(typeArray::add);
            pi.putNull("automatic_payment_methods");
        }
        mergeMetadata(pi, p);
        Rec rec = new Rec(id, pi, null);
        synchronized (rec.lock) {
            String pmId = p.str("payment_method");
            if (pmId != null && !pmId.isEmpty()) {
                Rec pm = resolvePaymentMethod(pmId, "payment_method");
                checkOwnership(rec, pm);
                pi.put("payment_method", pm.id);
                pi.put("status", "requires_confirmation");
            } else {
                pi.put("status", "requires_payment_method");
            }
            String returnUrl = p.str("return_url");
            if (returnUrl != null && !returnUrl.isEmpty()) rec.returnUrl = returnUrl;
            intents.put(id, rec);
            save(PAYMENT_INTENT, rec);
            if (p.bool("confirm")) return confirmAndSave(rec, p, ctx);
            return pi.deepCopy();
        }
    }

    ObjectNode retrieveIntent(String id) {
        return intent(id).snapshot();
    }

    ObjectNode updateIntent(String id, Form.Params p) {
        Rec rec = intent(id);
        synchronized (rec.lock) {
            ObjectNode pi = rec.json;
            String status = Json.text(pi, "status");
            if (!CONFIRMABLE.contains(status)) {
                throw ApiError.unexpectedState("You cannot update this PaymentIntent because it has a status of " + status
                        + ". Updates are only allowed when the PaymentIntent has one of the following statuses: "
                        + "requires_payment_method, requires_confirmation, requires_action.");
            }
            try {
                return applyUpdate(rec, p);
            } finally {
                save(PAYMENT_INTENT, rec);
            }
        }
    }

    /** Must hold the intent's lock. */
    private ObjectNode applyUpdate(Rec rec, Form.Params p) {
        ObjectNode pi = rec.json;
        Long amount = p.integer("amount");
        if (amount != null) {
            if (amount < 1) throw ApiError.invalid("parameter_invalid_integer", "amount", "This value must be greater than or equal to 1.");
            pi.put("amount", amount);
        }
        for (String f : List.of("description", "receipt_email", "statement_descriptor", "statement_descriptor_suffix",
                "setup_future_usage", "currency")) {
            if (p.has(f)) {
                String v = p.str(f);
                if (v == null || v.isEmpty()) pi.putNull(f);
                else pi.put(f, f.equals("currency") ? v.toLowerCase(Locale.ROOT) : v);
            }
        }
        String customerId = p.str("customer");
        if (customerId != null && !customerId.isEmpty()) {
            customer(customerId, true);
            pi.put("customer", customerId);
        }
        String pmId = p.str("payment_method");
        if (pmId != null && !pmId.isEmpty()) {
            Rec pm = resolvePaymentMethod(pmId, "payment_method");
            checkOwnership(rec, pm);
            pi.put("payment_method", pm.id);
            pi.put("status", "requires_confirmation");
            pi.putNull("next_action");
        }
        mergeMetadata(pi, p);
        return pi.deepCopy();
    }

    ObjectNode confirmIntent(String id, Form.Params p, Ctx ctx) {
        Rec rec = intent(id);
        synchronized (rec.lock) {
            return confirmAndSave(rec, p, ctx);
        }
    }

    /** Must hold the intent's lock; the intent is journaled whatever the outcome (a decline changes it too). */
    private ObjectNode confirmAndSave(Rec rec, Form.Params p, Ctx ctx) {
        try {
            return confirmLocked(rec, p, ctx);
        } finally {
            save(PAYMENT_INTENT, rec);
        }
    }

    private ObjectNode confirmLocked(Rec rec, Form.Params p, Ctx ctx) {
        ObjectNode pi = rec.json;
        String status = Json.text(pi, "status");
        if (status.equals("succeeded")) {
            throw ApiError.unexpectedState("You cannot confirm this PaymentIntent because it has already succeeded"
                    + " after being previously confirmed.");
        }
        if (!CONFIRMABLE.contains(status)) {
            throw ApiError.unexpectedState("You cannot confirm this PaymentIntent because it has a status of " + status
                    + ".");
        }
        String returnUrl = p.str("return_url");
        if (returnUrl != null && !returnUrl.isEmpty()) rec.returnUrl = returnUrl;
        for (String f : List.of("receipt_email", "setup_future_usage")) {
            String v = p.str(f);
            if (v != null && !v.isEmpty()) pi.put(f, v);
        }
        String pmParam = p.str("payment_method");
        Rec pm;
        if (pmParam != null && !pmParam.isEmpty()) {
            pm = resolvePaymentMethod(pmParam, "payment_method");
        } else {
            String current = Json.text(pi, "payment_method");
            pm = current == null ? null : paymentMethods.get(current);
        }
        if (pm == null) {
            throw ApiError.unexpectedState("You cannot confirm this PaymentIntent because it's missing a payment method."
                    + " You can either update the PaymentIntent with a payment method and then confirm it again, or"
                    + " confirm it again directly with a payment method.");
        }
        checkOwnership(rec, pm);
        JsonNode automatic = pi.get("automatic_payment_methods");
        if (rec.returnUrl == null && automatic != null && automatic.path("enabled").asBoolean(false)
                && !"never".equals(Json.text(automatic, "allow_redirects"))) {
            // Stripe refuses this too: automatic payment methods may redirect, so it needs somewhere to come back to
            throw ApiError.invalid(null, "return_url", "A `return_url` must be specified because this Payment Intent is"
                    + " configured to automatically accept the payment methods enabled in the Dashboard, some of which"
                    + " may require a full page redirect to succeed. If you do not want to accept redirect-based payment"
                    + " methods, set `automatic_payment_methods[enabled]` to `true` and"
                    + " `automatic_payment_methods[allow_redirects]` to `never` when creating Payment Intents (or create"
                    + " them with payment_method_types[]=card).");
        }
        pi.put("payment_method", pm.id);
        pi.putNull("next_action");
        TestCard card = pm.card;
        boolean offSession = p.bool("off_session");
        return switch (card.outcome) {
            case SUCCEEDS -> succeed(rec, pm, false, ctx);
            case DECLINES -> decline(rec, pm, card.code, card.declineCode, card.message, ctx);
            case REQUIRES_ACTION -> offSession
                    ? decline(rec, pm, "authentication_required", "authentication_required",
                            "Your card was declined. This transaction requires authentication.", ctx)
                    : requireAction(rec, pm, ctx);
        };
    }

    /** Must hold the intent's lock. */
    private ObjectNode succeed(Rec rec, Rec pm, boolean threeDSecure, Ctx ctx) {
        ObjectNode pi = rec.json;
        Rec charge = newCharge(rec, pm, true, null, null, null, threeDSecure);
        pi.put("status", "succeeded");
        pi.put("amount_received", pi.get("amount").asLong());
        pi.put("latest_charge", charge.id);
        pi.putNull("last_payment_error");
        pi.putNull("next_action");
        emit("payment_intent.succeeded", pi.deepCopy(), ctx);
        emit("charge.succeeded", charge.json.deepCopy(), ctx);
        return pi.deepCopy();
    }

    /** Must hold the intent's lock. Stripe's 402: the intent goes back to requires_payment_method. */
    private ObjectNode decline(Rec rec, Rec pm, String code, String declineCode, String message, Ctx ctx) {
        ObjectNode pi = rec.json;
        Rec charge = newCharge(rec, pm, false, code, declineCode, message, false);
        ObjectNode error = Json.object();
        error.put("charge", charge.id);
        error.put("code", code);
        error.put("decline_code", declineCode);
        error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        error.put("message", message);
        error.set("payment_method", pm.snapshot());
        error.put("type", "card_error");
        pi.put("status", "requires_payment_method");
        pi.putNull("payment_method");
        pi.put("latest_charge", charge.id);
        pi.set("last_payment_error", error);
        pi.putNull("next_action");
        emit("payment_intent.payment_failed", pi.deepCopy(), ctx);
        ObjectNode body = error.deepCopy();
        body.set("payment_intent", pi.deepCopy());
        throw new ApiError(402, body);
    }

    /** Must hold the intent's lock. */
    private ObjectNode requireAction(Rec rec, Rec pm, Ctx ctx) {
        ObjectNode pi = rec.json;
        pi.put("status", "requires_action");
        ObjectNode next = Json.object();
        next.put("type", "redirect_to_url");
        ObjectNode redirect = next.putObject("redirect_to_url");
        redirect.put("url", baseUrl.get() + "/_sim/3ds/" + rec.id);
        if (rec.returnUrl == null) redirect.putNull("return_url");
        else redirect.put("return_url", rec.returnUrl);
        pi.set("next_action", next);
        pi.putNull("last_payment_error");
        emit("payment_intent.requires_action", pi.deepCopy(), ctx);
        return pi.deepCopy();
    }

    /** The customer finished (or failed) the 3-D Secure challenge at {@code /_sim/3ds/{id}}. */
    ObjectNode completeThreeDSecure(String id, boolean success) {
        Rec rec = intent(id);
        synchronized (rec.lock) {
            ObjectNode pi = rec.json;
            String status = Json.text(pi, "status");
            if (!status.equals("requires_action")) {
                throw ApiError.unexpectedState("This PaymentIntent has a status of " + status
                        + "; there is no 3-D Secure authentication to complete.");
            }
            Rec pm = paymentMethods.get(Json.text(pi, "payment_method"));
            try {
                return completeLocked(rec, pm, success);
            } finally {
                save(PAYMENT_INTENT, rec);
            }
        }
    }

    /** Must hold the intent's lock. */
    private ObjectNode completeLocked(Rec rec, Rec pm, boolean success) {
        ObjectNode pi = rec.json;
        if (success) return succeed(rec, pm, true, Ctx.NONE);
        ObjectNode error = Json.object();
        error.put("code", "payment_intent_authentication_failure");
        error.put("doc_url", "https://stripe.com/docs/error-codes/payment-intent-authentication-failure");
        error.put("message", "The provided PaymentMethod has failed authentication. You can provide payment_method_data"
                + " or a new PaymentMethod to attempt to fulfill this PaymentIntent again.");
        error.set("payment_method", pm.snapshot());
        error.put("type", "invalid_request_error");
        pi.put("status", "requires_payment_method");
        pi.putNull("payment_method");
        pi.putNull("next_action");
        pi.set("last_payment_error", error);
        emit("payment_intent.payment_failed", pi.deepCopy(), Ctx.NONE);
        return pi.deepCopy();
    }

    String returnUrl(String intentId) {
        Rec rec = intent(intentId);
        synchronized (rec.lock) {
            return rec.returnUrl;
        }
    }

    ObjectNode cancelIntent(String id, Form.Params p, Ctx ctx) {
        Rec rec = intent(id);
        synchronized (rec.lock) {
            ObjectNode pi = rec.json;
            String status = Json.text(pi, "status");
            if (!CANCELABLE.contains(status)) {
                throw ApiError.unexpectedState("You cannot cancel this PaymentIntent because it has a status of " + status
                        + ". Only a PaymentIntent with one of the following statuses may be canceled: "
                        + "requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.");
            }
            String reason = p.str("cancellation_reason");
            if (reason != null && !reason.isEmpty() && !CANCELLATION_REASONS.contains(reason)) {
                throw ApiError.invalid("parameter_invalid_string", "cancellation_reason",
                        "Invalid cancellation_reason: must be one of duplicate, fraudulent, requested_by_customer, abandoned");
            }
            pi.put("status", "canceled");
            pi.put("canceled_at", now());
            if (reason == null || reason.isEmpty()) pi.putNull("cancellation_reason");
            else pi.put("cancellation_reason", reason);
            pi.putNull("next_action");
            save(PAYMENT_INTENT, rec);
            emit("payment_intent.canceled", pi.deepCopy(), ctx);
            return pi.deepCopy();
        }
    }

    private void checkOwnership(Rec intent, Rec pm) {
        String owner = pm.text("customer");
        String customer = Json.text(intent.json, "customer");
        if (owner != null && !owner.equals(customer)) {
            throw ApiError.invalid("payment_method_unexpected_state", "payment_method",
                    "The provided PaymentMethod " + pm.id + " is attached to customer " + owner
                            + "; a PaymentIntent can only use it when created for that customer.");
        }
    }

    private Rec intent(String id) {
        Rec rec = intents.get(id);
        if (rec == null) throw ApiError.noSuch("payment_intent", id);
        return rec;
    }

    // ------------------------------------------------------------------ charges

    /** Must hold the intent's lock; the charge shares it. */
    private Rec newCharge(Rec intent, Rec pm, boolean paid, String code, String declineCode, String message,
                          boolean threeDSecure) {
        ObjectNode pi = intent.json;
        ObjectNode pmJson = pm.snapshot();
        ObjectNode ch = Json.template("charge");
        String id = Ids.next("ch");
        long amount = pi.get("amount").asLong();
        ch.put("id", id);
        ch.put("created", now());
        ch.put("amount", amount);
        ch.put("amount_captured", paid ? amount : 0);
        ch.put("amount_refunded", 0);
        ch.put("captured", paid);
        ch.put("paid", paid);
        ch.put("refunded", false);
        ch.put("status", paid ? "succeeded" : "failed");
        ch.put("currency", Json.text(pi, "currency"));
        ch.set("customer", pi.get("customer"));
        ch.set("description", pi.get("description"));
        ch.set("receipt_email", pi.get("receipt_email"));
        ch.set("metadata", pi.get("metadata").deepCopy());
        ch.put("payment_intent", intent.id);
        ch.put("payment_method", pm.id);
        ch.set("billing_details", pmJson.get("billing_details"));
        if (paid) ch.put("balance_transaction", Ids.next("txn"));
        else ch.putNull("balance_transaction");
        ch.put("calculated_statement_descriptor", "STARRYMEET");
        if (paid) {
            ch.putNull("failure_code");
            ch.putNull("failure_message");
        } else {
            ch.put("failure_code", code);
            ch.put("failure_message", message);
        }
        ObjectNode outcome = (ObjectNode) ch.get("outcome");
        outcome.put("network_status", paid ? "approved_by_network" : "declined_by_network");
        if (paid) outcome.putNull("reason");
        else outcome.put("reason", declineCode);
        outcome.put("risk_level", "normal");
        outcome.put("seller_message", paid ? "Payment complete." : "The bank did not return any further details with this decline.");
        outcome.put("type", paid ? "authorized" : "issuer_declined");
        ObjectNode card = (ObjectNode) ((ObjectNode) ch.get("payment_method_details")).get("card");
        JsonNode pmCard = pmJson.get("card");
        for (String f : List.of("brand", "last4", "funding", "fingerprint", "exp_month", "exp_year", "country")) {
            card.set(f, pmCard.get(f));
        }
        card.put("network", Json.text(pmCard, "brand"));
        card.put("amount_authorized", paid ? amount : 0);
        card.putNull("wallet");
        card.putNull("installments");
        ((ObjectNode) card.get("overcapture")).put("maximum_amount_capturable", amount);
        ObjectNode tds = (ObjectNode) card.get("three_d_secure");
        if (threeDSecure) {
            tds.put("authentication_flow", "challenge");
            tds.put("result", "authenticated");
            tds.put("version", "2.2.0");
        } else {
            card.putNull("three_d_secure");
        }
        ch.put("receipt_url", baseUrl.get() + "/_sim/receipts/" + id);
        ObjectNode refundList = (ObjectNode) ch.get("refunds");
        refundList.putArray("data");
        refundList.put("url", "/v1/charges/" + id + "/refunds");
        ch.putNull("source");
        ch.putNull("transfer_data");
        ch.set("fraud_details", Json.object());
        ch.putNull("shipping");
        Rec rec = new Rec(id, ch, intent.lock);
        charges.put(id, rec);
        save(CHARGE, rec);
        return rec;
    }

    ObjectNode retrieveCharge(String id) {
        Rec rec = charges.get(id);
        if (rec == null) throw ApiError.noSuch("charge", id);
        return rec.snapshot();
    }

    // ------------------------------------------------------------------ refunds

    ObjectNode createRefund(Form.Params p, Ctx ctx) {
        String piId = p.str("payment_intent");
        String chId = p.str("charge");
        Rec intent;
        if (piId != null && !piId.isEmpty()) {
            intent = intents.get(piId);
            if (intent == null) throw ApiError.noSuchParam("payment_intent", piId, "payment_intent");
        } else if (chId != null && !chId.isEmpty()) {
            Rec ch = charges.get(chId);
            if (ch == null) throw ApiError.noSuchParam("charge", chId, "charge");
            intent = intents.get(ch.text("payment_intent"));
        } else {
            throw ApiError.invalid("parameter_missing", "payment_intent",
                    "One of the following params should be provided for this request: payment_intent or charge.");
        }
        Long requested = p.integer("amount");
        String reason = p.str("reason");
        if (reason != null && !reason.isEmpty() && !REFUND_REASONS.contains(reason)) {
            throw ApiError.invalid("parameter_invalid_string", "reason",
                    "Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer");
        }
        synchronized (intent.lock) {
            ObjectNode pi = intent.json;
            Rec charge;
            if (chId != null && !chId.isEmpty()) {
                charge = charges.get(chId);
            } else {
                String latest = Json.text(pi, "latest_charge");
                charge = latest == null ? null : charges.get(latest);
            }
            if (charge == null || !"succeeded".equals(Json.text(charge.json, "status"))) {
                throw ApiError.invalid("charge_not_refundable", piId == null ? "charge" : "payment_intent",
                        "This PaymentIntent (" + intent.id + ") does not have a successful charge to refund.");
            }
            ObjectNode ch = charge.json;
            long captured = ch.get("amount_captured").asLong();
            long refunded = ch.get("amount_refunded").asLong();
            long remaining = captured - refunded;
            String currency = Json.text(ch, "currency");
            if (remaining <= 0) {
                throw ApiError.invalid("charge_already_refunded", null, "Charge " + charge.id + " has already been refunded.");
            }
            long amount = requested == null ? remaining : requested;
            if (amount < 1) {
                throw ApiError.invalid("parameter_invalid_integer", "amount", "This value must be greater than or equal to 1.");
            }
            if (amount > remaining) {
                throw ApiError.invalid("amount_too_large", "amount", "Refund amount (" + money(amount, currency)
                        + ") is greater than unrefunded amount on charge (" + money(remaining, currency) + ")");
            }
            ObjectNode re = Json.template("refund");
            String id = Ids.next("re");
            re.put("id", id);
            re.put("created", now());
            re.put("amount", amount);
            re.put("charge", charge.id);
            re.put("currency", currency);
            re.put("payment_intent", intent.id);
            re.put("balance_transaction", Ids.next("txn"));
            if (reason == null || reason.isEmpty()) re.putNull("reason");
            else re.put("reason", reason);
            re.put("status", "succeeded");
            re.set("metadata", Json.object());
            re.putNull("payment_method");
            mergeMetadata(re, p);
            Rec refund = new Rec(id, re, intent.lock);
            refunds.put(id, refund);
            save(REFUND, refund);

            ch.put("amount_refunded", refunded + amount);
            ch.put("refunded", refunded + amount == captured);
            ObjectNode list = (ObjectNode) ch.get("refunds");
            ArrayNode data = (ArrayNode) list.get("data");
            data.insert(0, re.deepCopy());
            list.put("total_count", data.size());
            save(CHARGE, charge);

            emit("charge.refunded", ch.deepCopy(), ctx);
            emit("refund.created", re.deepCopy(), ctx);
            return re.deepCopy();
        }
    }

    ObjectNode retrieveRefund(String id) {
        Rec rec = refunds.get(id);
        if (rec == null) throw ApiError.noSuch("refund", id);
        return rec.snapshot();
    }

    static String money(long cents, String currency) {
        String symbol = "usd".equals(currency) ? "$" : "";
        String suffix = "usd".equals(currency) ? "" : " " + currency.toUpperCase(Locale.ROOT);
        return symbol + (cents / 100) + "." + String.format("%02d", cents % 100) + suffix;
    }

    // ------------------------------------------------------------------ events

    ObjectNode retrieveEvent(String id) {
        byte[] e = events.get(id);
        if (e == null) throw ApiError.noSuch("event", id);
        return (ObjectNode) Json.parse(e);
    }

    /** Records an event with the object's state now and hands it to webhook delivery. */
    void emit(String type, ObjectNode object, Ctx ctx) {
        emit(type, object, ctx, null);
    }

    /**
     * As {@link #emit(String, ObjectNode, Ctx)}; {@code account} is the connected account the event is about (Stripe's
     * {@code event.account} on Connect events such as {@code account.updated}), or null for the platform's own.
     */
    void emit(String type, ObjectNode object, Ctx ctx, String account) {
        ObjectNode e = Json.template("event");
        String id = Ids.next("evt");
        e.put("id", id);
        e.put("api_version", apiVersion);
        e.put("created", now());
        ObjectNode data = Json.object();
        data.set("object", object);
        e.set("data", data);
        e.put("livemode", false);
        e.put("pending_webhooks", webhooks.endpointCount());
        ObjectNode request = (ObjectNode) e.get("request");
        if (ctx.requestId() == null) request.putNull("id");
        else request.put("id", ctx.requestId());
        if (ctx.idempotencyKey() == null) request.putNull("idempotency_key");
        else request.put("idempotency_key", ctx.idempotencyKey());
        e.put("type", type);
        if (account != null) e.put("account", account);
        byte[] body = Json.bytes(e);
        events.put(id, body);
        StateFile s = state;
        if (s != null) s.append(eventLine(body));
        webhooks.submit(new WebhookDispatcher.Event(id, type, body));
    }

    // ------------------------------------------------------------------ expansion

    /**
     * {@code expand[]}: each named field holding an id is replaced by that object ({@code latest_charge},
     * {@code customer}, {@code payment_method}, {@code payment_intent}, {@code charge}); {@code data.X} expands inside a
     * list. Unknown paths are ignored.
     */
    ObjectNode expand(ObjectNode body, List<String> paths) {
        for (String path : paths) {
            if (path.startsWith("data.") && body.get("data") instanceof ArrayNode data) {
                for (JsonNode item : data) if (item instanceof ObjectNode o) expandField(o, path.substring(5));
            } else {
                expandField(body, path);
            }
        }
        return body;
    }

    private void expandField(ObjectNode obj, String path) {
        int dot = path.indexOf('.');
        String field = dot < 0 ? path : path.substring(0, dot);
        JsonNode v = obj.get(field);
        if (v == null) return;
        if (v.isString()) {
            ObjectNode found = lookup(v.asString());
            if (found == null) return;
            obj.set(field, found);
            v = found;
        }
        if (dot >= 0 && v instanceof ObjectNode child) expandField(child, path.substring(dot + 1));
    }

    private ObjectNode lookup(String id) {
        Rec rec;
        if (id.startsWith("ch_")) rec = charges.get(id);
        else if (id.startsWith("pi_")) rec = intents.get(id);
        else if (id.startsWith("cus_")) rec = customers.get(id);
        else if (id.startsWith("pm_")) rec = paymentMethods.get(id);
        else if (id.startsWith("re_")) rec = refunds.get(id);
        else return connect.lookup(id);
        return rec == null ? null : rec.snapshot();
    }

    // ------------------------------------------------------------------ helpers

    /** Stripe's metadata rules: {@code metadata[k]=v} sets, {@code metadata[k]=} removes, {@code metadata=} clears. */
    static void mergeMetadata(ObjectNode target, Form.Params p) {
        JsonNode m = p.node("metadata");
        if (m == null) return;
        ObjectNode md = target.get("metadata") instanceof ObjectNode o ? o : target.putObject("metadata");
        if (!m.isObject()) {
            if (m.asString().isEmpty()) md.removeAll();
            return;
        }
        for (Map.Entry<String, JsonNode> e : m.properties()) {
            String v = e.getValue().asString();
            if (v.isEmpty()) md.remove(e.getKey());
            else md.put(e.getKey(), v);
        }
    }
}

package com.starrymeet.stripesim;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP side: Stripe's {@code /v1/…} API as stripe-java calls it (bearer secret key, form-encoded bodies,
 * {@code Idempotency-Key}, {@code expand[]}), and the simulator's own {@code /_sim/…} controls and 3-D Secure page.
 */
final class HttpFront implements HttpHandler {

    /** What a handler answers before it is written out. */
    private record Answer(int status, byte[] body, String contentType, Map<String, String> headers) {
        static Answer json(int status, JsonNode node) {
            return new Answer(status, Json.bytes(node), "application/json", Map.of());
        }
    }

    private final StripeApi api;
    private final WebhookDispatcher webhooks;
    private final IdempotencyStore idempotency;
    private final String secretKey;
    private final String apiVersion;
    private final Queue<Integer> failNext = new ConcurrentLinkedQueue<>();

    HttpFront(StripeApi api, WebhookDispatcher webhooks, String secretKey, String apiVersion) {
        this(api, webhooks, new IdempotencyStore(), secretKey, apiVersion);
    }

    HttpFront(StripeApi api, WebhookDispatcher webhooks, IdempotencyStore idempotency, String secretKey,
              String apiVersion) {
        this.api = api;
        this.idempotency = idempotency;
        this.webhooks = webhooks;
        this.secretKey = secretKey;
        this.apiVersion = apiVersion;
    }

    void failNextApiCall(int status) {
        if (status < 400 || status > 599) throw new IllegalArgumentException("status must be 4xx or 5xx: " + status);
        failNext.add(status);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = Ids.requestId();
        Answer answer;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/v1/")) answer = stripe(exchange, path, body, requestId);
            else if (path.startsWith("/_sim/")) answer = control(exchange, path, body);
            else answer = error(ApiError.of(404, "invalid_request_error", null, null, unrecognized(exchange)));
        } catch (ApiError e) {
            answer = error(e);
        } catch (RuntimeException e) {
            System.err.println("stripe-simulator: unexpected error on " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI() + ": " + e);
            e.printStackTrace();
            answer = error(ApiError.of(500, "api_error", null, null, "An unexpected error occurred in the simulator: " + e));
        }
        Headers h = exchange.getResponseHeaders();
        h.set("Content-Type", answer.contentType() + "; charset=utf-8");
        h.set("Request-Id", requestId);
        h.set("Stripe-Version", headerOr(exchange, "Stripe-Version", apiVersion));
        answer.headers().forEach(h::set);
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    // ------------------------------------------------------------------ /v1

    private Answer stripe(HttpExchange exchange, String path, byte[] body, String requestId) {
        String method = exchange.getRequestMethod();
        authenticate(exchange);
        Integer fail = failNext.poll();
        if (fail != null) {
            return error(ApiError.of(fail, "api_error", null, null,
                    "An unknown error occurred (HTTP " + fail + " injected by the Stripe simulator's failNextApiCall)."));
        }
        Form.Params params = Form.parse(exchange.getRequestURI().getRawQuery());
        if (body.length > 0) params = Form.merge(params, Form.parse(new String(body, StandardCharsets.UTF_8)));
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (!method.equals("POST") || key == null || key.isEmpty()) {
            return route(exchange, method, path, params, new StripeApi.Ctx(requestId, null));
        }
        if (key.length() > 255) {
            throw ApiError.invalid(null, null, "Idempotency keys can be at most 255 characters long.");
        }
        String fingerprint = method + " " + path + "?" + params.canonical();
        while (true) {
            IdempotencyStore.Entry entry = idempotency.entry(secretKey, key, fingerprint);
            synchronized (entry) {
                if (entry.abandoned) continue;
                if (!entry.fingerprint.equals(fingerprint)) {
                    return error(ApiError.of(400, "idempotency_error", null, null,
                            "Keys for idempotent requests can only be used with the same parameters they were first used"
                                    + " with. Try using a key other than '" + key + "' if you meant to execute a"
                                    + " different request."));
                }
                if (entry.saved != null) {
                    return new Answer(entry.saved.status(), entry.saved.body(), "application/json",
                            Map.of("Idempotent-Replayed", "true", "Original-Request", entry.saved.requestId(),
                                    "Idempotency-Key", key));
                }
                Answer answer;
                try {
                    answer = route(exchange, method, path, params, new StripeApi.Ctx(requestId, key));
                } catch (ApiError e) {
                    answer = error(e);
                } catch (RuntimeException e) {
                    idempotency.abandon(secretKey, key, entry);
                    throw e;
                }
                idempotency.save(secretKey, key, entry, new IdempotencyStore.Saved(answer.status(), answer.body(), requestId));
                return new Answer(answer.status(), answer.body(), answer.contentType(),
                        Map.of("Original-Request", requestId, "Idempotency-Key", key));
            }
        }
    }

    private void authenticate(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || auth.isBlank()) {
            throw ApiError.of(401, "invalid_request_error", null, null,
                    "You did not provide an API key. You need to provide your API key in the Authorization header,"
                            + " using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
        }
        String given = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        if (given == null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(java.util.Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                given = decoded.endsWith(":") ? decoded.substring(0, decoded.length() - 1) : decoded;
            } catch (IllegalArgumentException e) {
                given = "";
            }
        }
        if (given == null || !java.security.MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                secretKey.getBytes(StandardCharsets.UTF_8))) {
            String shown = given == null || given.length() < 4 ? "" : given.substring(0, Math.min(8, given.length() - 4))
                    + "*".repeat(Math.max(0, given.length() - 12)) + given.substring(given.length() - 4);
            throw ApiError.of(401, "invalid_request_error", null, null, "Invalid API Key provided: " + shown);
        }
    }

    private Answer route(HttpExchange exchange, String method, String path, Form.Params p, StripeApi.Ctx ctx) {
        String[] s = segments(path.substring("/v1/".length()));
        List<String> expand = p.list("expand");
        ObjectNode out = switch (s[0]) {
            case "customers" -> {
                if (s.length == 1 && method.equals("POST")) yield api.createCustomer(p, ctx);
                if (s.length == 2 && method.equals("GET")) yield api.retrieveCustomer(s[1]);
                if (s.length == 2 && method.equals("POST")) yield api.updateCustomer(s[1], p);
                if (s.length == 2 && method.equals("DELETE")) yield api.deleteCustomer(s[1]);
                if (s.length == 3 && s[2].equals("payment_methods") && method.equals("GET")) {
                    yield api.listPaymentMethods(s[1], p, "/v1/customers/" + s[1] + "/payment_methods");
                }
                yield null;
            }
            case "payment_methods" -> {
                if (s.length == 1 && method.equals("GET")) yield api.listPaymentMethods(p.str("customer"), p, "/v1/payment_methods");
                if (s.length == 2 && method.equals("GET")) yield api.retrievePaymentMethod(s[1]);
                if (s.length == 3 && s[2].equals("attach") && method.equals("POST")) yield api.attachPaymentMethod(s[1], p);
                if (s.length == 3 && s[2].equals("detach") && method.equals("POST")) yield api.detachPaymentMethod(s[1]);
                yield null;
            }
            case "payment_intents" -> {
                if (s.length == 1 && method.equals("POST")) yield api.createIntent(p, ctx);
                if (s.length == 2 && method.equals("GET")) yield api.retrieveIntent(s[1]);
                if (s.length == 2 && method.equals("POST")) yield api.updateIntent(s[1], p);
                if (s.length == 3 && s[2].equals("confirm") && method.equals("POST")) yield api.confirmIntent(s[1], p, ctx);
                if (s.length == 3 && s[2].equals("cancel") && method.equals("POST")) yield api.cancelIntent(s[1], p, ctx);
                yield null;
            }
            case "charges" -> s.length == 2 && method.equals("GET") ? api.retrieveCharge(s[1]) : null;
            case "refunds" -> {
                if (s.length == 1 && method.equals("POST")) yield api.createRefund(p, ctx);
                if (s.length == 2 && method.equals("GET")) yield api.retrieveRefund(s[1]);
                yield null;
            }
            case "events" -> s.length == 2 && method.equals("GET") ? api.retrieveEvent(s[1]) : null;
            case "accounts" -> {
                if (s.length == 1 && method.equals("POST")) yield api.connect.createAccount(p);
                if (s.length == 1 && method.equals("GET")) yield api.connect.listAccounts(p);
                if (s.length == 2 && method.equals("GET")) yield api.connect.retrieveAccount(s[1]);
                if (s.length == 2 && method.equals("POST")) yield api.connect.updateAccount(s[1], p, ctx);
                yield null;
            }
            case "account_links" -> s.length == 1 && method.equals("POST") ? api.connect.createAccountLink(p) : null;
            case "transfers" -> {
                if (s.length == 1 && method.equals("POST")) yield api.connect.createTransfer(p, ctx);
                if (s.length == 1 && method.equals("GET")) yield api.connect.listTransfers(p);
                if (s.length == 2 && method.equals("GET")) yield api.connect.retrieveTransfer(s[1]);
                if (s.length == 2 && method.equals("POST")) yield api.connect.updateTransfer(s[1], p);
                if (s.length == 3 && s[2].equals("reversals") && method.equals("POST")) {
                    yield api.connect.createReversal(s[1], p, ctx);
                }
                if (s.length == 3 && s[2].equals("reversals") && method.equals("GET")) yield api.connect.listReversals(s[1], p);
                if (s.length == 4 && s[2].equals("reversals") && method.equals("GET")) {
                    yield api.connect.retrieveReversal(s[1], s[3]);
                }
                yield null;
            }
            case "disputes" -> {
                if (s.length == 1 && method.equals("GET")) yield api.connect.listDisputes(p);
                if (s.length == 2 && method.equals("GET")) yield api.connect.retrieveDispute(s[1]);
                if (s.length == 3 && s[2].equals("close") && method.equals("POST")) {
                    yield api.connect.closeDispute(s[1], "lost", ctx);
                }
                yield null;
            }
            default -> null;
        };
        if (out == null) throw ApiError.of(404, "invalid_request_error", null, null, unrecognized(exchange));
        return Answer.json(200, api.expand(out, expand));
    }

    private static String[] segments(String rest) {
        return Arrays.stream(rest.split("/")).filter(x -> !x.isEmpty())
                .map(x -> URLDecoder.decode(x, StandardCharsets.UTF_8)).toArray(String[]::new);
    }

    private static String unrecognized(HttpExchange exchange) {
        return "Unrecognized request URL (" + exchange.getRequestMethod() + ": " + exchange.getRequestURI().getPath()
                + "). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.";
    }

    private static Answer error(ApiError e) {
        return Answer.json(e.status, e.body());
    }

    private static String headerOr(HttpExchange exchange, String name, String fallback) {
        String v = exchange.getRequestHeaders().getFirst(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    // ------------------------------------------------------------------ /_sim

    private Answer control(HttpExchange exchange, String path, byte[] body) {
        String method = exchange.getRequestMethod();
        String[] s = segments(path.substring("/_sim/".length()));
        Form.Params p = controlParams(exchange, body);
        if (s.length == 0) throw ApiError.of(404, "invalid_request_error", null, null, unrecognized(exchange));
        switch (s[0]) {
            case "health":
                return ok();
            case "deliveries":
                if (!method.equals("GET")) break;
                ArrayNode list = Json.MAPPER.createArrayNode();
                for (Delivery d : webhooks.deliveries()) {
                    ObjectNode o = list.addObject();
                    o.put("eventId", d.eventId());
                    o.put("eventType", d.eventType());
                    o.put("endpoint", d.endpoint().toString());
                    o.put("copy", d.copy());
                    o.put("attempt", d.attempt());
                    o.put("statusCode", d.statusCode());
                    o.put("succeeded", d.succeeded());
                    o.put("detail", d.detail());
                    o.put("attemptedAt", d.attemptedAt().toString());
                }
                return Answer.json(200, list);
            case "fail-next":
                if (!method.equals("POST")) break;
                Long status = p.integer("status");
                Long count = p.integer("count");
                try {
                    for (long i = 0; i < (count == null ? 1 : count); i++) failNextApiCall(status == null ? 500 : status.intValue());
                } catch (IllegalArgumentException e) {
                    throw ApiError.invalid(null, "status", e.getMessage());
                }
                return ok();
            case "3ds":
                if (s.length != 2) break;
                if (method.equals("GET")) return threeDSecurePage(s[1]);
                if (method.equals("POST")) return threeDSecure(s[1], p);
                break;
            case "receipts":
                if (s.length == 2 && method.equals("GET")) {
                    ObjectNode charge = api.retrieveCharge(s[1]);
                    return new Answer(200, ("<!doctype html><title>Receipt</title><h1>Receipt " + esc(s[1]) + "</h1><p>"
                            + charge.get("amount").asLong() + " " + esc(Json.text(charge, "currency")) + " (cents), refunded "
                            + charge.get("amount_refunded").asLong() + "</p>").getBytes(StandardCharsets.UTF_8),
                            "text/html", Map.of());
                }
                break;
            case "webhooks":
                if (s.length == 2) return webhookControl(method, s[1], p);
                break;
            case "connect":
                if (s.length == 3 && s[2].equals("onboard")) {
                    if (method.equals("GET")) return onboardingPage(s[1]);
                    if (method.equals("POST")) return onboard(s[1], p);
                }
                break;
            case "charges":
                if (s.length == 3 && s[2].equals("dispute") && method.equals("POST")) {
                    return Answer.json(200, api.connect.openDispute(s[1], p.str("reason"), p.integer("amount")));
                }
                break;
            case "disputes":
                if (s.length == 3 && s[2].equals("close") && method.equals("POST")) {
                    String outcome = p.str("status");
                    if (outcome == null || outcome.isEmpty()) throw ApiError.missing("status");
                    return Answer.json(200, api.connect.closeDispute(s[1], outcome, StripeApi.Ctx.NONE));
                }
                break;
            default:
                break;
        }
        throw ApiError.of(404, "invalid_request_error", null, null, unrecognized(exchange));
    }

    private Answer webhookControl(String method, String what, Form.Params p) {
        if (what.equals("endpoints") && method.equals("GET")) {
            ArrayNode list = Json.MAPPER.createArrayNode();
            webhooks.endpoints().forEach(u -> list.add(u.toString()));
            return Answer.json(200, list);
        }
        if (!method.equals("POST")) throw ApiError.of(405, "invalid_request_error", null, null, "Use POST.");
        String type = p.str("type");
        if (type != null && type.isEmpty()) type = null;
        try {
            switch (what) {
                case "duplicate" -> {
                    Long times = p.integer("times");
                    webhooks.duplicateNext(times == null ? 2 : times.intValue(), type);
                }
                case "delay" -> webhooks.delayNext(duration(p), type);
                case "reorder" -> {
                    Long count = p.integer("count");
                    webhooks.reorderNext(count == null ? 2 : count.intValue());
                }
                case "drop" -> webhooks.dropNextThenRetry(type);
                case "pause" -> webhooks.pause();
                case "resume" -> webhooks.resume();
                case "clear" -> webhooks.clearFaults();
                case "endpoints" -> {
                    String url = p.str("url");
                    if (url == null || url.isBlank()) throw ApiError.missing("url");
                    webhooks.addEndpoint(URI.create(url));
                }
                default -> throw ApiError.of(404, "invalid_request_error", null, null, "Unknown webhook control: " + what);
            }
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(null, null, e.getMessage());
        }
        return ok();
    }

    /** {@code millis=1500}, {@code seconds=2} or {@code duration=PT2S}. */
    private static Duration duration(Form.Params p) {
        Long millis = p.integer("millis");
        if (millis != null) return Duration.ofMillis(millis);
        Long seconds = p.integer("seconds");
        if (seconds != null) return Duration.ofSeconds(seconds);
        String iso = p.str("duration");
        if (iso == null || iso.isEmpty()) throw ApiError.missing("millis");
        try {
            return Duration.parse(iso);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiError.invalid(null, "duration", "Not an ISO-8601 duration: " + iso);
        }
    }

    private Answer threeDSecure(String intentId, Form.Params p) {
        String outcome = p.str("outcome");
        boolean success = outcome == null || outcome.isEmpty() || outcome.equals("complete");
        if (!success && !outcome.equals("fail")) throw ApiError.invalid(null, "outcome", "outcome must be complete or fail");
        ObjectNode intent = api.completeThreeDSecure(intentId, success);
        String returnUrl = api.returnUrl(intentId);
        if ("page".equals(p.str("via")) && returnUrl != null) {
            String sep = returnUrl.contains("?") ? "&" : "?";
            String location = returnUrl + sep + "payment_intent=" + intentId + "&payment_intent_client_secret="
                    + Json.text(intent, "client_secret") + "&redirect_status=" + (success ? "succeeded" : "failed");
            return new Answer(303, new byte[0], "text/plain", Map.of("Location", location));
        }
        return Answer.json(200, intent);
    }

    private Answer threeDSecurePage(String intentId) {
        ObjectNode intent = api.retrieveIntent(intentId);
        String html = "<!doctype html><meta charset=utf-8><title>3-D Secure (Stripe simulator)</title>"
                + "<h1>3-D Secure 2 test page</h1><p>PaymentIntent " + esc(intentId) + " — "
                + intent.get("amount").asLong() + " " + esc(Json.text(intent, "currency")) + " (cents), status "
                + esc(Json.text(intent, "status")) + "</p>"
                + "<form method=post><input type=hidden name=via value=page><button name=outcome value=complete>"
                + "Complete authentication</button> <button name=outcome value=fail>Fail authentication</button></form>";
        return new Answer(200, html.getBytes(StandardCharsets.UTF_8), "text/html", Map.of());
    }

    /** Completes onboarding: the account as JSON, or a 303 to the link's {@code return_url} when posted from the page. */
    private Answer onboard(String accountId, Form.Params p) {
        ObjectNode account = api.connect.completeOnboarding(accountId);
        String returnUrl = api.connect.onboardingReturnUrl(accountId);
        if ("page".equals(p.str("via")) && returnUrl != null) {
            return new Answer(303, new byte[0], "text/plain", Map.of("Location", returnUrl));
        }
        return Answer.json(200, account);
    }

    private Answer onboardingPage(String accountId) {
        ObjectNode account = api.connect.retrieveAccount(accountId);
        String html = "<!doctype html><meta charset=utf-8><title>Connect onboarding (Stripe simulator)</title>"
                + "<h1>Stripe Connect onboarding test page</h1><p>Account " + esc(accountId) + " (" + esc(Json.text(account, "type"))
                + "), details submitted " + account.path("details_submitted").asBoolean() + ", payouts enabled "
                + account.path("payouts_enabled").asBoolean() + "</p>"
                + "<form method=post><input type=hidden name=via value=page><button>Complete onboarding</button></form>";
        return new Answer(200, html.getBytes(StandardCharsets.UTF_8), "text/html", Map.of());
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Answer ok() {
        ObjectNode o = Json.object();
        o.put("ok", true);
        return Answer.json(200, o);
    }

    /** Query string, plus a form or JSON body. */
    private static Form.Params controlParams(HttpExchange exchange, byte[] body) {
        Form.Params p = Form.parse(exchange.getRequestURI().getRawQuery());
        if (body.length == 0) return p;
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.toLowerCase().contains("json")) {
            JsonNode json;
            try {
                json = Json.parse(body);
            } catch (RuntimeException e) {
                throw ApiError.invalid(null, null, "Body is not valid JSON");
            }
            return Form.merge(p, Form.fromJson(json));
        }
        return Form.merge(p, Form.parse(new String(body, StandardCharsets.UTF_8)));
    }
}

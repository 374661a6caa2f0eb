package com.starrymeet.stripesim;

import tools.jackson.databind.node.ObjectNode;

/**
 * A Stripe error answer: {@code {"error":{"type":…,"code":…,"message":…,"param":…}}} with its HTTP status, which
 * stripe-java turns into the matching exception (400/404 InvalidRequestException, 401 AuthenticationException,
 * 402 CardException, {@code idempotency_error} IdempotencyException, {@code api_error} ApiException).
 */
final class ApiError extends RuntimeException {

    final int status;
    final ObjectNode error;

    ApiError(int status, ObjectNode error) {
        super(Json.text(error, "message"), null, false, false);
        this.status = status;
        this.error = error;
    }

    static ApiError of(int status, String type, String code, String param, String message) {
        ObjectNode e = Json.object();
        if (code != null) {
            e.put("code", code);
            e.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        e.put("message", message);
        if (param != null) e.put("param", param);
        e.put("type", type);
        return new ApiError(status, e);
    }

    static ApiError invalid(String code, String param, String message) {
        return of(400, "invalid_request_error", code, param, message);
    }

    static ApiError missing(String param) {
        return invalid("parameter_missing", param, "Missing required param: " + param + ".");
    }

    /** An object named in the URL does not exist: 404, as Stripe answers it. */
    static ApiError noSuch(String resource, String id) {
        return of(404, "invalid_request_error", "resource_missing", "id", "No such " + resource + ": '" + id + "'");
    }

    /** An object named in a parameter does not exist: 400 with that parameter. */
    static ApiError noSuchParam(String resource, String id, String param) {
        return of(400, "invalid_request_error", "resource_missing", param, "No such " + resource + ": '" + id + "'");
    }

    static ApiError unexpectedState(String message) {
        return invalid("payment_intent_unexpected_state", null, message);
    }

    ObjectNode body() {
        ObjectNode root = Json.object();
        root.set("error", error.deepCopy());
        return root;
    }
}

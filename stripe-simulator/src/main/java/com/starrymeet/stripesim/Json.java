package com.starrymeet.stripesim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON plumbing, and the answer templates: Stripe's own example objects ({@code stripe-fixtures3.json}, from
 * Stripe's public OpenAPI repository), so every answer carries the fields stripe-java knows, in Stripe's shape.
 */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final JsonNode FIXTURES;

    static {
        try (InputStream in = Json.class.getResourceAsStream("/stripe-fixtures3.json")) {
            if (in == null) throw new IllegalStateException("stripe-fixtures3.json is not on the classpath");
            FIXTURES = MAPPER.readTree(in).get("resources");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Json() {
    }

    /** A fresh, mutable copy of Stripe's example object of that resource (e.g. "payment_intent"). */
    static ObjectNode template(String resource) {
        JsonNode node = FIXTURES.get(resource);
        if (node == null || !node.isObject()) throw new IllegalArgumentException("no fixture " + resource);
        return (ObjectNode) node.deepCopy();
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    static JsonNode parse(byte[] body) {
        return MAPPER.readTree(body);
    }

    /** The text of a field, or null when it is absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}

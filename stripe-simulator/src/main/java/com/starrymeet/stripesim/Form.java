package com.starrymeet.stripesim;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe's form encoding, as stripe-java writes it: {@code metadata[booking_id]=…}, {@code payment_method_types[0]=card},
 * {@code expand[]=latest_charge}, {@code invoice_settings[default_payment_method]=pm_…}. Parsed into a JSON tree whose
 * leaves are strings; bracket groups whose keys are all indexes become arrays (except under {@code metadata}).
 */
final class Form {

    /** The parameters of one request, and their canonical form for idempotency comparisons. */
    record Params(ObjectNode tree, String canonical) {

        String str(String name) {
            return Json.text(tree, name);
        }

        boolean has(String name) {
            return tree.has(name);
        }

        JsonNode node(String name) {
            return tree.get(name);
        }

        /** A non-negative integer parameter, or null when absent; 400 {@code parameter_invalid_integer} otherwise. */
        Long integer(String name) {
            String v = str(name);
            if (v == null || v.isEmpty()) return null;
            try {
                long l = Long.parseLong(v);
                if (l < 0) throw new NumberFormatException();
                return l;
            } catch (NumberFormatException e) {
                throw ApiError.invalid("parameter_invalid_integer", name, "Invalid integer: " + v);
            }
        }

        boolean bool(String name) {
            String v = str(name);
            if (v == null || v.isEmpty()) return false;
            if (v.equals("true")) return true;
            if (v.equals("false")) return false;
            throw ApiError.invalid("parameter_invalid_boolean", name, "Invalid boolean: " + v);
        }

        /** The values of a list parameter ({@code expand[]=a}, {@code expand[0]=a}), empty when absent. */
        List<String> list(String name) {
            JsonNode v = tree.get(name);
            List<String> out = new ArrayList<>();
            if (v == null || v.isNull()) return out;
            if (v.isArray()) v.forEach(e -> out.add(e.asString()));
            else if (v.isObject()) v.forEach(e -> out.add(e.asString()));
            else if (!v.asString().isEmpty()) out.add(v.asString());
            return out;
        }
    }

    private Form() {
    }

    static Params parse(String encoded) {
        List<String[]> pairs = new ArrayList<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String part : encoded.split("&")) {
                if (part.isEmpty()) continue;
                int eq = part.indexOf('=');
                String k = decode(eq < 0 ? part : part.substring(0, eq));
                String v = eq < 0 ? "" : decode(part.substring(eq + 1));
                pairs.add(new String[] {k, v});
            }
        }
        ObjectNode root = Json.object();
        int[] appendCounter = {0};
        for (String[] p : pairs) put(root, p[0], p[1], appendCounter);
        ObjectNode tree = (ObjectNode) arrays(root, false);
        List<String> sorted = new ArrayList<>();
        for (String[] p : pairs) sorted.add(p[0] + "=" + p[1]);
        sorted.sort(null);
        return new Params(tree, String.join("&", sorted));
    }

    /** Parameters given as a JSON object (the /_sim controls accept both); values become strings. */
    static Params fromJson(JsonNode json) {
        ObjectNode tree = Json.object();
        List<String> sorted = new ArrayList<>();
        if (json != null && json.isObject()) {
            for (Map.Entry<String, JsonNode> e : json.properties()) {
                tree.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString());
                sorted.add(e.getKey() + "=" + tree.get(e.getKey()).asString());
            }
        }
        sorted.sort(null);
        return new Params(tree, String.join("&", sorted));
    }

    static Params merge(Params a, Params b) {
        ObjectNode tree = a.tree().deepCopy();
        tree.setAll(b.tree());
        return new Params(tree, a.canonical() + "&" + b.canonical());
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void put(ObjectNode root, String key, String value, int[] appendCounter) {
        List<String> path = new ArrayList<>();
        int bracket = key.indexOf('[');
        if (bracket < 0 || !key.endsWith("]")) {
            path.add(key);
        } else {
            path.add(key.substring(0, bracket));
            String rest = key.substring(bracket);
            while (rest.startsWith("[")) {
                int close = rest.indexOf(']');
                if (close < 0) break;
                String seg = rest.substring(1, close);
                // "[]" appends: give each appended value its own index, after any explicit ones
                path.add(seg.isEmpty() ? "\u0000" + (appendCounter[0]++) : seg);
                rest = rest.substring(close + 1);
            }
        }
        ObjectNode node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode child = node.get(path.get(i));
            if (!(child instanceof ObjectNode)) {
                child = Json.object();
                node.set(path.get(i), child);
            }
            node = (ObjectNode) child;
        }
        node.put(path.getLast(), value);
    }

    private static JsonNode arrays(JsonNode node, boolean underMetadata) {
        if (!node.isObject()) return node;
        ObjectNode obj = (ObjectNode) node;
        List<String> names = new ArrayList<>(obj.propertyNames());
        for (String name : names) {
            obj.set(name, arrays(obj.get(name), name.equals("metadata")));
        }
        if (underMetadata || names.isEmpty()) return obj;
        boolean allIndexes = names.stream().allMatch(n -> n.startsWith("\u0000") || n.chars().allMatch(Character::isDigit));
        if (!allIndexes) return obj;
        List<String> ordered = new ArrayList<>(names);
        ordered.sort((x, y) -> Long.compare(index(x), index(y)));
        ArrayNode arr = Json.MAPPER.createArrayNode();
        for (String n : ordered) arr.add(obj.get(n));
        return arr;
    }

    private static long index(String name) {
        return name.startsWith("\u0000") ? 1_000_000_000L + Long.parseLong(name.substring(1)) : Long.parseLong(name);
    }

}

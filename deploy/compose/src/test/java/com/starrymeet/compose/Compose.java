package com.starrymeet.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * A parsed docker-compose.yml (anchors and merge keys resolved by the YAML parser), with what the checks read from it.
 * The parsed tree is mutable, so a test can break a copy of the real file one thing at a time.
 */
record Compose(Map<String, Object> root) {

	/** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}}, {@code ${NAME:?message}}, {@code ${NAME?message}}. */
	static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*)|(:?\\?)([^}]*))?}");

	static Compose read(Path file) {
		try {
			return parse(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Compose parse(String yaml) {
		return new Compose((Map<String, Object>) new Yaml().load(yaml));
	}

	/** A deep copy whose parts a test may change. */
	@SuppressWarnings("unchecked")
	Compose copy() {
		return new Compose((Map<String, Object>) deepCopy(this.root));
	}

	@SuppressWarnings("unchecked")
	Map<String, Map<String, Object>> services() {
		return (Map<String, Map<String, Object>>) (Map<?, ?>) this.root.getOrDefault("services", Map.of());
	}

	Map<String, Object> service(String name) {
		var service = services().get(name);
		if (service == null) {
			throw new IllegalArgumentException("no compose service " + name);
		}
		return service;
	}

	/** The service's environment as written (both the map and the list form), values as strings. */
	@SuppressWarnings("unchecked")
	static Map<String, String> environment(Map<String, Object> service) {
		var env = new LinkedHashMap<String, String>();
		var raw = service.get("environment");
		if (raw instanceof Map<?, ?> map) {
			map.forEach((key, value) -> env.put(String.valueOf(key), value == null ? null : String.valueOf(value)));
		}
		else if (raw instanceof List<?> list) {
			for (var item : list) {
				var text = String.valueOf(item);
				var eq = text.indexOf('=');
				env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? null : text.substring(eq + 1));
			}
		}
		return env;
	}

	/** The environment map itself, for tests that change it (map form only). */
	@SuppressWarnings("unchecked")
	static Map<String, Object> environmentMap(Map<String, Object> service) {
		return (Map<String, Object>) service.get("environment");
	}

	/**
	 * A value as compose would give it with no variables set: defaults filled in; a required variable
	 * ({@code ${NAME:?...}}) stays as the marker {@code ${NAME}}.
	 */
	static String resolveDefaults(String value) {
		if (value == null) {
			return null;
		}
		var matcher = VARIABLE.matcher(value);
		var out = new StringBuilder();
		while (matcher.find()) {
			String replacement;
			if (matcher.group(2) != null) {
				replacement = matcher.group(3);
			}
			else {
				replacement = "${" + matcher.group(1) + "}";
			}
			matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	/** The variables a value reads: name → "required", "default" or "plain". */
	static Map<String, String> variables(String value) {
		var result = new LinkedHashMap<String, String>();
		if (value == null) {
			return result;
		}
		var matcher = VARIABLE.matcher(value);
		while (matcher.find()) {
			result.put(matcher.group(1),
					matcher.group(4) != null ? "required" : matcher.group(2) != null ? "default" : "plain");
		}
		return result;
	}

	/** Every string anywhere in the file (for variable listings). */
	List<String> strings() {
		var out = new ArrayList<String>();
		collect(this.root, out);
		return out;
	}

	private static void collect(Object node, List<String> out) {
		if (node instanceof Map<?, ?> map) {
			map.values().forEach(value -> collect(value, out));
		}
		else if (node instanceof List<?> list) {
			list.forEach(value -> collect(value, out));
		}
		else if (node != null) {
			out.add(String.valueOf(node));
		}
	}

	/** {@code depends_on} as service → condition (the short list form has no condition: null). */
	@SuppressWarnings("unchecked")
	static Map<String, String> dependsOn(Map<String, Object> service) {
		var result = new LinkedHashMap<String, String>();
		var raw = service.get("depends_on");
		if (raw instanceof List<?> list) {
			list.forEach(item -> result.put(String.valueOf(item), null));
		}
		else if (raw instanceof Map<?, ?> map) {
			map.forEach((key, value) -> result.put(String.valueOf(key),
					value instanceof Map<?, ?> m && m.get("condition") != null ? String.valueOf(m.get("condition")) : null));
		}
		return result;
	}

	/** The healthcheck's test as a list of words ({@code CMD}, ...), or an empty list. */
	static List<String> healthTest(Map<String, Object> service) {
		var health = service.get("healthcheck");
		if (!(health instanceof Map<?, ?> map)) {
			return List.of();
		}
		var test = map.get("test");
		if (test instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return test == null ? List.of() : List.of("CMD-SHELL", String.valueOf(test));
	}

	@SuppressWarnings("unchecked")
	private static Object deepCopy(Object node) {
		if (node instanceof Map<?, ?> map) {
			var copy = new LinkedHashMap<String, Object>();
			map.forEach((key, value) -> copy.put(String.valueOf(key), deepCopy(value)));
			return copy;
		}
		if (node instanceof List<?> list) {
			var copy = new ArrayList<Object>();
			list.forEach(value -> copy.add(deepCopy(value)));
			return copy;
		}
		return node;
	}
}

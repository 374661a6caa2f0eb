package com.starrymeet.search.indexing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import tools.jackson.databind.JsonNode;

/**
 * The one way search-service reads another service's {@code /internal} lists (the catalog's, the calendars'):
 * through that source's circuit breaker, expecting {@code {"success": true, "data": [...]}}, every failure turned
 * into the source's own "unavailable" exception so the reconciliation can tell which source failed.
 */
final class InternalReads {

	private final CircuitBreaker breaker;

	private final String source;

	private final BiFunction<String, Throwable, RuntimeException> unavailable;

	/**
	 * @param source how messages name the source, e.g. "The catalog's"
	 * @param unavailable the source's exception for a message and its cause
	 */
	InternalReads(CircuitBreaker breaker, String source, BiFunction<String, Throwable, RuntimeException> unavailable) {
		this.breaker = breaker;
		this.source = source;
		this.unavailable = unavailable;
	}

	/** The {@code data} array of one call, or the source's exception. */
	JsonNode data(String what, Supplier<JsonNode> call) {
		var body = breaker.run(call, failure -> {
			throw unavailable.apply(source + " " + what + " cannot be read: " + failure, failure);
		});
		var data = body.path("data");
		if (!body.path("success").asBoolean(false) || !data.isArray()) {
			throw unavailable.apply("Unexpected answer for " + source + " " + what,
					new IllegalStateException("no success:true with a data array"));
		}
		return data;
	}

	/** A versions list: {@code [{<idField>: uuid, version: n}]}. */
	<V> List<V> versions(Supplier<JsonNode> call, String idField, VersionOf<V> version) {
		var data = data("versions", call);
		var versions = new ArrayList<V>(data.size());
		for (var entry : data) {
			try {
				versions.add(version.of(UUID.fromString(entry.path(idField).asString()), entry.path("version").asLong()));
			}
			catch (RuntimeException ex) {
				throw unavailable.apply(source + " versions hold an invalid entry: " + entry, ex);
			}
		}
		return versions;
	}

	/** The {@code ids} parameter of a snapshots call: 1 to {@code max} ids, comma-separated. */
	static String joined(List<UUID> ids, int max) {
		if (ids.isEmpty() || ids.size() > max) {
			throw new IllegalArgumentException("Between 1 and " + max + " ids per call, not " + ids.size());
		}
		return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
	}

	/** The source's exception for an entry it cannot use. */
	RuntimeException invalid(String what, Throwable cause) {
		return unavailable.apply(source + " " + what + " hold an invalid entry", cause);
	}

	@FunctionalInterface
	interface VersionOf<V> {

		V of(UUID id, long version);
	}
}

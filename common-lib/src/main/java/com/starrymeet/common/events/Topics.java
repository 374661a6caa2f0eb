package com.starrymeet.common.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Topic naming and the catalog of every topic the fleet uses: one topic per aggregate,
 * {@code starrymeet.<aggregate>.v1}; poison messages go to {@code <topic>.DLT}.
 * <p>
 * Topics are created with explicit settings, never by the broker's auto-creation: {@link #catalog()} is the one
 * list the local fleet's launcher and every service's {@code KafkaAdmin} create them from (production: the same
 * settings as Strimzi {@code KafkaTopic} resources). Snapshot topics, whose newest record per key is the whole
 * state of that key, are compacted so an index (search) can be rebuilt from them; the rest keep a retention.
 * Listeners name topics through these constants.
 */
public final class Topics {

	private static final Pattern AGGREGATE = Pattern.compile("[a-z][a-z0-9-]*");

	/** CelebrityUpserted / CelebrityRemoved, key = celebrity id: full snapshots, compacted. */
	public static final String CELEBRITY = "starrymeet.celebrity.v1";

	/** AvailabilityChanged, key = celebrity id: full snapshots of where and when, compacted. */
	public static final String AVAILABILITY = "starrymeet.availability.v1";

	/** CelebrityApplicationApproved / Rejected, key = application id. */
	public static final String CELEBRITY_APPLICATION = "starrymeet.celebrity-application.v1";

	/** ReviewSubmitted, key = review id (one review per booking). */
	public static final String REVIEW = "starrymeet.review.v1";

	/** User lifecycle events, key = user id. */
	public static final String USER = "starrymeet.user.v1";

	/** SearchPerformed (analytics), key = a random id. */
	public static final String SEARCH = "starrymeet.search.v1";

	/** Booking lifecycle events, key = booking id. */
	public static final String BOOKING = "starrymeet.booking.v1";

	/** Payment events, key = payment id. */
	public static final String PAYMENT = "starrymeet.payment.v1";

	/** Partitions of every topic: enough for a few consumer instances, few enough for a 2-core machine. */
	public static final int PARTITIONS = 3;

	/** How long records of the non-compacted topics (and every DLT) are kept. */
	public static final Duration RETENTION = Duration.ofDays(14);

	private static final List<String> COMPACTED = List.of(CELEBRITY, AVAILABILITY);

	private static final List<String> RETAINED = List.of(CELEBRITY_APPLICATION, REVIEW, USER, SEARCH, BOOKING, PAYMENT);

	private Topics() {
	}

	/** One topic with the settings it is created with. */
	public record Spec(String name, int partitions, Map<String, String> config) {
	}

	/** Every topic of the fleet and its dead-letter topic, with explicit settings. */
	public static List<Spec> catalog() {
		var specs = new ArrayList<Spec>();
		// a compacted topic keeps the newest record per key for ever; a tombstone-free snapshot stays until replaced
		var compacted = Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000",
				"segment.ms", Long.toString(Duration.ofHours(1).toMillis()));
		var retained = Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(RETENTION.toMillis()));
		for (var topic : COMPACTED) {
			specs.add(new Spec(topic, PARTITIONS, compacted));
			specs.add(new Spec(deadLetter(topic), 1, retained));
		}
		for (var topic : RETAINED) {
			specs.add(new Spec(topic, PARTITIONS, retained));
			specs.add(new Spec(deadLetter(topic), 1, retained));
		}
		return List.copyOf(specs);
	}

	public static String forAggregate(String aggregateType) {
		var name = aggregateType.toLowerCase(Locale.ROOT);
		if (!AGGREGATE.matcher(name).matches()) {
			throw new IllegalArgumentException("Not an aggregate name: " + aggregateType);
		}
		return "starrymeet." + name + ".v1";
	}

	public static String deadLetter(String topic) {
		return topic + ".DLT";
	}
}

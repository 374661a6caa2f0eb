package com.starrymeet.common.events;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Topic naming: one topic per aggregate, {@code starrymeet.<aggregate>.v1}; poison messages go to
 * {@code <topic>.DLT}.
 */
public final class Topics {

	private static final Pattern AGGREGATE = Pattern.compile("[a-z][a-z0-9-]*");

	private Topics() {
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

package com.starrymeet.notification.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How times and money read in messages: a meeting's time in its venue's zone with the zone's name at that instant
 * (so a summer meeting says "Central European Summer Time") and its IANA id; money from integer cents.
 */
final class Formats {

	private static final DateTimeFormatter VENUE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm zzzz",
			Locale.ENGLISH);

	private Formats() {
	}

	/** e.g. {@code Saturday 12 December 2026, 19:00 Central European Standard Time (Europe/Paris)} */
	static String venueTime(Instant instant, String zone) {
		var id = ZoneId.of(zone);
		return VENUE.format(instant.atZone(id)) + " (" + id.getId() + ")";
	}

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(java.time.ZoneOffset.UTC);

	/** An instant that belongs to no venue (a payment's time), in UTC. */
	static String utc(Instant instant) {
		return UTC.format(instant);
	}

	/** e.g. {@code $250.00}, {@code 99.90 EUR} */
	static String money(long cents, String currency) {
		var amount = BigDecimal.valueOf(cents, 2).toPlainString();
		return "USD".equalsIgnoreCase(currency) ? "$" + amount : amount + " " + currency.toUpperCase(Locale.ROOT);
	}
}

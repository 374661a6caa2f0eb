package com.starrymeet.booking.booking;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The booking rules' clock in tests: the system clock unless a test pins an instant (then reset it). Given to every
 * test context (registered as the {@code bookingClock} bean before the context refreshes, so the service's own
 * system clock is not made). Test classes run one after the other, so a pinned instant affects one test only.
 */
public class TestClock extends Clock implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static volatile @Nullable Instant pinned;

	public static void pin(Instant instant) {
		pinned = instant;
	}

	public static void reset() {
		pinned = null;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getBeanFactory().registerSingleton("bookingClock", new TestClock());
	}

	@Override
	public Instant instant() {
		var at = pinned;
		return at == null ? Instant.now() : at;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}
}

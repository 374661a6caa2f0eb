package com.starrymeet.fleet;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one fleet every fleet test class of a run shares (a start costs a minute): started when a test first needs it,
 * fresh the first time, then from the same data directory, as {@code ./starrymeet run} would; closed once when the
 * whole run ends. A test that stops the fleet calls {@link #forget()} and leaves it to the next one to start it
 * again. Test classes register with {@code @ExtendWith(SharedFleet.class)}.
 */
final class SharedFleet implements BeforeAllCallback {

	/** Every line the fleets of this run printed. */
	static final List<String> PROGRESS = new CopyOnWriteArrayList<>();

	private static @Nullable Fleet fleet;

	private static boolean startedBefore;

	@Override
	public void beforeAll(ExtensionContext context) {
		// the root store closes what it holds once, after the last test class of the run
		context.getRoot()
			.getStore(ExtensionContext.Namespace.GLOBAL)
			.computeIfAbsent(SharedFleet.class.getName(), key -> (AutoCloseable) SharedFleet::closeRunning);
	}

	/** The shared fleet; started first if none runs. */
	static synchronized Fleet running() {
		var current = fleet;
		if (current == null) {
			var home = Path.of(System.getProperty("starrymeet.home", "../.."));
			var data = Path.of(System.getProperty("fleet.data", "target/fleet-it"));
			current = Fleet.start(FleetOptions.defaults(home)
				.withDataDir(data)
				.withFresh(!startedBefore)
				.withFreePorts()
				// the fleet tests register a fan per scenario, all from one address: more than the 5 a minute a
				// stranger gets (the limit itself is the gateway's RateLimitTest's business)
				.withSetting(Service.GATEWAY, "starrymeet.gateway.rate-limits.register.requested-tokens=1")
				// a meeting a few minutes away can be booked (and checked in) within a test, not only 24 h ahead
				.withSetting(Service.BOOKING, "starrymeet.booking.lead-time=PT2M")
				// due payouts are sent within seconds, not the minute of the default
				.withSetting(Service.PAYMENT, "starrymeet.payment.payouts.interval=PT2S")
				.withProgress(line -> {
					PROGRESS.add(line);
					System.out.println(line);
				}));
			startedBefore = true;
			fleet = current;
		}
		return current;
	}

	/** The test closed the fleet (or saw it stop itself): the next one starts it again. */
	static synchronized void forget() {
		fleet = null;
	}

	private static synchronized void closeRunning() {
		var current = fleet;
		fleet = null;
		if (current != null) {
			current.close();
		}
	}
}

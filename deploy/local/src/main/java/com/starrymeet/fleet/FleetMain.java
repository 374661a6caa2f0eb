package com.starrymeet.fleet;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.starrymeet.demo.DemoCatalog;
import com.starrymeet.fleet.demo.DemoDataLoader;
import org.jspecify.annotations.Nullable;

/**
 * {@code java -jar local-fleet.jar [options]}: starts the fleet, prints a table of what runs where, loads the demo
 * data, and stops everything on Ctrl-C or SIGTERM, or when the watchdog gives up on a process (exit code 1).
 * {@code java -jar local-fleet.jar stop [--data-dir=DIR]} stops a fleet running elsewhere ({@link FleetStop}).
 */
public final class FleetMain {

	private static final String USAGE = """
			Usage: java -jar deploy/local/target/local-fleet.jar [options]
			       java -jar deploy/local/target/local-fleet.jar stop [--home=DIR] [--data-dir=DIR]

			Starts PostgreSQL 17, Kafka, Redis and every StarryMeet service as its own JVM; Ctrl-C stops all.
			"stop" stops a fleet started elsewhere (another terminal, a script) from the same data directory.
			  --home=DIR           project root with the built service jars
			                       (default: system property starrymeet.home, else the current directory)
			  --data-dir=DIR       PostgreSQL data, Kafka log, logs, pid file (default: <home>/.fleet-data)
			  --fresh              wipe the data directory first (empty databases, no Kafka topics)
			  --port-base=N        gateway on N, services on N+1 .. N+7 (default 8080)
			  --postgres-port=N    PostgreSQL port (default: a free port)
			  --kafka-port=N       Kafka broker port (default: a free port)
			  --redis-port=N       Redis port (default: a free port)
			  --timeout=SECONDS    how long the services may take to become ready (default 240)
			  --jvm-options="..."  options of every service JVM, space-separated (default
			                       "-Xmx192m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k": small and light)
			  --set=SERVICE:NAME=VALUE
			                       a Spring setting for one service, after the launcher's own (repeatable), e.g.
			                       --set=booking:starrymeet.booking.max-unpaid-holds=1000
			  --demo-data=N        load the first N celebrities of the deterministic demo catalog through the
			                       APIs once the fleet is up (default 300; 0 = none; existing ones are skipped)
			  --help               this text
			Services run from extracted jars under <data-dir>/jars/ with the JDK's AOT cache: the first run records
			it (start and stop take longer once), later runs start from it. -Dstarrymeet.fleet.aot-cache=false
			(a JVM option of the launcher) starts without it.
			""";

	private FleetMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (System.getProperty(Fleet.AOT_CACHE_PROPERTY) == null) {
			// the launcher's own runs keep an AOT cache per service; tests and benchmarks start without one
			System.setProperty(Fleet.AOT_CACHE_PROPERTY, "true");
		}
		if (args.length > 0 && args[0].equals("stop")) {
			System.exit(stop(Arrays.copyOfRange(args, 1, args.length)));
			return;
		}
		@Nullable FleetOptions options;
		try {
			options = parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(USAGE);
			System.exit(2);
			return;
		}
		if (options == null) {
			System.out.print(USAGE);
			return;
		}
		System.out.println("StarryMeet local fleet: home " + options.home() + ", data " + options.dataDir());
		Fleet fleet;
		try {
			fleet = Fleet.start(options);
		}
		catch (FleetException ex) {
			System.err.println();
			System.err.println("The fleet did not start: " + ex.getMessage());
			System.exit(1);
			return;
		}
		printTable(fleet, System.out);
		int demo = demoCelebrities(args);
		if (demo > 0) {
			loadDemoData(fleet, demo);
		}
		fleet.awaitClosed();
		var failure = fleet.failure();
		if (failure.isPresent()) {
			System.err.println("The fleet was stopped: " + failure.get());
			System.exit(1);
		}
	}

	/** {@code stop [--home=DIR] [--data-dir=DIR]}: returns the exit code. */
	static int stop(String[] args) {
		FleetOptions options;
		try {
			for (var arg : args) {
				if (!arg.startsWith("--home=") && !arg.startsWith("--data-dir=")) {
					throw new IllegalArgumentException("stop takes only --home=DIR and --data-dir=DIR, not " + arg);
				}
			}
			options = parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			return 2;
		}
		if (options == null) {
			System.out.print(USAGE);
			return 0;
		}
		return FleetStop.run(options.dataDir(), System.out::println);
	}

	/** Parses the options; {@code null} means "print the usage". */
	static @Nullable FleetOptions parse(String[] args) {
		var home = Path.of(System.getProperty("starrymeet.home", "."));
		for (var arg : args) {
			if (arg.startsWith("--home=")) {
				home = Path.of(value(arg));
			}
		}
		var options = FleetOptions.defaults(home);
		for (var arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				return null;
			}
			else if (arg.equals("--fresh")) {
				options = options.withFresh(true);
			}
			else if (arg.startsWith("--data-dir=")) {
				options = options.withDataDir(Path.of(value(arg)));
			}
			else if (arg.startsWith("--port-base=")) {
				options = options.withPortBase(number(arg));
			}
			else if (arg.startsWith("--postgres-port=")) {
				options = options.withPostgresPort(number(arg));
			}
			else if (arg.startsWith("--kafka-port=")) {
				options = options.withKafkaPort(number(arg));
			}
			else if (arg.startsWith("--redis-port=")) {
				options = options.withRedisPort(number(arg));
			}
			else if (arg.startsWith("--timeout=")) {
				options = options.withReadyTimeout(Duration.ofSeconds(number(arg)));
			}
			else if (arg.startsWith("--jvm-options=")) {
				var jvm = value(arg).strip();
				if (jvm.isEmpty()) {
					throw new IllegalArgumentException("--jvm-options needs at least one option");
				}
				options = options.withJvmOptions(List.of(jvm.split("\\s+")));
			}
			else if (arg.startsWith("--demo-data=")) {
				demoCelebrities(new String[] { arg });
			}
			else if (arg.startsWith("--set=")) {
				var value = value(arg);
				int colon = value.indexOf(':');
				if (colon < 1) {
					throw new IllegalArgumentException("--set needs SERVICE:NAME=VALUE: " + arg);
				}
				options = options.withSetting(Service.of(value.substring(0, colon)), value.substring(colon + 1));
			}
			else if (!arg.startsWith("--home=")) {
				throw new IllegalArgumentException("Unknown option: " + arg);
			}
		}
		return options;
	}

	/** {@code --demo-data=N}, default {@value #DEFAULT_DEMO_CELEBRITIES}. */
	static int demoCelebrities(String[] args) {
		int count = DEFAULT_DEMO_CELEBRITIES;
		for (var arg : args) {
			if (arg.startsWith("--demo-data=")) {
				count = number(arg);
				if (count < 0 || count > 1_000_000) {
					throw new IllegalArgumentException("--demo-data must be 0 .. 1000000: " + arg);
				}
			}
		}
		return count;
	}

	static final int DEFAULT_DEMO_CELEBRITIES = 300;

	private static void loadDemoData(Fleet fleet, int count) {
		System.out.println("Loading " + count + " demo celebrities (seed " + DemoCatalog.DEFAULT_SEED
				+ ") through the admin and availability APIs ...");
		var loader = new DemoDataLoader(local(fleet, Service.USER), local(fleet, Service.CELEBRITY),
				local(fleet, Service.BOOKING), System.out::println);
		DemoDataLoader.Result result;
		try {
			result = loader.load(Fleet.LOCAL_ADMIN_EMAIL, Fleet.LOCAL_ADMIN_PASSWORD, DemoCatalog.DEFAULT_SEED, count, 4);
		}
		catch (RuntimeException ex) {
			if (fleet.failure().isEmpty()) {
				System.out.println("Demo data not loaded (the fleet keeps running): " + ex.getMessage());
			}
			return;
		}
		System.out.printf("Demo data written through the APIs: %d created, %d already there, in %.1f s; waiting until "
				+ "search has it ...%n", result.created(), result.skipped(), result.took().toMillis() / 1000.0);
		try {
			var searchable = DemoDataLoader.awaitSearchable(fleet.gatewayUrl(), SEARCHABLE_TIMEOUT);
			if (searchable.caughtUp()) {
				System.out.printf("Demo data: %d created, %d already there; searchable: search holds all %d public "
						+ "celebrities of the catalog %.1f s after the last write (load %.1f s).%n", result.created(),
						result.skipped(), searchable.catalogTotal(), searchable.took().toMillis() / 1000.0,
						result.took().toMillis() / 1000.0);
			}
			else {
				System.out.printf("WARNING: demo data written (%d created, %d already there), but after %d s search "
						+ "holds %d of the catalog's %d celebrities: search-service is behind (see %s).%n",
						result.created(), result.skipped(), SEARCHABLE_TIMEOUT.toSeconds(), searchable.searchTotal(),
						searchable.catalogTotal(), fleet.options().logDir().resolve("search-service.log"));
			}
		}
		catch (RuntimeException ex) {
			if (fleet.failure().isEmpty()) {
				System.out.println("Could not check that search has the demo data: " + ex.getMessage());
			}
		}
	}

	/** How long search may take to hold every celebrity of the catalog after the demo load. */
	static final Duration SEARCHABLE_TIMEOUT = Duration.ofSeconds(120);

	private static URI local(Fleet fleet, Service service) {
		return URI.create("http://localhost:" + fleet.port(service.module()));
	}

	static void printTable(Fleet fleet, PrintStream out) {
		List<Fleet.Member> members = fleet.members();
		var format = "%-22s %6s  %-50s %8s %9s%n";
		out.println();
		out.printf(format, "SERVICE", "PORT", "URL", "PID", "RSS");
		long total = 0;
		for (var member : members) {
			out.printf(format, member.name(), member.port() <= 0 ? "-" : member.port(), member.url(),
					member.pid() < 0 ? "-" : member.pid(),
					member.rssKb() < 0 ? "-" : (member.rssKb() / 1024) + " MB");
			total += Math.max(0, member.rssKb());
		}
		out.printf(format, "total", "", "", "", (total / 1024) + " MB");
		out.println("RSS: VmRSS of each JVM (services, Kafka, this launcher) and of redis-server; PostgreSQL: PSS summed "
				+ "over all its processes.");
		out.println();
		out.println("Gateway: " + fleet.gatewayUrl() + " (actuator on its management port " + fleet.gatewayManagementPort()
				+ ", not public)");
		out.println("Local admin (this machine only): " + Fleet.LOCAL_ADMIN_EMAIL + " / " + Fleet.LOCAL_ADMIN_PASSWORD);
		out.println("Stripe simulator: " + fleet.stripeSimulator().baseUrl() + " (webhook deliveries: "
				+ fleet.stripeSimulator().baseUrl() + "/_sim/deliveries; test cards pm_card_visa, pm_card_chargeDeclined, "
				+ "pm_card_threeDSecure2Required)");
		out.println("Mailbox: " + fleet.mailbox().webUrl() + " (what the fleet e-mailed, JSON at /messages; SMTP on port "
				+ fleet.mailbox().smtpPort() + ")");
		var jvmStart = ProcessHandle.current().info().startInstant();
		var sinceLaunch = jvmStart.map(start -> Duration.between(start, Instant.now()));
		out.printf("All %d services healthy in %.1f s after launch (%.1f s in Fleet.start). Ctrl-C (or ./starrymeet stop) "
				+ "stops everything.%n",
				Service.values().length,
				sinceLaunch.orElse(fleet.startupTime()).toMillis() / 1000.0, fleet.startupTime().toMillis() / 1000.0);
	}

	private static String value(String arg) {
		return arg.substring(arg.indexOf('=') + 1);
	}

	private static int number(String arg) {
		try {
			return Integer.parseInt(value(arg));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a number: " + arg);
		}
	}
}

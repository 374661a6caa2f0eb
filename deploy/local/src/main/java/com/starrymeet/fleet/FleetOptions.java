package com.starrymeet.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How to start a fleet. Port {@code 0} means "a free port, chosen at start".
 *
 * @param home project root holding {@code <module>/target/<module>-<version>.jar}
 * @param dataDir survives restarts: {@code postgres/} (data directory), {@code kafka/} (Kafka's log),
 *     {@code search-index/}, {@code logs/}, {@code fleet.pids}, {@code fleet.lock}
 * @param fresh wipe {@code dataDir} before starting
 * @param ports the port of each service
 * @param postgresPort PostgreSQL port
 * @param kafkaPort Kafka broker port (its controller always takes a free one)
 * @param redisPort Redis port
 * @param readyTimeout how long every service together may take to become ready
 * @param jvmOptions options of each service JVM (heap, GC, JIT)
 * @param progress receives one line per step (e.g. {@code System.out::println})
 * @param settings extra Spring settings per service ({@code name=value}), passed last so they win over the
 *     launcher's own (for experiments and benchmarks, e.g. a bigger unpaid-hold limit)
 */
public record FleetOptions(Path home, Path dataDir, boolean fresh, Map<Service, Integer> ports, int postgresPort,
		int kafkaPort, int redisPort, Duration readyTimeout, List<String> jvmOptions, Consumer<String> progress,
		Map<Service, List<String>> settings) {

	/** Gateway port; services follow at +1 … +7. */
	public static final int DEFAULT_PORT_BASE = 8080;

	/** Small heaps, serial GC and C1 only: eight JVMs share two cores and a few GB. */
	public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx192m", "-XX:+UseSerialGC",
			"-XX:TieredStopAtLevel=1", "-Xss512k");

	public FleetOptions {
		home = home.toAbsolutePath().normalize();
		dataDir = dataDir.toAbsolutePath().normalize();
		var copy = new EnumMap<Service, Integer>(Service.class);
		copy.putAll(ports);
		for (var service : Service.values()) {
			if (!copy.containsKey(service)) {
				throw new IllegalArgumentException("No port for " + service.module());
			}
		}
		ports = Map.copyOf(copy);
		jvmOptions = List.copyOf(jvmOptions);
		settings = Map.copyOf(settings);
	}

	public FleetOptions(Path home, Path dataDir, boolean fresh, Map<Service, Integer> ports, int postgresPort,
			int kafkaPort, int redisPort, Duration readyTimeout, List<String> jvmOptions, Consumer<String> progress) {
		this(home, dataDir, fresh, ports, postgresPort, kafkaPort, redisPort, readyTimeout, jvmOptions, progress,
				Map.of());
	}

	/** Adds {@code name=value} to the Spring settings of {@code service}. */
	public FleetOptions withSetting(Service service, String setting) {
		if (!setting.matches("[a-z][a-z0-9.\\-\\[\\]]*=.*")) {
			throw new IllegalArgumentException("A setting is name=value, e.g. starrymeet.booking.hold=PT2M: " + setting);
		}
		var copy = new java.util.EnumMap<Service, List<String>>(Service.class);
		copy.putAll(this.settings);
		var list = new java.util.ArrayList<>(copy.getOrDefault(service, List.of()));
		list.add(setting);
		copy.put(service, List.copyOf(list));
		return new FleetOptions(this.home, this.dataDir, this.fresh, this.ports, this.postgresPort, this.kafkaPort,
				this.redisPort, this.readyTimeout, this.jvmOptions, this.progress, copy);
	}

	/** Default ports 8080 … 8087, data under {@code <home>/.fleet-data}, free infrastructure ports. */
	public static FleetOptions defaults(Path home) {
		return new FleetOptions(home, home.resolve(".fleet-data"), false, portsFrom(DEFAULT_PORT_BASE), 0, 0, 0,
				Duration.ofMinutes(4), DEFAULT_JVM_OPTIONS, System.out::println);
	}

	/** Gateway on {@code base}, services on {@code base + 1} … {@code base + 7}. */
	public FleetOptions withPortBase(int base) {
		if (base < 1 || base + Service.values().length > 65535) {
			throw new IllegalArgumentException("Port base out of range: " + base);
		}
		return withPorts(portsFrom(base));
	}

	/** Every service, PostgreSQL, Kafka and Redis on a free port chosen at start (never collides with a dev fleet). */
	public FleetOptions withFreePorts() {
		return new FleetOptions(this.home, this.dataDir, this.fresh, portsFrom(0), 0, 0, 0, this.readyTimeout,
				this.jvmOptions, this.progress, this.settings);
	}

	public FleetOptions withPorts(Map<Service, Integer> ports) {
		return new FleetOptions(this.home, this.dataDir, this.fresh, ports, this.postgresPort, this.kafkaPort, this.redisPort,
				this.readyTimeout, this.jvmOptions, this.progress, this.settings);
	}

	public FleetOptions withDataDir(Path dataDir) {
		return new FleetOptions(this.home, dataDir, this.fresh, this.ports, this.postgresPort, this.kafkaPort, this.redisPort,
				this.readyTimeout, this.jvmOptions, this.progress, this.settings);
	}

	public FleetOptions withFresh(boolean fresh) {
		return new FleetOptions(this.home, this.dataDir, fresh, this.ports, this.postgresPort, this.kafkaPort, this.redisPort,
				this.readyTimeout, this.jvmOptions, this.progress, this.settings);
	}

	public FleetOptions withPostgresPort(int port) {
		return new FleetOptions(this.home, this.dataDir, this.fresh, this.ports, port, this.kafkaPort, this.redisPort,
				this.readyTimeout, this.jvmOptions, this.progress, this.settings);
	}

	public FleetOptions withKafkaPort(int port) {
		return new FleetOptions(this.home, this.dataDir, this.fresh, this.ports, this.postgresPort, port, this.redisPort,
				this.readyTimeout, this.jvmOptions, this.progress, this.settings);
	}

	public FleetOptions withRedisPort(int port) {
		return new FleetOptions(this.home, this.dataDir, this.fresh, this.ports, this.postgresPort, this.kafkaPort, port,
				this.readyTimeout, this.jvmOptions, this.progress, this.settings);
	}

	public FleetOptions withReadyTimeout(Duration readyTimeout) {
		return new FleetOptions(this.home, this.dataDir, this.fresh, this.ports, this.postgresPort, this.kafkaPort, this.redisPort,
				readyTimeout, this.jvmOptions, this.progress, this.settings);
	}

	public FleetOptions withJvmOptions(List<String> jvmOptions) {
		return new FleetOptions(this.home, this.dataDir, this.fresh, this.ports, this.postgresPort, this.kafkaPort, this.redisPort,
				this.readyTimeout, jvmOptions, this.progress, this.settings);
	}

	public FleetOptions withProgress(Consumer<String> progress) {
		return new FleetOptions(this.home, this.dataDir, this.fresh, this.ports, this.postgresPort, this.kafkaPort, this.redisPort,
				this.readyTimeout, this.jvmOptions, progress, this.settings);
	}

	public Path logDir() {
		return this.dataDir.resolve("logs");
	}

	private static Map<Service, Integer> portsFrom(int base) {
		var ports = new EnumMap<Service, Integer>(Service.class);
		for (var service : Service.values()) {
			ports.put(service, base == 0 ? 0 : base + service.portOffset());
		}
		return ports;
	}
}

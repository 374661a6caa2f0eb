package com.starrymeet.fleet.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import kafka.Kafka;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * The Kafka broker of the local fleet, run as its own JVM by {@link Infrastructure}: a single KRaft node (broker
 * and controller in one) whose log lives under the fleet's data directory, so events survive a restart like the
 * databases do.
 * <p>
 * {@link #main(String[])} formats the log directory when it has no {@code meta.properties} yet
 * ({@code kafka-storage format} with a new cluster id: first start, or after {@code --fresh}) and then runs
 * Kafka's own entry point ({@code kafka-server-start}), which stops the broker cleanly on SIGTERM.
 */
public final class KafkaBroker {

	/** Heap and GC of the broker JVM: a few dozen partitions and a trickle of events on a 2-core machine. */
	public static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
			"-XX:TieredStopAtLevel=1", "-Xss512k", "-Djava.awt.headless=true",
			// one line per partition and state change: too chatty for the fleet's kafka.log
			"-Dorg.slf4j.simpleLogger.log.state.change.logger=warn");

	private KafkaBroker() {
	}

	/** {@code args[0]}: the broker's {@code server.properties}. */
	public static void main(String[] args) {
		if (args.length != 1) {
			System.err.println("Usage: KafkaBroker <server.properties>");
			System.exit(2);
		}
		var logDir = Path.of(logDirOf(Path.of(args[0])));
		if (!isFormatted(logDir)) {
			// a new cluster id: the directory is empty (first start, or --fresh wiped it)
			var format = new String[] { "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", args[0] };
			int formatted = StorageTool.execute(format, System.out);
			if (formatted != 0) {
				System.err.println("kafka-storage format failed with exit code " + formatted);
				System.exit(formatted);
			}
		}
		Kafka.main(new String[] { args[0] });
	}

	/**
	 * The broker's settings: one KRaft node on 127.0.0.1 with its log in {@code logDir}, topics created only
	 * explicitly ({@code auto.create.topics.enable=false}), replication factor 1 everywhere, and thread counts and
	 * buffers sized for a laptop (the log cleaner's default 128 MB dedupe buffer alone would not fit the heap).
	 */
	static Map<String, String> serverProperties(Path logDir, int port, int controllerPort) {
		var p = new LinkedHashMap<String, String>();
		p.put("process.roles", "broker,controller");
		p.put("node.id", "1");
		// a static voter: its endpoint comes from this file, not from the log, so the ports may change between runs
		p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
		p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
		p.put("controller.listener.names", "CONTROLLER");
		p.put("inter.broker.listener.name", "PLAINTEXT");
		p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		p.put("log.dirs", logDir.toString());
		p.put("auto.create.topics.enable", "false");
		p.put("num.partitions", "1");
		p.put("default.replication.factor", "1");
		p.put("min.insync.replicas", "1");
		p.put("offsets.topic.replication.factor", "1");
		p.put("offsets.topic.num.partitions", "10");
		p.put("transaction.state.log.replication.factor", "1");
		p.put("transaction.state.log.min.isr", "1");
		p.put("transaction.state.log.num.partitions", "4");
		p.put("share.coordinator.state.topic.replication.factor", "1");
		p.put("share.coordinator.state.topic.min.isr", "1");
		p.put("group.initial.rebalance.delay.ms", "0");
		p.put("num.network.threads", "2");
		p.put("num.io.threads", "2");
		p.put("background.threads", "2");
		p.put("num.recovery.threads.per.data.dir", "1");
		p.put("log.cleaner.threads", "1");
		p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
		return p;
	}

	/**
	 * The command that runs {@link #main(String[])} in a new JVM with this JVM's classpath: through Spring Boot's
	 * {@code PropertiesLauncher} when the launcher runs from its executable jar (the classes are nested in
	 * {@code BOOT-INF/}), else the classpath as it is (tests, an IDE).
	 */
	static List<String> command(Path serverProperties) {
		var command = new ArrayList<String>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_OPTIONS);
		if (Runtime.version().feature() >= 24) {
			command.add("--sun-misc-unsafe-memory-access=allow");
		}
		command.add("--enable-native-access=ALL-UNNAMED");
		command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
		var classPath = System.getProperty("java.class.path");
		command.add("-cp");
		command.add(classPath);
		if (isExecutableJar(classPath)) {
			command.add("-Dloader.main=" + KafkaBroker.class.getName());
			command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
		}
		else {
			command.add(KafkaBroker.class.getName());
		}
		command.add(serverProperties.toString());
		return command;
	}

	private static boolean isExecutableJar(String classPath) {
		if (classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
			return false;
		}
		try (var jar = new JarFile(classPath)) {
			var manifest = jar.getManifest();
			return manifest != null && manifest.getMainAttributes().getValue("Spring-Boot-Lib") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Writes {@code properties} to {@code file}, a header first. */
	static void write(Path file, Map<String, String> properties) {
		var lines = new ArrayList<String>();
		lines.add("# written by the local fleet's launcher at every start (the ports change); do not edit");
		properties.forEach((key, value) -> lines.add(key + "=" + value.replace("\\", "\\\\")));
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String logDirOf(Path serverProperties) {
		var properties = new java.util.Properties();
		try (var reader = Files.newBufferedReader(serverProperties)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		var logDirs = properties.getProperty("log.dirs");
		if (logDirs == null || logDirs.contains(",")) {
			throw new IllegalArgumentException("Expected one log.dirs in " + serverProperties + ": " + logDirs);
		}
		return logDirs;
	}

	static boolean isFormatted(Path logDir) {
		return Files.exists(logDir.resolve("meta.properties"));
	}
}

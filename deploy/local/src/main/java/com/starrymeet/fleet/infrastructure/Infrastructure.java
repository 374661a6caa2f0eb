package com.starrymeet.fleet.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.starrymeet.fleet.process.Ports;
import com.starrymeet.fleet.process.ProcessTree;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import redis.embedded.RedisServer;

/**
 * PostgreSQL 17 (data directory kept between runs), a single-node KRaft Kafka broker in this JVM
 * ({@code auto.create.topics.enable=true}; KRaft picks its own port) and a redis-server bound to 127.0.0.1.
 * Started in that order, stopped in reverse. Each part is stopped even when another fails to stop.
 */
public final class Infrastructure implements AutoCloseable {

	private final Consumer<String> progress;

	private @Nullable EmbeddedPostgres postgres;

	private @Nullable EmbeddedKafkaKraftBroker kafka;

	private @Nullable RedisServer redis;

	private int redisPort;

	private @Nullable Path postgresDataDir;

	private Infrastructure(Consumer<String> progress) {
		this.progress = progress;
	}

	/**
	 * Starts everything and creates each of {@code databases} that does not exist yet. On failure, whatever
	 * started is stopped again.
	 */
	public static Infrastructure start(Path postgresDataDir, Path logDir, int postgresPort, int redisPort,
			Collection<String> databases, Consumer<String> progress) {
		var infrastructure = new Infrastructure(progress);
		try {
			infrastructure.startPostgres(postgresDataDir, logDir.resolve("postgres.log"), postgresPort, databases);
			infrastructure.startKafka();
			infrastructure.startRedis(redisPort);
			return infrastructure;
		}
		catch (RuntimeException | IOException ex) {
			infrastructure.close();
			throw ex instanceof RuntimeException runtime ? runtime
					: new UncheckedIOException((IOException) ex);
		}
	}

	private void startPostgres(Path dataDir, Path log, int port, Collection<String> databases) throws IOException {
		var started = System.nanoTime();
		Files.createDirectories(dataDir);
		this.postgresDataDir = dataDir;
		this.postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setPort(port == 0 ? Ports.free() : port)
			.setRegisterShutdownHook(false)
			.setPGStartupWait(Duration.ofSeconds(60))
			.setServerConfig("max_connections", "200")
			.setServerConfig("listen_addresses", "localhost")
			.setOutputRedirector(Redirect.appendTo(log.toFile()))
			.setErrorRedirector(Redirect.appendTo(log.toFile()))
			.start();
		try (var connection = this.postgres.getPostgresDatabase().getConnection();
				var statement = connection.createStatement()) {
			for (var database : databases) {
				try (var exists = statement
					.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
					if (!exists.next()) {
						statement.execute("CREATE DATABASE " + database);
						this.progress.accept("  created database " + database);
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the service databases: " + ex.getMessage(), ex);
		}
		this.progress.accept("PostgreSQL 17 on port " + this.postgres.getPort() + " (" + dataDir + ") ready in "
				+ seconds(started));
	}

	private void startKafka() {
		var started = System.nanoTime();
		var broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.brokerProperty("auto.create.topics.enable", "true");
		this.kafka = broker;
		broker.afterPropertiesSet();
		this.progress.accept("Kafka (KRaft) on " + broker.getBrokersAsString() + " ready in " + seconds(started));
	}

	private void startRedis(int port) throws IOException {
		var started = System.nanoTime();
		this.redisPort = port == 0 ? Ports.free() : port;
		var server = RedisServer.newRedisServer()
			.port(this.redisPort)
			.bind("127.0.0.1")
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		this.redis = server;
		server.start();
		this.progress.accept("Redis on port " + this.redisPort + " ready in " + seconds(started));
	}

	public int postgresPort() {
		return require(this.postgres, "PostgreSQL").getPort();
	}

	/** {@code jdbc:postgresql://localhost:<port>/<database>}. */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + postgresPort() + "/" + database;
	}

	public String kafkaBootstrapServers() {
		return require(this.kafka, "Kafka").getBrokersAsString();
	}

	public int redisPort() {
		return this.redisPort;
	}

	/** The postmaster, read from {@code postmaster.pid} in the data directory. */
	public Optional<ProcessHandle> postgresProcess() {
		var dataDir = this.postgresDataDir;
		return this.postgres == null || dataDir == null ? Optional.empty() : postmasterOf(dataDir);
	}

	private static Optional<ProcessHandle> postmasterOf(Path dataDir) {
		var pidFile = dataDir.resolve("postmaster.pid");
		try {
			var lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
			return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/** The redis-server, a child of this JVM. */
	public Optional<ProcessHandle> redisProcess() {
		return ProcessHandle.current()
			.children()
			.filter(child -> child.info().commandLine().orElse("").contains("redis-server"))
			.findFirst();
	}

	/** Stops Redis, Kafka and PostgreSQL, in that order. Safe to call more than once. */
	@Override
	public synchronized void close() {
		var processes = processes();
		var failures = new ArrayList<String>();
		var server = this.redis;
		this.redis = null;
		if (server != null) {
			try {
				server.stop();
			}
			catch (IOException | RuntimeException ex) {
				failures.add("Redis: " + ex.getMessage());
			}
		}
		var broker = this.kafka;
		this.kafka = null;
		if (broker != null) {
			try {
				broker.destroy();
			}
			catch (RuntimeException ex) {
				failures.add("Kafka: " + ex.getMessage());
			}
		}
		var database = this.postgres;
		this.postgres = null;
		if (database != null) {
			var dataDir = this.postgresDataDir;
			var postmaster = dataDir == null ? Optional.<ProcessHandle>empty() : postmasterOf(dataDir);
			try {
				database.close();
			}
			catch (IOException | RuntimeException ex) {
				// pg_ctl stop fails when Ctrl-C already reached the postmaster; make sure it is gone
				postmaster.ifPresent(ProcessHandle::destroy);
				failures.add("PostgreSQL: " + ex.getMessage());
			}
		}
		// pg_ctl returns once postmaster.pid is gone, a moment before the processes have exited
		ProcessTree.awaitExit(processes, Duration.ofSeconds(15));
		ProcessTree.stop(processes.stream().filter(ProcessHandle::isAlive).toList(), Duration.ofSeconds(5))
			.forEach(killed -> failures.add("killed pid " + killed.pid()));
		if (!failures.isEmpty()) {
			this.progress.accept("  infrastructure stop reported: " + String.join("; ", failures));
		}
	}

	/** Every infrastructure process (PostgreSQL with its backends, redis-server), for liveness checks. */
	public List<ProcessHandle> processes() {
		var processes = new ArrayList<ProcessHandle>();
		postgresProcess().ifPresent(postmaster -> {
			processes.add(postmaster);
			postmaster.descendants().forEach(processes::add);
		});
		redisProcess().ifPresent(processes::add);
		return processes;
	}

	private static <T> T require(@Nullable T value, String what) {
		if (value == null) {
			throw new IllegalStateException(what + " is not running");
		}
		return value;
	}

	private static String seconds(long startedNanos) {
		return String.format("%.1f s", (System.nanoTime() - startedNanos) / 1e9);
	}
}

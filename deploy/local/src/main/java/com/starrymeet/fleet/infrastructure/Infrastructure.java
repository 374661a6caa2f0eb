package com.starrymeet.fleet.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.starrymeet.common.events.Topics;
import com.starrymeet.fleet.process.ProcessLauncher;
import com.starrymeet.fleet.process.Ports;
import com.starrymeet.fleet.process.ProcessTree;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jspecify.annotations.Nullable;
import redis.embedded.core.ExecutableProvider;

/**
 * The fleet's infrastructure, started in this order and stopped in reverse:
 * <ul>
 * <li>PostgreSQL 17 (zonky binaries) with its data directory kept between runs; {@code pg_ctl} runs the
 * postmaster as a daemon in a session of its own.</li>
 * <li>Kafka: a single KRaft node in a JVM of its own ({@link KafkaBroker}), its log under the data directory
 * ({@code kafka/data}, formatted on first start, kept between runs), {@code auto.create.topics.enable=false}:
 * every topic of {@link Topics#catalog()} is created here with its settings before any service starts.</li>
 * <li>redis-server (the binary shipped in embedded-redis), bound to 127.0.0.1, nothing persisted.</li>
 * </ul>
 * Kafka and Redis are started through the fleet's {@link ProcessLauncher}: a session of their own (a signal for
 * the launcher's terminal does not reach them), and SIGTERM when the launcher dies. {@link #watch} reports any
 * of the three dying while the fleet runs. Each part is stopped even when another fails to stop.
 */
public final class Infrastructure implements AutoCloseable {

	/** How long Kafka may take to stop cleanly (controlled shutdown, log flushed) before SIGKILL. */
	private static final Duration KAFKA_STOP_GRACE = Duration.ofSeconds(30);

	private static final Duration KAFKA_START_TIMEOUT = Duration.ofSeconds(90);

	private static final Duration REDIS_START_TIMEOUT = Duration.ofSeconds(20);

	/** Where and how to run the infrastructure. Port {@code 0}: a free port. */
	public record Settings(Path dataDir, Path logDir, int postgresPort, int kafkaPort, int redisPort,
			Collection<String> databases) {

		public Path postgresDataDir() {
			return this.dataDir.resolve("postgres");
		}

		public Path kafkaDir() {
			return this.dataDir.resolve("kafka");
		}
	}

	private final Settings settings;

	private final ProcessLauncher launcher;

	private final Consumer<String> progress;

	private volatile boolean closing;

	private @Nullable EmbeddedPostgres postgres;

	private @Nullable Process kafka;

	private int kafkaPort;

	private @Nullable Process redis;

	private int redisPort;

	private Infrastructure(Settings settings, ProcessLauncher launcher, Consumer<String> progress) {
		this.settings = settings;
		this.launcher = launcher;
		this.progress = progress;
	}

	/**
	 * Starts everything, creates each database that does not exist yet and each Kafka topic of the catalog that
	 * does not exist yet. On failure, whatever started is stopped again.
	 */
	public static Infrastructure start(Settings settings, ProcessLauncher launcher, Consumer<String> progress) {
		var infrastructure = new Infrastructure(settings, launcher, progress);
		try {
			infrastructure.startPostgres();
			infrastructure.startKafka();
			infrastructure.startRedis();
			return infrastructure;
		}
		catch (RuntimeException | IOException ex) {
			infrastructure.close();
			throw ex instanceof RuntimeException runtime ? runtime : new UncheckedIOException((IOException) ex);
		}
	}

	private void startPostgres() throws IOException {
		var started = System.nanoTime();
		var dataDir = this.settings.postgresDataDir();
		var log = this.settings.logDir().resolve("postgres.log");
		Files.createDirectories(dataDir);
		int port = this.settings.postgresPort();
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
			for (var database : this.settings.databases()) {
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
		var dir = this.settings.kafkaDir();
		var logDir = dir.resolve("data");
		boolean fresh = !KafkaBroker.isFormatted(logDir);
		this.kafkaPort = this.settings.kafkaPort() == 0 ? Ports.free() : requireFree("Kafka", this.settings.kafkaPort());
		int controllerPort = Ports.free();
		var serverProperties = dir.resolve("server.properties");
		KafkaBroker.write(serverProperties, KafkaBroker.serverProperties(logDir, this.kafkaPort, controllerPort));
		var log = this.settings.logDir().resolve("kafka.log");
		deleteLog(log);
		var process = this.launcher.start(KafkaBroker.command(serverProperties), log);
		this.kafka = process;
		var deadline = System.nanoTime() + KAFKA_START_TIMEOUT.toNanos();
		awaitPort("Kafka", process, log, this.kafkaPort, deadline);
		var topics = createTopics(process, log, deadline);
		this.progress.accept("Kafka (KRaft, pid " + process.pid() + ") on " + kafkaBootstrapServers() + " ("
				+ logDir + (fresh ? ", formatted now" : "") + ") ready in " + seconds(started) + "; topics: " + topics);
	}

	/** Creates the catalog's missing topics; returns a summary. Retries until the broker accepts them. */
	private String createTopics(Process process, Path log, long deadlineNanos) {
		var properties = new Properties();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers());
		properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
		properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
		properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "starrymeet-fleet-launcher");
		var catalog = Topics.catalog();
		try (var admin = Admin.create(properties)) {
			@Nullable Exception last = null;
			while (System.nanoTime() < deadlineNanos) {
				requireAlive("Kafka", process, log);
				try {
					var existing = new HashSet<>(admin.listTopics().names().get(10, TimeUnit.SECONDS));
					var missing = catalog.stream()
						.filter(spec -> !existing.contains(spec.name()))
						.map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.config()))
						.toList();
					for (var result : admin.createTopics(missing).values().values()) {
						try {
							result.get(10, TimeUnit.SECONDS);
						}
						catch (ExecutionException ex) {
							if (!(ex.getCause() instanceof TopicExistsException)) {
								throw ex;
							}
						}
					}
					return missing.size() + " created, " + (catalog.size() - missing.size()) + " already there (of "
							+ catalog.size() + " in the catalog)";
				}
				catch (ExecutionException | TimeoutException ex) {
					// e.g. the broker is not registered yet: "only 0 broker(s) are registered"
					last = ex;
					pause(Duration.ofMillis(250));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while creating Kafka topics", ex);
				}
			}
			throw new IllegalStateException("Kafka did not accept the topics within " + KAFKA_START_TIMEOUT.toSeconds()
					+ " s" + (last == null ? "" : ": " + rootMessage(last)) + ". Log: " + log + "\n" + tail(log, 25));
		}
	}

	private void startRedis() throws IOException {
		var started = System.nanoTime();
		this.redisPort = this.settings.redisPort() == 0 ? Ports.free() : requireFree("Redis", this.settings.redisPort());
		var binary = ExecutableProvider.newJarResourceProvider().get();
		var dir = this.settings.dataDir().resolve("redis");
		Files.createDirectories(dir);
		var log = this.settings.logDir().resolve("redis.log");
		deleteLog(log);
		// nothing is persisted: rate-limit buckets, deny-listed tokens (at most 15 min old) and cache entries
		var process = this.launcher.start(List.of(binary.getAbsolutePath(), "--port", Integer.toString(this.redisPort),
				"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir",
				dir.toString()), log);
		this.redis = process;
		awaitRedis(process, log, System.nanoTime() + REDIS_START_TIMEOUT.toNanos());
		this.progress.accept("Redis (pid " + process.pid() + ") on port " + this.redisPort + " ready in "
				+ seconds(started));
	}

	private void awaitRedis(Process process, Path log, long deadlineNanos) {
		while (true) {
			requireAlive("Redis", process, log);
			try (var socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.redisPort), 500);
				socket.setSoTimeout(1000);
				socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
				var answer = new byte[7];
				int read = socket.getInputStream().read(answer);
				if (read > 0 && new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			if (System.nanoTime() > deadlineNanos) {
				throw new IllegalStateException("Redis did not answer PING within " + REDIS_START_TIMEOUT.toSeconds()
						+ " s. Log: " + log + "\n" + tail(log, 25));
			}
			pause(Duration.ofMillis(50));
		}
	}

	private static void awaitPort(String what, Process process, Path log, int port, long deadlineNanos) {
		while (true) {
			requireAlive(what, process, log);
			try (var socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
				return;
			}
			catch (IOException ex) {
				// not listening yet
			}
			if (System.nanoTime() > deadlineNanos) {
				throw new IllegalStateException(what + " did not listen on port " + port + " in time. Log: " + log
						+ "\n" + tail(log, 25));
			}
			pause(Duration.ofMillis(100));
		}
	}

	/** A given port must be free: the readiness checks below would otherwise talk to whoever holds it. */
	private static int requireFree(String what, int port) {
		if (!Ports.isFree(port)) {
			throw new IllegalStateException(what + " port " + port + " is already in use. Is another fleet running?");
		}
		return port;
	}

	private static void requireAlive(String what, Process process, Path log) {
		if (!process.isAlive()) {
			throw new IllegalStateException(what + " exited with code " + ProcessTree.exitCode(process.exitValue())
					+ " while starting. Log: "
					+ log + "\n" + tail(log, 25));
		}
	}

	/**
	 * Calls {@code onDeath} with a message when PostgreSQL, Kafka or Redis exits while this infrastructure is not
	 * being closed (killed, crashed, or stopped by a signal that was meant for someone else).
	 */
	public void watch(Consumer<String> onDeath) {
		postgresProcess().ifPresent(postmaster -> postmaster.onExit()
			.thenRun(() -> died(onDeath, "PostgreSQL (postmaster pid " + postmaster.pid() + ") exited unexpectedly; see "
					+ this.settings.logDir().resolve("postgres.log"))));
		var broker = this.kafka;
		if (broker != null) {
			broker.onExit().thenRun(() -> died(onDeath, "Kafka (pid " + broker.pid() + ") exited unexpectedly with code "
					+ ProcessTree.exitCode(broker.exitValue()) + "; see " + this.settings.logDir().resolve("kafka.log")));
		}
		var server = this.redis;
		if (server != null) {
			server.onExit().thenRun(() -> died(onDeath, "Redis (pid " + server.pid() + ") exited unexpectedly with code "
					+ ProcessTree.exitCode(server.exitValue()) + "; see " + this.settings.logDir().resolve("redis.log")));
		}
	}

	private void died(Consumer<String> onDeath, String message) {
		if (!this.closing) {
			onDeath.accept(message);
		}
	}

	public int postgresPort() {
		return require(this.postgres, "PostgreSQL").getPort();
	}

	/** {@code jdbc:postgresql://localhost:<port>/<database>}. */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + postgresPort() + "/" + database;
	}

	/** {@code 127.0.0.1:<port>}: the broker listens on, and advertises, the loopback address only. */
	public String kafkaBootstrapServers() {
		return "127.0.0.1:" + this.kafkaPort;
	}

	public int kafkaPort() {
		return this.kafkaPort;
	}

	public int redisPort() {
		return this.redisPort;
	}

	/** The postmaster, read from {@code postmaster.pid} in the data directory. */
	public Optional<ProcessHandle> postgresProcess() {
		return this.postgres == null ? Optional.empty() : postmasterOf(this.settings.postgresDataDir());
	}

	/** The broker JVM, a child of this JVM. */
	public Optional<ProcessHandle> kafkaProcess() {
		return Optional.ofNullable(this.kafka).map(Process::toHandle);
	}

	/** The redis-server, a child of this JVM. */
	public Optional<ProcessHandle> redisProcess() {
		return Optional.ofNullable(this.redis).map(Process::toHandle);
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

	/** Stops Redis, Kafka and PostgreSQL, in that order. Safe to call more than once. */
	@Override
	public synchronized void close() {
		this.closing = true;
		var processes = processes();
		var failures = new ArrayList<String>();
		var server = this.redis;
		this.redis = null;
		if (server != null) {
			ProcessTree.stop(List.of(server.toHandle()), Duration.ofSeconds(10))
				.forEach(killed -> failures.add("Redis: killed pid " + killed.pid()));
		}
		var broker = this.kafka;
		this.kafka = null;
		if (broker != null) {
			ProcessTree.stop(List.of(broker.toHandle()), KAFKA_STOP_GRACE)
				.forEach(killed -> failures.add("Kafka: killed pid " + killed.pid() + " (no exit within "
						+ KAFKA_STOP_GRACE.toSeconds() + " s of SIGTERM)"));
		}
		var database = this.postgres;
		this.postgres = null;
		if (database != null) {
			var postmaster = postmasterOf(this.settings.postgresDataDir());
			try {
				database.close();
			}
			catch (IOException | RuntimeException ex) {
				// pg_ctl stop fails when the postmaster is already gone or going; make sure it is gone
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

	/** Every infrastructure process (PostgreSQL with its backends, the Kafka JVM, redis-server). */
	public List<ProcessHandle> processes() {
		var processes = new ArrayList<ProcessHandle>();
		postgresProcess().ifPresent(postmaster -> {
			processes.add(postmaster);
			postmaster.descendants().forEach(processes::add);
		});
		kafkaProcess().ifPresent(processes::add);
		redisProcess().ifPresent(processes::add);
		return processes;
	}

	private static String rootMessage(Throwable ex) {
		var cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

	/** The last {@code lines} lines of {@code log}, for error messages. */
	static String tail(Path log, int lines) {
		try {
			var all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(cannot read " + log + ": " + ex.getMessage() + ")";
		}
	}

	/** Logs of Kafka and Redis are rewritten at each launch, like the services' logs. */
	private static void deleteLog(Path log) {
		try {
			Files.deleteIfExists(log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting the infrastructure", ex);
		}
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

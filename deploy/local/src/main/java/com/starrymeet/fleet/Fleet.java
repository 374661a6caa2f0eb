package com.starrymeet.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.starrymeet.fleet.infrastructure.Infrastructure;
import com.starrymeet.fleet.mail.LocalMailbox;
import com.starrymeet.fleet.process.PidFile;
import com.starrymeet.fleet.process.Ports;
import com.starrymeet.fleet.process.ProcessLauncher;
import com.starrymeet.fleet.process.ProcessTree;
import com.starrymeet.fleet.process.ServiceProcess;
import com.starrymeet.stripesim.StripeSimulator;
import org.jspecify.annotations.Nullable;

/**
 * A running StarryMeet fleet: PostgreSQL, Kafka and Redis, the Stripe simulator (in this JVM), then every service as
 * its own JVM.
 * {@link #start(FleetOptions)} returns once every service answers its readiness probe; {@link #close()} (also
 * run by a JVM shutdown hook, i.e. on Ctrl-C or SIGTERM) stops every process it started, then Redis, Kafka and
 * PostgreSQL.
 * <p>
 * <b>Watchdog.</b> Once started, the fleet watches what it started. A service that exits without being asked to
 * is started again, at most {@value #MAX_RESTARTS} times within {@link #RESTART_WINDOW} per service (a restart
 * that dies or does not become ready counts as a death too); one death more stops the whole fleet. PostgreSQL,
 * Kafka or Redis exiting stops the whole fleet at once: the services would run on half-alive without them.
 * Either way the reason is printed and kept in {@link #failure()}.
 */
public final class Fleet implements AutoCloseable {

	private static final Duration STOP_GRACE = Duration.ofSeconds(30);

	/** A service recording its AOT cache writes it when it stops: seconds of CPU each, all at once. */
	private static final Duration TRAINING_STOP_GRACE = Duration.ofSeconds(120);

	/** Whether services use (and on their first run record) the JDK's AOT cache, see {@link #aotCache}. */
	public static final String AOT_CACHE_PROPERTY = "starrymeet.fleet.aot-cache";

	/** A service that is still starting holds nothing worth a graceful shutdown. */
	private static final Duration FAILED_START_GRACE = Duration.ofSeconds(5);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

	/** Restarts of one service the watchdog allows within {@link #RESTART_WINDOW}. */
	static final int MAX_RESTARTS = 3;

	static final Duration RESTART_WINDOW = Duration.ofMinutes(10);

	private final FleetOptions options;

	private final Map<Service, Integer> ports = new EnumMap<>(Service.class);

	/** The gateway's actuator port (it refuses to start with actuator on its public port). */
	private int gatewayManagementPort;

	private final Map<Service, ServiceProcess> running = new ConcurrentHashMap<>();

	/** Every process this fleet ever started, including stopped ones and infrastructure. */
	private final List<ProcessHandle> started = new CopyOnWriteArrayList<>();

	private final ProcessLauncher launcher = new ProcessLauncher();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final PidFile pidFile;

	private final Object lifecycle = new Object();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final Thread shutdownHook = new Thread(this::close, "fleet-shutdown");

	/** A service was started recording its AOT cache (it needs longer to stop). */
	private volatile boolean training;

	private @Nullable FileChannel lockChannel;

	private @Nullable FileLock lock;

	private @Nullable Infrastructure infrastructure;

	/** Stripe's stand-in: payment-service's API base, sending signed webhooks to the gateway like Stripe does. */
	private @Nullable StripeSimulator stripe;

	private int stripePort;

	/** The SMTP server notification-service sends to, and the page to read what it sent. */
	private @Nullable LocalMailbox mailbox;

	private int smtpPort;

	private int mailboxPort;

	/** Keys the simulator accepts and signs with; made once per data directory (not secrets of anything real). */
	private StripeKeys stripeKeys = new StripeKeys("", "", "");

	private Duration startupTime = Duration.ZERO;

	/** Set once every service was ready: from then on, a service that dies is restarted. */
	private volatile boolean watching;

	/** Restart times (nanoTime) per service, within the last {@link #RESTART_WINDOW}. */
	private final Map<Service, Deque<Long>> restarts = new ConcurrentHashMap<>();

	/** Services the watchdog is restarting right now (their deaths meanwhile are its business). */
	private final Set<Service> restarting = ConcurrentHashMap.newKeySet();

	private final ExecutorService watchdog = Executors
		.newSingleThreadExecutor(task -> {
			var thread = new Thread(task, "fleet-watchdog");
			thread.setDaemon(true);
			return thread;
		});

	/** Why the watchdog stopped the fleet, if it did. */
	private final AtomicReference<@Nullable String> failure = new AtomicReference<>();

	private Fleet(FleetOptions options) {
		this.options = options;
		this.pidFile = new PidFile(options.dataDir().resolve("fleet.pids"));
	}

	/**
	 * Starts the whole fleet and waits until every service is ready.
	 * @throws FleetException when something does not come up; everything already started is stopped again
	 */
	public static Fleet start(FleetOptions options) {
		var fleet = new Fleet(options);
		Runtime.getRuntime().addShutdownHook(fleet.shutdownHook);
		try {
			fleet.boot();
			return fleet;
		}
		catch (RuntimeException ex) {
			fleet.shutdown(FAILED_START_GRACE);
			throw ex instanceof FleetException ? ex : new FleetException(ex.getMessage(), ex);
		}
	}

	private void boot() {
		var began = System.nanoTime();
		var progress = this.options.progress();
		step(() -> {
			checkJars();
			prepareDataDir();
			stageJars();
			resolvePorts();
		});
		step(() -> {
			var infra = Infrastructure.start(new Infrastructure.Settings(this.options.dataDir(), this.options.logDir(),
					this.options.postgresPort(), this.options.kafkaPort(), this.options.redisPort(), databases()),
					this.launcher, progress);
			this.infrastructure = infra;
			this.started.addAll(infra.processes());
			recordPids();
			infra.watch(this::infrastructureDied);
		});
		step(() -> {
			this.stripeKeys = localStripeKeys();
			var webhook = URI.create("http://localhost:" + this.ports.get(Service.GATEWAY) + "/v1/webhooks/stripe");
			// its customers, intents, charges and refunds survive a restart like payment-service's rows that name them
			this.stripe = StripeSimulator.start(new StripeSimulator.Settings(this.stripePort, this.stripeKeys.secretKey(),
					this.stripeKeys.webhookSecret(), List.of(webhook))
				.withStateFile(this.options.dataDir().resolve("stripe-state.jsonl")));
			progress.accept("Stripe simulator on " + this.stripe.baseUrl() + ", webhooks to " + webhook);
			this.mailbox = LocalMailbox.start(this.smtpPort, this.mailboxPort,
					URI.create("http://localhost:" + this.ports.get(Service.GATEWAY)));
			progress.accept("Mailbox (SMTP " + this.mailbox.smtpPort() + ") on " + this.mailbox.webUrl());
		});
		step(() -> {
			progress.accept("Starting " + Service.values().length + " services (logs in " + this.options.logDir()
					+ ")" + (this.launcher.childrenDieWithLauncher() ? "" : "; setpriv not found, "
							+ "services would outlive a killed launcher")
					+ (this.launcher.childrenInOwnSession() ? "" : "; setsid not found, a Ctrl-C reaches every "
							+ "process directly"));
			for (var service : Service.values()) {
				try {
					Files.deleteIfExists(log(service));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				launch(service);
			}
		});
		awaitReady(List.of(Service.values()), began);
		this.startupTime = Duration.ofNanos(System.nanoTime() - began);
		this.watching = true;
		// a service that died between its readiness and now was ignored: look once more
		this.running.forEach((service, process) -> {
			if (!process.isAlive()) {
				serviceDied(service, process, process.exitMessage());
			}
		});
	}

	/**
	 * A service exited without being asked to. During start-up {@link #awaitReady} reports it (the start fails);
	 * afterwards the watchdog restarts it, within its budget.
	 */
	private void serviceDied(Service service, ServiceProcess process, String message) {
		if (stopping()) {
			return;
		}
		if (!this.watching) {
			this.options.progress().accept("WARNING: " + message);
			return;
		}
		if (this.running.get(service) != process || this.restarting.contains(service)) {
			return; // stopped on purpose and replaced, or a restart in progress handles it
		}
		this.restarting.add(service);
		try {
			this.watchdog.execute(() -> restart(service, message));
		}
		catch (RejectedExecutionException ex) {
			this.restarting.remove(service); // the fleet is stopping
		}
	}

	private void restart(Service service, String why) {
		var reason = why;
		try {
			while (!stopping()) {
				var times = this.restarts.computeIfAbsent(service, key -> new ArrayDeque<>());
				var now = System.nanoTime();
				while (!times.isEmpty() && now - times.peekFirst() > RESTART_WINDOW.toNanos()) {
					times.removeFirst();
				}
				if (times.size() >= MAX_RESTARTS) {
					fail(service.module() + " died again after " + times.size() + " restarts within "
							+ RESTART_WINDOW.toMinutes() + " min (" + reason + ")");
					return;
				}
				times.addLast(now);
				this.options.progress().accept("WARNING: " + reason + ". Restarting it (restart "
						+ times.size() + " of at most " + MAX_RESTARTS + " within " + RESTART_WINDOW.toMinutes()
						+ " min) ...");
				try {
					step(() -> launch(service));
					awaitReady(List.of(service), now);
					var back = this.running.get(service);
					this.options.progress()
						.accept(service.module() + " is back" + (back == null ? "" : " (pid " + back.pid() + ")") + ".");
					return;
				}
				catch (RuntimeException ex) {
					if (stopping()) {
						return;
					}
					reason = "the restarted " + service.module() + " did not become ready: " + ex.getMessage();
					var unready = this.running.get(service);
					if (unready != null && unready.isAlive()) {
						unready.stop(FAILED_START_GRACE); // it holds the port the next attempt needs
					}
				}
			}
		}
		finally {
			this.restarting.remove(service);
			var current = this.running.get(service);
			if (current != null && !current.isAlive() && !stopping()) {
				// it died in the moment between its readiness and the end of this restart
				serviceDied(service, current, current.exitMessage());
			}
		}
	}

	private void infrastructureDied(String message) {
		if (!stopping()) {
			fail(message + "; the fleet cannot do without it");
		}
	}

	/** Closed, or about to be: the watchdog gave up. */
	private boolean stopping() {
		return this.closed.get() || this.failure.get() != null;
	}

	/** Says why, then stops the whole fleet (from another thread: this may run on a process-exit callback). */
	private void fail(String reason) {
		if (this.closed.get() || !this.failure.compareAndSet(null, reason)) {
			return;
		}
		var progress = this.options.progress();
		progress.accept("ERROR: " + reason + ".");
		progress.accept("Stopping the whole fleet rather than leave it half-alive; the logs are in "
				+ this.options.logDir() + ".");
		var stopper = new Thread(this::close, "fleet-watchdog-stop");
		stopper.setDaemon(false);
		stopper.start();
	}

	/** Why the watchdog stopped the fleet (a process died and could not or must not be restarted), if it did. */
	public Optional<String> failure() {
		return Optional.ofNullable(this.failure.get());
	}

	/** Stops one service (SIGTERM, then SIGKILL after 30 s). */
	public void stop(String service) {
		var which = Service.of(service);
		var process = this.running.remove(which);
		if (process == null) {
			throw new IllegalStateException(which.module() + " is not running");
		}
		process.stop(stopGrace());
		this.options.progress().accept(which.module() + " stopped");
	}

	/** Starts a stopped service again on its port and waits until it is ready. */
	public void start(String service) {
		var which = Service.of(service);
		step(() -> {
			if (this.running.containsKey(which)) {
				throw new IllegalStateException(which.module() + " is already running");
			}
			launch(which);
		});
		awaitReady(List.of(which), System.nanoTime());
	}

	/** {@code http://localhost:<gateway port>}. */
	public URI gatewayUrl() {
		return URI.create("http://localhost:" + port(Service.GATEWAY.module()));
	}

	public int port(String service) {
		var port = this.ports.get(Service.of(service));
		if (port == null) {
			throw new IllegalStateException("Ports are not assigned yet");
		}
		return port;
	}

	/** From {@link #start(FleetOptions)} until every service was ready. */
	public Duration startupTime() {
		return this.startupTime;
	}

	public FleetOptions options() {
		return this.options;
	}

	/** Every process this fleet started (services, also stopped or restarted ones; PostgreSQL; Kafka; Redis). */
	public List<ProcessHandle> startedProcesses() {
		return List.copyOf(new LinkedHashSet<>(this.started));
	}

	/** One row per service, then PostgreSQL, Kafka, Redis and the launcher (this JVM). */
	public List<Member> members() {
		var members = new ArrayList<Member>();
		for (var service : Service.values()) {
			var process = this.running.get(service);
			var port = this.ports.getOrDefault(service, 0);
			members.add(process == null ? new Member(service.module(), port, "http://localhost:" + port, -1, -1)
					: new Member(service.module(), port, process.baseUrl().toString(), process.pid(),
							process.rssKb()));
		}
		var infra = this.infrastructure;
		if (infra != null) {
			var postmaster = infra.postgresProcess();
			members.add(new Member("postgresql", infra.postgresPort(), infra.jdbcUrl("starrymeet_*"),
					postmaster.map(ProcessHandle::pid).orElse(-1L),
					postmaster.map(ProcessTree::treePssKb).orElse(-1L)));
			var kafka = infra.kafkaProcess();
			members.add(new Member("kafka", infra.kafkaPort(), infra.kafkaBootstrapServers(),
					kafka.map(ProcessHandle::pid).orElse(-1L),
					kafka.map(handle -> ProcessTree.rssKb(handle.pid())).orElse(-1L)));
			var redis = infra.redisProcess();
			members.add(new Member("redis", infra.redisPort(), "redis://localhost:" + infra.redisPort(),
					redis.map(ProcessHandle::pid).orElse(-1L),
					redis.map(handle -> ProcessTree.rssKb(handle.pid())).orElse(-1L)));
		}
		var self = ProcessHandle.current().pid();
		members.add(new Member("launcher", 0, "(this JVM)", self, ProcessTree.rssKb(self)));
		return members;
	}

	/** Blocks until {@link #close()} has finished (e.g. after Ctrl-C). */
	public void awaitClosed() throws InterruptedException {
		this.stopped.await();
	}

	/** Like {@link #awaitClosed()}, for at most {@code timeout}; whether the fleet is closed. */
	public boolean awaitClosed(Duration timeout) throws InterruptedException {
		return this.stopped.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
	}

	/**
	 * Stops every service (SIGTERM to all at once, SIGKILL after 30 s, or 120 s when services record their AOT cache,
	 * descendants included), then Redis, Kafka
	 * and PostgreSQL. Safe to call more than once and from a shutdown hook.
	 */
	@Override
	public void close() {
		shutdown(stopGrace());
	}

	private Duration stopGrace() {
		return this.training ? TRAINING_STOP_GRACE : STOP_GRACE;
	}

	private void shutdown(Duration grace) {
		if (!this.closed.compareAndSet(false, true)) {
			awaitQuietly();
			return;
		}
		try {
			synchronized (this.lifecycle) {
				var progress = this.options.progress();
				if (!this.running.isEmpty()) {
					progress.accept("Stopping " + this.running.size() + " services ...");
				}
				var processes = new ArrayList<ProcessHandle>();
				this.running.values().forEach(process -> {
					process.markStopping();
					processes.add(process.handle());
				});
				this.running.clear();
				var killed = ProcessTree.stop(processes, grace);
				killed.forEach(handle -> progress.accept("  killed pid " + handle.pid() + " (no exit after SIGTERM)"));
				var simulator = this.stripe;
				if (simulator != null) {
					simulator.close();
					this.stripe = null;
				}
				var mail = this.mailbox;
				if (mail != null) {
					mail.close();
					this.mailbox = null;
				}
				var infra = this.infrastructure;
				if (infra != null) {
					this.started.addAll(infra.processes());
					progress.accept("Stopping Redis, Kafka and PostgreSQL ...");
					infra.close();
				}
				this.launcher.close();
				this.watchdog.shutdownNow();
				if (this.lock != null) {
					this.pidFile.delete();
					releaseLock();
				}
				if (infra != null || !processes.isEmpty()) {
					progress.accept("Fleet stopped.");
				}
			}
		}
		finally {
			this.stopped.countDown();
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// already shutting down: this is the hook
			}
		}
	}

	private void awaitQuietly() {
		try {
			this.stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void step(Runnable action) {
		synchronized (this.lifecycle) {
			if (this.closed.get()) {
				throw new FleetException("The fleet was stopped");
			}
			action.run();
		}
	}

	private void checkJars() {
		var missing = new ArrayList<String>();
		for (var service : Service.values()) {
			var jar = service.jar(this.options.home());
			if (!Files.isRegularFile(jar)) {
				missing.add(jar.toString());
			}
		}
		if (!missing.isEmpty()) {
			throw new FleetException("Service jar(s) missing under " + this.options.home() + ":\n  "
					+ String.join("\n  ", missing) + "\nRun ./starrymeet run to build (or pass --home=<project root>).");
		}
	}

	/**
	 * Services run from extracted copies under {@code <data-dir>/jars/<module>/} (Spring Boot's {@code -Djarmode=tools
	 * extract}: the application jar and its {@code lib/}). A rebuild while the fleet runs ({@code ./starrymeet test}
	 * in another terminal) rewrites {@code target/*.jar}, and a JVM whose jar changes under it fails on the next class
	 * it loads; and classes from plain jars on the class path load faster than from a jar nested in a jar, and can go
	 * into the JDK's AOT cache ({@link #aotCache}). A copy is refreshed when the built jar's size or time differs (its
	 * AOT cache goes with it); a watchdog restart uses the copy the fleet started with.
	 */
	private void stageJars() {
		var jars = this.options.dataDir().resolve("jars");
		try {
			Files.createDirectories(jars);
			try (var old = Files.newDirectoryStream(jars, "*.jar")) {
				for (var jar : old) {
					Files.delete(jar); // a copy of an earlier launcher's layout (one fat jar per service)
				}
			}
			var stale = new ArrayList<Service>();
			for (var service : Service.values()) {
				var built = service.jar(this.options.home());
				var stamp = Files.size(built) + " " + Files.getLastModifiedTime(built).toMillis();
				var marker = stagedDir(service).resolve(".source");
				if (!Files.exists(stagedJar(service)) || !Files.exists(marker)
						|| !Files.readString(marker).equals(stamp)) {
					stale.add(service);
				}
			}
			// in parallel, one short JVM each (not on the common pool: it has one worker on two cores), all waited for
			try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
				var extractions = stale.stream().map((service) -> pool.submit(() -> {
					extract(service);
					return service;
				})).toList();
				for (var extraction : extractions) {
					extraction.get();
				}
			}
			catch (java.util.concurrent.ExecutionException ex) {
				throw new FleetException("Cannot stage the service jars in " + jars + ": " + ex.getCause().getMessage());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new FleetException("Interrupted while staging the service jars in " + jars);
			}
		}
		catch (IOException ex) {
			throw new FleetException("Cannot stage the service jars in " + jars + ": " + ex.getMessage());
		}
	}

	private void extract(Service service) throws IOException {
		var built = service.jar(this.options.home());
		var dir = stagedDir(service);
		var partial = dir.resolveSibling(dir.getFileName() + ".partial");
		deleteTree(partial);
		Files.createDirectories(partial);
		// from a copy: a rebuild during the extraction must not mix two builds under one stamp
		var source = partial.resolve("source.jar");
		Files.copy(built, source, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
		var stamp = Files.size(source) + " " + Files.getLastModifiedTime(source).toMillis();
		var extracted = partial.resolve("extracted");
		var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djarmode=tools",
				"-jar", source.toString(), "extract", "--destination", extracted.toString());
		try {
			var process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IOException("extracting " + built + " failed (" + String.join(" ", command) + ")");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while extracting " + built, ex);
		}
		// the application jar under the module's name, so the path of a service's jar never depends on its version
		Files.move(extracted.resolve(source.getFileName()), extracted.resolve(service.module() + ".jar"));
		Files.writeString(extracted.resolve(".source"), stamp);
		deleteTree(dir);
		Files.move(extracted, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		deleteTree(partial);
	}

	private Path stagedDir(Service service) {
		return this.options.dataDir().resolve("jars").resolve(service.module());
	}

	private Path stagedJar(Service service) {
		return stagedDir(service).resolve(service.module() + ".jar");
	}

	/**
	 * The JDK's AOT cache of a service (JEP 483/514: its classes loaded and linked, and method profiles, from a
	 * training run), next to its extracted jar. With {@code starrymeet.fleet.aot-cache=true} (what {@code ./starrymeet
	 * run} sets) a service without one records it during its first run ({@code <module>.aot.recording}) and writes it
	 * when it stops; the next launch keeps it if the JVM said it completed ({@link #promoteAotCaches}), and every later
	 * start uses it while the JDK and the JVM options are those it was made with ({@code <module>.aot.stamp}).
	 */
	private Path aotCache(Service service) {
		return stagedDir(service).resolve(service.module() + ".aot");
	}

	/** {@code -XX:AOTCache} when a cache made by this JDK with these options is there, else record one. */
	private String aotOption(Service service) {
		var cache = aotCache(service);
		try {
			if (Files.exists(cache) && aotStamp().equals(readQuietly(aotStampFile(service)))) {
				return "-XX:AOTCache=" + cache;
			}
			Files.deleteIfExists(cache);
			Files.writeString(aotStampFile(service), aotStamp());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.training = true;
		return "-XX:AOTCacheOutput=" + aotRecording(service);
	}

	/**
	 * Before the data directory is prepared (a fresh one loses the logs) and the services start (their logs are
	 * rewritten then): a cache recorded by the last run becomes the cache
	 * only when its JVM reported it complete in its log; one cut short (a kill, a failed start) is dropped and
	 * recorded again.
	 */
	private void promoteAotCaches() throws IOException {
		for (var service : Service.values()) {
			var recording = aotRecording(service);
			if (!Files.exists(recording)) {
				continue;
			}
			var log = log(service);
			var complete = Files.exists(log) && Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1)
				.contains("AOTCache creation is complete: " + recording);
			if (complete) {
				Files.move(recording, aotCache(service), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
			else {
				Files.delete(recording);
			}
		}
	}

	private Path aotRecording(Service service) {
		return stagedDir(service).resolve(service.module() + ".aot.recording");
	}

	private Path aotStampFile(Service service) {
		return stagedDir(service).resolve(service.module() + ".aot.stamp");
	}

	/** What a cache depends on besides the jars: the JDK and the JVM options. */
	private String aotStamp() {
		return Runtime.version() + " " + String.join(" ", this.options.jvmOptions());
	}

	private static String readQuietly(Path file) throws IOException {
		return Files.exists(file) ? Files.readString(file) : "";
	}

	private boolean aotCacheEnabled() {
		return Boolean.getBoolean(AOT_CACHE_PROPERTY) && Runtime.version().feature() >= 25;
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (var paths = Files.walk(root)) {
			for (var path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private void prepareDataDir() {
		var dataDir = this.options.dataDir();
		try {
			Files.createDirectories(dataDir);
			var channel = FileChannel.open(dataDir.resolve("fleet.lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			var acquired = channel.tryLock();
			if (acquired == null) {
				channel.close();
				throw new FleetException("Another fleet is running from " + dataDir + "; stop it first (Ctrl-C)");
			}
			this.lockChannel = channel;
			this.lock = acquired;
			if (!this.pidFile.alive().isEmpty()) {
				this.options.progress()
					.accept("Stopping what a launcher that did not exit cleanly left running (" + this.pidFile.path() + "):");
				this.pidFile.reap(STOP_GRACE, this.options.progress());
			}
			this.pidFile.delete();
			if (aotCacheEnabled()) {
				promoteAotCaches(); // reads the last run's logs, which --fresh wipes
			}
			if (this.options.fresh()) {
				this.options.progress()
					.accept("--fresh: wiping " + dataDir + " (PostgreSQL, Kafka, search index, logs; not the staged jars)");
				wipe(dataDir);
			}
			recordPids();
			Files.createDirectories(this.options.logDir());
			System.setProperty("org.slf4j.simpleLogger.logFile",
					System.getProperty("org.slf4j.simpleLogger.logFile",
							this.options.logDir().resolve("infrastructure.log").toString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void resolvePorts() {
		var taken = new ArrayList<String>();
		for (var service : Service.values()) {
			int port = this.options.ports().get(service);
			if (port == 0) {
				port = Ports.free();
			}
			else if (!Ports.isFree(port)) {
				taken.add(port + " (" + service.module() + ")");
			}
			this.ports.put(service, port);
		}
		int gateway = this.options.ports().get(Service.GATEWAY);
		// gateway port + 1000 (9080 for 8080, the gateway's own default), or a free one with free ports
		this.gatewayManagementPort = gateway == 0 ? Ports.free() : gateway + MANAGEMENT_PORT_OFFSET;
		if (gateway != 0 && (this.gatewayManagementPort > 65535 || !Ports.isFree(this.gatewayManagementPort))) {
			taken.add(this.gatewayManagementPort + " (gateway management)");
		}
		this.stripePort = gateway == 0 ? Ports.free() : gateway + STRIPE_PORT_OFFSET;
		this.smtpPort = gateway == 0 ? Ports.free() : gateway + SMTP_PORT_OFFSET;
		this.mailboxPort = gateway == 0 ? Ports.free() : gateway + MAILBOX_PORT_OFFSET;
		for (var local : List.of(this.smtpPort, this.mailboxPort)) {
			if (gateway != 0 && (local > 65535 || !Ports.isFree(local))) {
				taken.add(local + " (mailbox)");
			}
		}
		if (gateway != 0 && (this.stripePort > 65535 || !Ports.isFree(this.stripePort))) {
			taken.add(this.stripePort + " (Stripe simulator)");
		}
		if (!taken.isEmpty()) {
			throw new FleetException("Port(s) already in use: " + String.join(", ", taken)
					+ ". Is another fleet running? Choose others with --port-base=N.");
		}
	}

	/** The local SMTP server listens on the gateway's port plus this (8105 for 8080), its mailbox page on +26. */
	public static final int SMTP_PORT_OFFSET = 25;

	public static final int MAILBOX_PORT_OFFSET = 26;

	/** The local mailbox (in this JVM): what the services e-mailed. */
	public LocalMailbox mailbox() {
		var current = this.mailbox;
		if (current == null) {
			throw new IllegalStateException("The mailbox is not running");
		}
		return current;
	}

	/** The Stripe simulator listens on the gateway's port plus this (8111 for 8080). */
	public static final int STRIPE_PORT_OFFSET = 31;

	/** The Stripe simulator (in this JVM), e.g. for tests that disturb webhook deliveries. */
	public StripeSimulator stripeSimulator() {
		var simulator = this.stripe;
		if (simulator == null) {
			throw new IllegalStateException("The Stripe simulator is not running");
		}
		return simulator;
	}

	/** The gateway's management (actuator) port is its public port plus this. */
	public static final int MANAGEMENT_PORT_OFFSET = 1000;

	/** The gateway's actuator port: health details and Prometheus, never public. */
	public int gatewayManagementPort() {
		return this.gatewayManagementPort;
	}

	private List<String> databases() {
		return Arrays.stream(Service.values())
			.filter(service -> !service.isGateway())
			.map(Service::database)
			.toList();
	}

	private void launch(Service service) {
		var process = ServiceProcess.launch(service.module(), this.ports.get(service), command(service),
				log(service), this.launcher, (exited, message) -> serviceDied(service, exited, message));
		this.running.put(service, process);
		this.started.add(process.handle());
		recordPids();
	}

	private List<String> command(Service service) {
		var command = new ArrayList<String>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.options.jvmOptions());
		if (aotCacheEnabled()) {
			command.add(aotOption(service));
		}
		if (Runtime.version().feature() >= 24) {
			command.add("--sun-misc-unsafe-memory-access=allow");
		}
		command.add("--enable-native-access=ALL-UNNAMED");
		command.add("-Dstarrymeet.fleet.data=" + this.options.dataDir());
		command.add("-jar");
		command.add(stagedJar(service).toString());
		command.add("--server.port=" + this.ports.get(service));
		if (service.isGateway()) {
			command.add("--management.server.port=" + this.gatewayManagementPort);
			// token deny-list and rate limits
			command.add("--spring.data.redis.host=localhost");
			command.add("--spring.data.redis.port=" + requireInfrastructure().redisPort());
			for (var downstream : Service.values()) {
				if (!downstream.isGateway()) {
					command.add("--starrymeet.gateway.services." + downstream.context() + "=http://localhost:"
							+ this.ports.get(downstream));
				}
			}
			return withSettings(service, command);
		}
		var infra = requireInfrastructure();
		command.add("--spring.datasource.url=" + infra.jdbcUrl(service.database()));
		command.add("--spring.datasource.username=postgres");
		command.add("--spring.datasource.password=postgres");
		command.add("--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers());
		command.add("--spring.data.redis.host=localhost");
		command.add("--spring.data.redis.port=" + infra.redisPort());
		command.add("--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://localhost:"
				+ this.ports.get(Service.USER) + "/.well-known/jwks.json");
		if (service == Service.CELEBRITY) {
			// the catalog cache's second level: generation and responses shared through Redis
			command.add("--starrymeet.catalog.cache.redis.enabled=true");
		}
		if (service == Service.BOOKING) {
			// the price frozen into a booking, and the PaymentIntent asked for right after
			command.add("--starrymeet.booking.catalog-url=http://localhost:" + this.ports.get(Service.CELEBRITY));
			command.add("--starrymeet.booking.payment-url=http://localhost:" + this.ports.get(Service.PAYMENT));
			// signs the fans' check-in codes; kept per data directory so codes shown before a restart still scan
			command.add("--starrymeet.booking.check-in-secret=" + localKey("check-in-secret", "check-in secret"));
		}
		if (service == Service.PAYMENT) {
			command.add("--starrymeet.payment.booking-url=http://localhost:" + this.ports.get(Service.BOOKING));
			command.add("--starrymeet.stripe.api-base=http://127.0.0.1:" + this.stripePort);
			command.add("--starrymeet.stripe.secret-key=" + this.stripeKeys.secretKey());
			command.add("--starrymeet.stripe.publishable-key=" + this.stripeKeys.publishableKey());
			command.add("--starrymeet.stripe.webhook-secret=" + this.stripeKeys.webhookSecret());
		}
		if (service == Service.NOTIFICATION) {
			var mail = this.mailbox;
			if (mail != null) {
				command.add("--spring.mail.host=127.0.0.1");
				command.add("--spring.mail.port=" + mail.smtpPort());
				// the e-mailed links open the mailbox's stand-ins for the web app's pages
				command.add("--starrymeet.notification.web-base-url=" + mail.webUrl());
				command.add("--starrymeet.notification.api-base-url=http://localhost:" + this.ports.get(Service.GATEWAY));
			}
			command.add("--starrymeet.notification.link-sealing.private-key=" + localLinkSealingKeys().privateKey());
			// the calendar.ics and receipt.pdf the confirmation and receipt e-mails attach
			command.add("--starrymeet.notification.booking-url=http://localhost:" + this.ports.get(Service.BOOKING));
			command.add("--starrymeet.notification.payment-url=http://localhost:" + this.ports.get(Service.PAYMENT));
		}
		if (service == Service.SEARCH) {
			command.add("--starrymeet.search.index-dir=" + this.options.dataDir().resolve("search-index"));
			// reconciliation reads the catalog's and the calendars' versions and snapshots from these
			command.add("--starrymeet.search.catalog-url=http://localhost:" + this.ports.get(Service.CELEBRITY));
			command.add("--starrymeet.search.availability-url=http://localhost:" + this.ports.get(Service.BOOKING));
		}
		if (service == Service.USER) {
			// the local fleet's admin account, created by user-service if absent; never set in production
			command.add("--starrymeet.identity.seed-admin.email=" + LOCAL_ADMIN_EMAIL);
			command.add("--starrymeet.identity.seed-admin.password=" + LOCAL_ADMIN_PASSWORD);
			command.add("--starrymeet.identity.data-key=" + localDataKey());
			// the local switch: an ephemeral signing key per start (tokens end with a restart, as before)
			command.add("--starrymeet.identity.generate-missing-keys=true");
			command.add("--starrymeet.identity.link-sealing.public-key=" + localLinkSealingKeys().publicKey());
		}
		return withSettings(service, command);
	}

	/** The {@code --set} settings of this service come last, so they win. */
	private List<String> withSettings(Service service, List<String> command) {
		this.options.settings().getOrDefault(service, List.of()).forEach(setting -> command.add("--" + setting));
		return command;
	}

	/**
	 * The X25519 pair e-mailed tokens are sealed with (common-lib's SealedBox): user-service gets the public half,
	 * notification-service will open them with the private half. Generated once per data directory and kept
	 * there, like the data key, so links e-mailed before a restart still open. Both halves as base64 of their
	 * DER encodings (X.509, PKCS#8), one per line.
	 */
	private LinkSealingKeys localLinkSealingKeys() {
		var file = this.options.dataDir().resolve("link-sealing-key");
		try {
			if (!Files.exists(file)) {
				var pair = java.security.KeyPairGenerator.getInstance("X25519").generateKeyPair();
				var base64 = java.util.Base64.getEncoder();
				Files.createDirectories(file.getParent());
				Files.write(file, List.of("private=" + base64.encodeToString(pair.getPrivate().getEncoded()),
						"public=" + base64.encodeToString(pair.getPublic().getEncoded())));
			}
			var lines = Files.readAllLines(file);
			return new LinkSealingKeys(value(lines, "private=", file), value(lines, "public=", file));
		}
		catch (IOException | java.security.GeneralSecurityException ex) {
			throw new FleetException("Cannot keep the local link-sealing key in " + file + ": " + ex.getMessage());
		}
	}

	private static String value(List<String> lines, String prefix, Path file) {
		return lines.stream()
			.filter(line -> line.startsWith(prefix))
			.map(line -> line.substring(prefix.length()).trim())
			.findFirst()
			.orElseThrow(() -> new FleetException(file + " has no " + prefix + " line; delete it to get a new pair"));
	}

	/**
	 * Test-mode keys shaped like Stripe's for the simulator and payment-service, random, made once per data directory
	 * and kept there like the other local keys: the simulator's objects and idempotency keys belong to its secret
	 * key, so they stay the same across restarts.
	 */
	private StripeKeys localStripeKeys() {
		var file = this.options.dataDir().resolve("stripe-keys");
		try {
			if (!Files.exists(file)) {
				var random = new java.security.SecureRandom();
				java.util.function.Supplier<String> token = () -> {
					var bytes = new byte[18];
					random.nextBytes(bytes);
					return java.util.HexFormat.of().formatHex(bytes);
				};
				Files.write(file, List.of("secret=sk_test_local_" + token.get(), "publishable=pk_test_local_" + token.get(),
						"webhook=whsec_local_" + token.get()));
			}
			var lines = Files.readAllLines(file);
			return new StripeKeys(value(lines, "secret=", file), value(lines, "publishable=", file),
					value(lines, "webhook=", file));
		}
		catch (IOException ex) {
			throw new FleetException("Cannot keep the local Stripe keys in " + file + ": " + ex.getMessage());
		}
	}

	/** Test-mode Stripe keys of the local fleet. */
	record StripeKeys(String secretKey, String publishableKey, String webhookSecret) {
	}

	/** Base64 of the DER encodings of an X25519 pair. */
	record LinkSealingKeys(String privateKey, String publicKey) {
	}

	/**
	 * The key user-service encrypts TOTP secrets with: generated once per data directory and kept there, so
	 * 2FA enrolments survive restarts of the local fleet like the database does.
	 */
	private String localDataKey() {
		return localKey("identity-data-key", "identity data key");
	}

	/**
	 * 32 random bytes (base64) kept in {@code <data-dir>/<name>}, made on first use: local secrets that must survive a
	 * restart like the data they protect.
	 */
	private String localKey(String name, String what) {
		var file = this.options.dataDir().resolve(name);
		try {
			if (!java.nio.file.Files.exists(file)) {
				var key = new byte[32];
				new java.security.SecureRandom().nextBytes(key);
				java.nio.file.Files.createDirectories(file.getParent());
				java.nio.file.Files.writeString(file, java.util.Base64.getEncoder().encodeToString(key));
			}
			return java.nio.file.Files.readString(file).trim();
		}
		catch (java.io.IOException ex) {
			throw new FleetException("Cannot keep the local " + what + " in " + file + ": " + ex.getMessage());
		}
	}

	/** Credentials of the local-only admin account, printed at start and listed in the README. */
	public static final String LOCAL_ADMIN_EMAIL = "admin@starrymeet.local";

	public static final String LOCAL_ADMIN_PASSWORD = "Local-Admin-2026!";

	private void awaitReady(List<Service> services, long beganNanos) {
		var pending = new ArrayList<>(services);
		var deadline = System.nanoTime() + this.options.readyTimeout().toNanos();
		while (!pending.isEmpty()) {
			if (this.closed.get()) {
				throw new FleetException(failure().orElse("The fleet was stopped while starting"));
			}
			for (var iterator = pending.iterator(); iterator.hasNext();) {
				var service = iterator.next();
				var process = this.running.get(service);
				if (process == null) {
					throw new FleetException(service.module() + " was stopped while starting");
				}
				if (!process.isAlive()) {
					throw new FleetException(service.module() + " exited with code " + process.exitCode()
							+ " before it was ready. Log: " + process.log() + "\n" + process.logTail(25));
				}
				if (process.isReady(this.http)) {
					iterator.remove();
					this.options.progress()
						.accept(String.format("  %-20s ready after %.1f s", service.module(),
								(System.nanoTime() - beganNanos) / 1e9));
				}
			}
			if (pending.isEmpty()) {
				return;
			}
			if (System.nanoTime() > deadline) {
				var first = this.running.get(pending.get(0));
				throw new FleetException("Not ready within " + this.options.readyTimeout().toSeconds() + " s: "
						+ pending.stream().map(Service::module).toList() + ". Log: "
						+ (first == null ? log(pending.get(0)) : first.log())
						+ (first == null ? "" : "\n" + first.logTail(25)));
			}
			try {
				Thread.sleep(POLL_INTERVAL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new FleetException("Interrupted while waiting for services", ex);
			}
		}
	}

	private Path log(Service service) {
		return this.options.logDir().resolve(service.module() + ".log");
	}

	private Infrastructure requireInfrastructure() {
		var infra = this.infrastructure;
		if (infra == null) {
			throw new IllegalStateException("Infrastructure is not running");
		}
		return infra;
	}

	/** The launcher, every running service and the infrastructure, for a later launch or ./starrymeet stop. */
	private void recordPids() {
		var processes = new ArrayList<PidFile.Named>();
		processes.add(new PidFile.Named(PidFile.LAUNCHER, ProcessHandle.current()));
		this.running.forEach((service, process) -> processes.add(new PidFile.Named(service.module(), process.handle())));
		var infra = this.infrastructure;
		if (infra != null) {
			infra.redisProcess().ifPresent(handle -> processes.add(new PidFile.Named("redis", handle)));
			infra.kafkaProcess().ifPresent(handle -> processes.add(new PidFile.Named("kafka", handle)));
			infra.postgresProcess().ifPresent(handle -> processes.add(new PidFile.Named("postgresql", handle)));
		}
		this.pidFile.record(processes);
	}

	private void releaseLock() {
		try {
			var held = this.lock;
			if (held != null) {
				held.release();
			}
			var channel = this.lockChannel;
			if (channel != null) {
				channel.close();
			}
		}
		catch (IOException ex) {
			// released when the JVM exits anyway
		}
	}

	/** Deletes everything under {@code dir} except the lock file this fleet holds. */
	/** Deletes the data in {@code dir}: everything but the lock and the staged jars (build output, with AOT caches). */
	private static void wipe(Path dir) throws IOException {
		var jars = dir.resolve("jars");
		Files.walkFileTree(dir, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult preVisitDirectory(Path visited, BasicFileAttributes attrs) {
				return visited.equals(jars) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				if (!file.getFileName().toString().equals("fleet.lock") || !file.getParent().equals(dir)) {
					Files.delete(file);
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path visited, @Nullable IOException ex) throws IOException {
				if (ex != null) {
					throw ex;
				}
				if (!visited.equals(dir)) {
					Files.delete(visited);
				}
				return FileVisitResult.CONTINUE;
			}
		});
	}

	/** One line of the status table. {@code pid} and {@code rssKb} are -1 when unknown or stopped. */
	public record Member(String name, int port, String url, long pid, long rssKb) {
	}
}

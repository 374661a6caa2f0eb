package com.starrymeet.fleet.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

/** One service JVM: its process, port and log, readiness probe and stop. */
public final class ServiceProcess {

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

	private final String name;

	private final int port;

	private final Path log;

	private final Process process;

	private volatile boolean stopping;

	private ServiceProcess(String name, int port, Path log, Process process) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.process = process;
	}

	/**
	 * Starts {@code command}, appending its output to {@code log} after a header line. When the process ends
	 * without {@link #stop} or {@link #markStopping} having been called, {@code onUnexpectedExit} hears about it
	 * with a message naming the process, its exit code and its log.
	 */
	public static ServiceProcess launch(String name, int port, List<String> command, Path log,
			ProcessLauncher launcher, BiConsumer<ServiceProcess, String> onUnexpectedExit) {
		try {
			Files.createDirectories(log.getParent());
			Files.writeString(log, "==== " + Instant.now() + " starting " + name + " on port " + port + ": "
					+ String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		var service = new ServiceProcess(name, port, log, launcher.start(command, log));
		service.process.onExit().thenRun(() -> {
			if (!service.stopping) {
				onUnexpectedExit.accept(service, service.exitMessage());
			}
		});
		return service;
	}

	/** {@code search-service (pid 42) exited unexpectedly with code 137 (SIGKILL); see <log>}, once it exited. */
	public String exitMessage() {
		return this.name + " (pid " + pid() + ") exited unexpectedly with code " + ProcessTree.exitCode(exitCode())
				+ "; see " + this.log;
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.port;
	}

	public Path log() {
		return this.log;
	}

	public long pid() {
		return this.process.pid();
	}

	public ProcessHandle handle() {
		return this.process.toHandle();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Exit code, or -1 while running. */
	public int exitCode() {
		return this.process.isAlive() ? -1 : this.process.exitValue();
	}

	public URI baseUrl() {
		return URI.create("http://localhost:" + this.port);
	}

	/** {@code GET /actuator/health/readiness} answers 200. */
	public boolean isReady(HttpClient client) {
		var request = HttpRequest.newBuilder(baseUrl().resolve("/actuator/health/readiness"))
			.timeout(PROBE_TIMEOUT)
			.GET()
			.build();
		try {
			return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** SIGTERM (graceful shutdown), then SIGKILL after {@code grace}; descendants included. */
	public void stop(Duration grace) {
		this.stopping = true;
		ProcessTree.stop(List.of(this.process.toHandle()), grace);
	}

	/** Marks the process as being stopped by someone else (e.g. {@link ProcessTree#stop} on many at once). */
	public void markStopping() {
		this.stopping = true;
	}

	public long rssKb() {
		return ProcessTree.rssKb(pid());
	}

	/** The last {@code lines} lines of the log, for error messages. */
	public String logTail(int lines) {
		try {
			var all = new String(Files.readAllBytes(this.log), StandardCharsets.UTF_8).lines().toList();
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(cannot read " + this.log + ": " + ex.getMessage() + ")";
		}
	}
}

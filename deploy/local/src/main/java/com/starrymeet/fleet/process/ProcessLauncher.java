package com.starrymeet.fleet.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Starts child processes from one long-lived thread.
 * <ul>
 * <li>Where util-linux {@code setsid} exists, each child runs in a session (and process group) of its own, so a
 * signal meant for the launcher's process group (Ctrl-C in a terminal, {@code kill -INT -- -PGID} from a
 * script) reaches only the launcher, which then stops its children in order. Without it, a Ctrl-C reached
 * redis-server and the services directly, and a script that ignored SIGINT for the launcher (as a
 * non-interactive shell does for background jobs) left a fleet whose Redis had died.</li>
 * <li>Where util-linux {@code setpriv} supports {@code --pdeathsig}, each child is started through it, so the
 * kernel sends it SIGTERM when the launcher dies, even by {@code kill -9}. The parent-death signal fires when
 * the <em>thread</em> that forked the child ends, hence the dedicated thread, which lives until
 * {@link #close()}.</li>
 * </ul>
 * {@code setsid} does not fork here (a child of the JVM is no process-group leader), so the pid of the returned
 * {@link Process} is the pid of the command itself.
 */
public final class ProcessLauncher implements AutoCloseable {

	private static final List<String> SETPRIV_LOCATIONS = List.of("/usr/bin/setpriv", "/bin/setpriv");

	private static final List<String> SETSID_LOCATIONS = List.of("/usr/bin/setsid", "/bin/setsid");

	private final ExecutorService spawner = Executors.newSingleThreadExecutor(task -> {
		var thread = new Thread(task, "fleet-spawner");
		thread.setDaemon(true);
		return thread;
	});

	private final @Nullable String setpriv = findSetpriv();

	private final @Nullable String setsid = findSetsid();

	/** Whether children die with the launcher (setpriv --pdeathsig available). */
	public boolean childrenDieWithLauncher() {
		return this.setpriv != null;
	}

	/** Whether children run in a session of their own, out of reach of the launcher's terminal (setsid available). */
	public boolean childrenInOwnSession() {
		return this.setsid != null;
	}

	/**
	 * Starts {@code command} with standard output and error appended to {@code log} and standard input a pipe
	 * that this JVM never writes to.
	 */
	public Process start(List<String> command, Path log) {
		var full = new ArrayList<String>();
		if (this.setsid != null) {
			full.add(this.setsid);
		}
		if (this.setpriv != null) {
			full.addAll(List.of(this.setpriv, "--pdeathsig", "TERM", "--"));
		}
		full.addAll(command);
		var builder = new ProcessBuilder(full).redirectErrorStream(true)
			.redirectOutput(Redirect.appendTo(log.toFile()))
			.redirectInput(Redirect.PIPE);
		try {
			Files.createDirectories(log.getParent());
			return this.spawner.submit(builder::start).get();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ExecutionException ex) {
			var cause = ex.getCause();
			if (cause instanceof IOException io) {
				throw new UncheckedIOException("Cannot start " + command.get(0) + ": " + io.getMessage(), io);
			}
			throw new IllegalStateException("Cannot start " + command.get(0), cause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting " + command.get(0), ex);
		}
	}

	/** Ends the spawner thread; call after every child has been stopped. */
	@Override
	public void close() {
		this.spawner.shutdownNow();
	}

	private static @Nullable String findSetsid() {
		if (!isLinux()) {
			return null;
		}
		return SETSID_LOCATIONS.stream().filter(location -> Files.isExecutable(Path.of(location))).findFirst().orElse(null);
	}

	private static boolean isLinux() {
		return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
	}

	private static @Nullable String findSetpriv() {
		if (!isLinux()) {
			return null;
		}
		for (var location : SETPRIV_LOCATIONS) {
			if (Files.isExecutable(Path.of(location)) && supportsPdeathsig(location)) {
				return location;
			}
		}
		return null;
	}

	private static boolean supportsPdeathsig(String setpriv) {
		try {
			var probe = new ProcessBuilder(setpriv, "--pdeathsig", "TERM", "--", "true")
				.redirectErrorStream(true)
				.redirectOutput(Redirect.DISCARD)
				.start();
			return probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}
}

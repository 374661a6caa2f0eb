package com.starrymeet.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.starrymeet.fleet.process.PidFile;
import org.jspecify.annotations.Nullable;

/**
 * {@code ./starrymeet stop}: stops the fleet running from a data directory, started by another terminal or a
 * script, using only that directory's {@code fleet.lock} and {@code fleet.pids}.
 * <ul>
 * <li>A launcher holds the lock: it gets SIGTERM, which runs its usual shutdown (services, then Redis, Kafka,
 * PostgreSQL); its watchdog does not restart what it stops itself. What it recorded and is still alive
 * afterwards is stopped here, in the same order.</li>
 * <li>No launcher holds the lock, but recorded processes live on (the launcher was killed with {@code kill -9}):
 * they are stopped here, services first, then Redis, Kafka, PostgreSQL.</li>
 * <li>Nothing runs: says so, and that is a success.</li>
 * </ul>
 */
public final class FleetStop {

	/** Services get 30 s, Kafka 30 s, PostgreSQL some more: the launcher's own worst case, with room. */
	static final Duration LAUNCHER_EXIT_TIMEOUT = Duration.ofSeconds(180); // services recording AOT caches: 120 s

	private static final Duration GRACE = Duration.ofSeconds(30);

	private static final Duration PID_FILE_WAIT = Duration.ofSeconds(15);

	private FleetStop() {
	}

	/** Stops the fleet of {@code dataDir}; returns the exit code: 0 when nothing runs any more, else 1. */
	public static int run(Path dataDir, Consumer<String> out) {
		var began = System.nanoTime();
		var lockFile = dataDir.resolve("fleet.lock");
		if (!Files.exists(lockFile)) {
			out.accept("No fleet is running from " + dataDir + ".");
			return 0;
		}
		var pidFile = new PidFile(dataDir.resolve("fleet.pids"));
		try (var channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
			var lock = tryLock(channel);
			if (lock != null) {
				try {
					return stopLeftovers(dataDir, pidFile, out);
				}
				finally {
					lock.release();
				}
			}
			return stopLauncher(dataDir, pidFile, out, began);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			return null; // this very JVM runs the fleet (a test): held, like by another launcher
		}
	}

	/** No launcher: whatever it recorded and still lives is stopped in order. */
	private static int stopLeftovers(Path dataDir, PidFile pidFile, Consumer<String> out) {
		var alive = pidFile.alive();
		if (alive.isEmpty()) {
			pidFile.delete();
			out.accept("No fleet is running from " + dataDir + ".");
			return 0;
		}
		out.accept("No launcher runs from " + dataDir + " (killed?), but it left " + names(alive) + " running; stopping "
				+ (alive.size() == 1 ? "it" : "them") + ":");
		pidFile.reap(GRACE, out);
		var left = stillAlive(alive);
		if (!left.isEmpty()) {
			out.accept("Still running: " + names(left));
			return 1;
		}
		out.accept("Stopped.");
		return 0;
	}

	private static int stopLauncher(Path dataDir, PidFile pidFile, Consumer<String> out, long began) {
		var recorded = awaitLauncherRecorded(pidFile);
		var launcher = recorded.stream().filter(running -> PidFile.LAUNCHER.equals(running.entry().name())).findFirst();
		if (launcher.isEmpty()) {
			out.accept("A launcher holds " + dataDir.resolve("fleet.lock") + " but " + pidFile.path()
					+ " does not name it; stop it where it runs (Ctrl-C).");
			return 1;
		}
		var launcherHandle = launcher.get().handle();
		var others = recorded.stream().filter(running -> running != launcher.get()).toList();
		out.accept("Stopping the fleet of launcher pid " + launcherHandle.pid() + " (" + dataDir + "): "
				+ names(others) + " ...");
		launcherHandle.destroy(); // SIGTERM: its shutdown hook stops services, then Redis, Kafka, PostgreSQL
		if (!awaitExit(launcherHandle, LAUNCHER_EXIT_TIMEOUT)) {
			out.accept("  the launcher did not exit within " + LAUNCHER_EXIT_TIMEOUT.toSeconds()
					+ " s of SIGTERM: killing it");
			launcherHandle.destroyForcibly();
			awaitExit(launcherHandle, Duration.ofSeconds(10));
		}
		var left = stillAlive(others);
		if (left.isEmpty()) {
			out.accept("  the launcher exited and stopped them all (services, then Redis, Kafka, PostgreSQL)");
		}
		else {
			out.accept("  the launcher exited; stopped: "
					+ names(others.stream().filter(running -> !running.handle().isAlive()).toList()));
		}
		if (!left.isEmpty()) {
			out.accept("  still running after the launcher exited: " + names(left) + "; stopping them:");
			PidFile.stop(left, GRACE, out);
		}
		var remaining = stillAlive(recorded);
		if (!remaining.isEmpty()) {
			out.accept("Still running: " + names(remaining));
			return 1;
		}
		out.accept(String.format("Fleet stopped in %.1f s.", (System.nanoTime() - began) / 1e9));
		return 0;
	}

	/** The recorded processes, once the launcher's own line is there (it writes it right after taking the lock). */
	private static List<PidFile.Running> awaitLauncherRecorded(PidFile pidFile) {
		var deadline = System.nanoTime() + PID_FILE_WAIT.toNanos();
		while (true) {
			var alive = pidFile.alive();
			if (alive.stream().anyMatch(running -> PidFile.LAUNCHER.equals(running.entry().name()))
					|| System.nanoTime() > deadline) {
				return alive;
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return alive;
			}
		}
	}

	/** Polls: {@code onExit()} of a process that is not our child polls only every few seconds. */
	private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
		var deadline = System.nanoTime() + timeout.toNanos();
		while (handle.isAlive()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return !handle.isAlive();
			}
		}
		return true;
	}

	private static List<PidFile.Running> stillAlive(List<PidFile.Running> processes) {
		return processes.stream().filter(running -> running.handle().isAlive()).toList();
	}

	/** {@code gateway (pid 12), redis (pid 34)}, in stop order. */
	static String names(List<PidFile.Running> processes) {
		var names = new ArrayList<String>();
		for (var running : processes) {
			names.add(running.entry().name() + " (pid " + running.entry().pid() + ")");
		}
		return names.isEmpty() ? "nothing else" : String.join(", ", names);
	}
}

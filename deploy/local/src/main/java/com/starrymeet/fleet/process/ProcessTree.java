package com.starrymeet.fleet.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping processes together with their descendants, and reading their memory from {@code /proc}. */
public final class ProcessTree {

	private static final Duration KILL_WAIT = Duration.ofSeconds(5);

	private ProcessTree() {
	}

	/**
	 * Sends SIGTERM to every root and its descendants, waits up to {@code grace} for all of them to exit, then
	 * sends SIGKILL to whatever is left. Descendants are collected before any signal, so a child that is
	 * re-parented when its parent dies is still stopped.
	 * @return the processes that had to be killed
	 */
	public static List<ProcessHandle> stop(Collection<ProcessHandle> roots, Duration grace) {
		var all = new LinkedHashSet<ProcessHandle>();
		for (var root : roots) {
			root.descendants().forEach(all::add);
			all.add(root);
		}
		all.forEach(ProcessHandle::destroy);
		awaitExit(all, grace);
		var killed = new ArrayList<ProcessHandle>();
		for (var handle : all) {
			if (handle.isAlive()) {
				handle.descendants().forEach(ProcessHandle::destroyForcibly);
				handle.destroyForcibly();
				killed.add(handle);
			}
		}
		awaitExit(killed, KILL_WAIT);
		return killed;
	}

	/** Waits until every handle has exited or {@code timeout} has passed. */
	public static void awaitExit(Collection<ProcessHandle> handles, Duration timeout) {
		var deadline = System.nanoTime() + timeout.toNanos();
		for (var handle : handles) {
			var left = deadline - System.nanoTime();
			if (left <= 0) {
				return;
			}
			try {
				handle.onExit().get(left, TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				return;
			}
			catch (ExecutionException ex) {
				// onExit never completes exceptionally; keep waiting for the others
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * An exit code as a person reads it: Java reports a process killed by signal N as 128 + N, so
	 * {@code 137 (SIGKILL)} is a {@code kill -9} or the OOM killer, {@code 143 (SIGTERM)} a plain kill.
	 */
	public static String exitCode(int code) {
		return switch (code) {
			case 130 -> "130 (SIGINT)";
			case 134 -> "134 (SIGABRT)";
			case 137 -> "137 (SIGKILL)";
			case 139 -> "139 (SIGSEGV)";
			case 143 -> "143 (SIGTERM)";
			default -> Integer.toString(code);
		};
	}

	/** Resident set size in KiB ({@code VmRSS} of {@code /proc/<pid>/status}), or -1 when unknown. */
	public static long rssKb(long pid) {
		try {
			for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"),
					StandardCharsets.UTF_8)) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
				}
			}
			return -1;
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * Proportional set size in KiB of a process and its descendants ({@code Pss} of
	 * {@code /proc/<pid>/smaps_rollup}, which shares shared memory out fairly), or -1 when unknown.
	 */
	public static long treePssKb(ProcessHandle root) {
		var own = pssKb(root.pid());
		if (own < 0) {
			return -1;
		}
		return own + root.descendants().mapToLong(child -> Math.max(0, pssKb(child.pid()))).sum();
	}

	private static long pssKb(long pid) {
		try {
			for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"),
					StandardCharsets.UTF_8)) {
				if (line.startsWith("Pss:")) {
					return Long.parseLong(line.substring("Pss:".length()).replace("kB", "").trim());
				}
			}
			return -1;
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
	}
}

package com.starrymeet.fleet.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Remembers the processes of a running fleet ({@code <pid> <start time in ms>} per line) so that the next
 * launch can stop what a launcher killed with {@code kill -9} left behind. A process counts as left over only
 * if its pid is alive with the same start time, so a recycled pid is never touched.
 */
public final class PidFile {

	private final Path file;

	public PidFile(Path file) {
		this.file = file;
	}

	public synchronized void record(Collection<ProcessHandle> processes) {
		var lines = processes.stream()
			.map(handle -> handle.pid() + " " + startMillis(handle).map(String::valueOf).orElse("-"))
			.distinct()
			.collect(Collectors.toList());
		try {
			Files.createDirectories(this.file.getParent());
			Files.write(this.file, lines, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stops the recorded processes that are still alive, returns how many there were. */
	public synchronized int reap(Duration grace) {
		if (!Files.exists(this.file)) {
			return 0;
		}
		var leftovers = new ArrayList<ProcessHandle>();
		try {
			for (var line : Files.readAllLines(this.file, StandardCharsets.UTF_8)) {
				var parts = line.trim().split(" ");
				if (parts.length != 2 || "-".equals(parts[1])) {
					continue;
				}
				var pid = Long.parseLong(parts[0]);
				var started = Long.parseLong(parts[1]);
				ProcessHandle.of(pid)
					.filter(ProcessHandle::isAlive)
					.filter(handle -> startMillis(handle).filter(millis -> millis == started).isPresent())
					.ifPresent(leftovers::add);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NumberFormatException ex) {
			// a damaged file protects nothing; ignore it
		}
		ProcessTree.stop(leftovers, grace);
		delete();
		return leftovers.size();
	}

	public synchronized void delete() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Optional<Long> startMillis(ProcessHandle handle) {
		return handle.info().startInstant().map(Instant::toEpochMilli);
	}
}

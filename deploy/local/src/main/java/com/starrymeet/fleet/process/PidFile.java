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
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Remembers the processes of a running fleet ({@code <pid> <start time in ms> <name>} per line: the launcher,
 * each service, {@code redis}, {@code kafka}, {@code postgresql}) so that the next launch, or
 * {@code ./starrymeet stop}, can stop what is still running. A process counts only if its pid is alive with the
 * same start time, so a recycled pid is never touched.
 */
public final class PidFile {

	/** Name of the launcher's own line. */
	public static final String LAUNCHER = "launcher";

	/** Infrastructure, in the order it is stopped: after every service. */
	public static final List<String> INFRASTRUCTURE = List.of("redis", "kafka", "postgresql");

	private final Path file;

	public PidFile(Path file) {
		this.file = file;
	}

	/** One recorded process. */
	public record Entry(long pid, long startMillis, String name) {

		/** The process, if it is still the one recorded (same pid and start time). */
		public Optional<ProcessHandle> live() {
			return ProcessHandle.of(this.pid)
				.filter(ProcessHandle::isAlive)
				.filter(handle -> PidFile.startMillis(handle).filter(millis -> millis == this.startMillis).isPresent());
		}

		/** Services (and the launcher) are stopped first, then Redis, Kafka and PostgreSQL, in that order. */
		int stopRank() {
			return INFRASTRUCTURE.indexOf(this.name) + 1;
		}
	}

	/** A process and the name it is recorded under. */
	public record Named(String name, ProcessHandle handle) {
	}

	public Path path() {
		return this.file;
	}

	/** Replaces the file with {@code processes}; a process whose start time is unknown is left out. */
	public synchronized void record(Collection<Named> processes) {
		var lines = new ArrayList<String>();
		for (var process : processes) {
			startMillis(process.handle()).ifPresent(
					start -> lines.add(process.handle().pid() + " " + start + " " + process.name().replace(' ', '_')));
		}
		try {
			Files.createDirectories(this.file.getParent());
			var temporary = this.file.resolveSibling(this.file.getFileName() + ".tmp");
			Files.write(temporary, lines.stream().distinct().toList(), StandardCharsets.UTF_8);
			Files.move(temporary, this.file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The recorded processes; empty when there is no file. Lines that cannot be read are skipped. */
	public synchronized List<Entry> read() {
		if (!Files.exists(this.file)) {
			return List.of();
		}
		List<String> lines;
		try {
			lines = Files.readAllLines(this.file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		var entries = new ArrayList<Entry>();
		for (var line : lines) {
			var parts = line.trim().split(" ");
			if (parts.length < 2) {
				continue;
			}
			try {
				// files of an older launcher have no name: treat those lines like services
				entries.add(new Entry(Long.parseLong(parts[0]), Long.parseLong(parts[1]),
						parts.length > 2 ? parts[2] : "process"));
			}
			catch (NumberFormatException ex) {
				// "-" (unknown start time) or damage: nothing this file can safely stop
			}
		}
		return entries;
	}

	/** The recorded processes that are still alive, in stop order (services, then Redis, Kafka, PostgreSQL). */
	public List<Running> alive() {
		var alive = new ArrayList<Running>();
		var self = ProcessHandle.current().pid();
		read().stream()
			.filter(entry -> entry.pid() != self)
			.sorted(java.util.Comparator.comparingInt(Entry::stopRank))
			.forEach(entry -> entry.live().ifPresent(handle -> alive.add(new Running(entry, handle))));
		return alive;
	}

	/** A recorded process that is alive. */
	public record Running(Entry entry, ProcessHandle handle) {
	}

	/**
	 * Stops the recorded processes that are still alive (other than this JVM) in order, see
	 * {@link #stop(List, Duration, Consumer)}, then deletes the file.
	 * @return the names of the processes it stopped
	 */
	public synchronized List<String> reap(Duration grace, Consumer<String> progress) {
		var stopped = stop(alive(), grace, progress);
		delete();
		return stopped;
	}

	/**
	 * Stops {@code processes} in order: services (and a launcher) first, then Redis, Kafka and PostgreSQL, each
	 * group with its descendants, SIGTERM then SIGKILL after {@code grace}. Tells {@code progress} about each
	 * process it stopped.
	 * @return the names of the processes it stopped
	 */
	public static List<String> stop(List<Running> processes, Duration grace, Consumer<String> progress) {
		var groups = new java.util.TreeMap<Integer, List<Running>>();
		for (var running : processes) {
			groups.computeIfAbsent(running.entry().stopRank(), rank -> new ArrayList<>()).add(running);
		}
		var stopped = new ArrayList<String>();
		for (var group : groups.values()) {
			var alive = group.stream().filter(running -> running.handle().isAlive()).toList();
			var killed = ProcessTree.stop(alive.stream().map(Running::handle).toList(), grace);
			for (var running : alive) {
				var name = running.entry().name();
				progress.accept("  stopped " + name + " (pid " + running.entry().pid() + ")"
						+ (killed.contains(running.handle()) ? " with SIGKILL: no exit after SIGTERM" : ""));
				stopped.add(name);
			}
		}
		return stopped;
	}

	public synchronized void delete() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The start time of {@code handle} in ms since the epoch, as recorded in the file. */
	public static Optional<Long> startMillis(@Nullable ProcessHandle handle) {
		return handle == null ? Optional.empty() : handle.info().startInstant().map(Instant::toEpochMilli);
	}
}

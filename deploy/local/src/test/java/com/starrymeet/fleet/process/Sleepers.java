package com.starrymeet.fleet.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Real processes for tests ({@code sleep}), killed again by {@link #close()}. */
public final class Sleepers implements AutoCloseable {

	private final List<Process> processes = new ArrayList<>();

	public ProcessHandle start() {
		try {
			var process = new ProcessBuilder("sleep", "300").start();
			this.processes.add(process);
			return process.toHandle();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.processes.forEach(Process::destroyForcibly);
	}
}

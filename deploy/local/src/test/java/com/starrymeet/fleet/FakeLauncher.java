package com.starrymeet.fleet;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import com.starrymeet.fleet.process.PidFile;
import com.starrymeet.fleet.process.ProcessLauncher;
import com.starrymeet.fleet.process.ProcessTree;

/**
 * A launcher in miniature for {@link FleetStopTest}, run as its own JVM: holds {@code fleet.lock} of the data
 * directory, runs one child ({@code sleep}) recorded as the gateway, and stops it from a shutdown hook on
 * SIGTERM, as {@link Fleet} does.
 */
public final class FakeLauncher {

	private FakeLauncher() {
	}

	public static void main(String[] args) throws Exception {
		var dataDir = Path.of(args[0]);
		Files.createDirectories(dataDir);
		var channel = FileChannel.open(dataDir.resolve("fleet.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		var lock = channel.tryLock();
		if (lock == null) {
			System.exit(3);
		}
		var launcher = new ProcessLauncher();
		var child = launcher.start(List.of("sleep", "300"), dataDir.resolve("sleep.log"));
		var pids = new PidFile(dataDir.resolve("fleet.pids"));
		pids.record(List.of(new PidFile.Named(PidFile.LAUNCHER, ProcessHandle.current()),
				new PidFile.Named("gateway", child.toHandle())));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			ProcessTree.stop(List.of(child.toHandle()), Duration.ofSeconds(5));
			pids.delete();
		}));
		System.out.println("ready");
		Thread.sleep(Duration.ofMinutes(5));
	}
}

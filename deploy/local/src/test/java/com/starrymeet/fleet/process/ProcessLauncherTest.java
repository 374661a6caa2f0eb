package com.starrymeet.fleet.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessLauncherTest {

	@TempDir
	Path dir;

	/**
	 * A signal for the launcher's process group (Ctrl-C in its terminal, {@code kill -INT -- -PGID} from a
	 * script) must not reach its children: each runs in a session and process group of its own, and the pid is
	 * the command's own (setsid did not fork).
	 */
	@Test
	void childrenRunInASessionOfTheirOwn() throws Exception {
		try (var launcher = new ProcessLauncher()) {
			assertThat(launcher.childrenInOwnSession()).as("setsid (util-linux) is installed").isTrue();
			var child = launcher.start(List.of("sleep", "300"), this.dir.resolve("sleep.log"));
			try {
				// setsid and setpriv exec the next command: wait until the chain has reached sleep
				var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
				while (!child.toHandle().info().command().orElse("").endsWith("sleep") && System.nanoTime() < deadline) {
					Thread.sleep(10);
				}
				assertThat(child.toHandle().info().command()).hasValueSatisfying(command -> assertThat(command).endsWith("sleep"));
				var stat = stat(child.pid());
				var self = stat(ProcessHandle.current().pid());
				assertThat(stat.session()).isEqualTo(child.pid()).isNotEqualTo(self.session());
				assertThat(stat.processGroup()).isEqualTo(child.pid()).isNotEqualTo(self.processGroup());
			}
			finally {
				child.destroyForcibly().waitFor();
			}
		}
	}

	record Stat(long processGroup, long session) {
	}

	/** Fields 5 and 6 of {@code /proc/<pid>/stat}, after the command name in parentheses. */
	private static Stat stat(long pid) throws Exception {
		var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return new Stat(Long.parseLong(fields[2]), Long.parseLong(fields[3]));
	}
}

package com.starrymeet.fleet;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.starrymeet.fleet.process.PidFile;
import com.starrymeet.fleet.process.Sleepers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./starrymeet stop} against real processes: a launcher in another JVM, or what a killed one left. */
class FleetStopTest {

	@TempDir
	Path dataDir;

	@Test
	void nothingRunningIsASuccess() {
		var lines = new ArrayList<String>();

		assertThat(FleetStop.run(this.dataDir.resolve("never-started"), lines::add)).isZero();
		assertThat(FleetStop.run(this.dataDir, lines::add)).isZero();

		assertThat(lines).hasSize(2).allMatch(line -> line.startsWith("No fleet is running from "));
	}

	@Test
	void aRunningLauncherIsAskedToStopAndItsChildrenGoWithIt() throws Exception {
		var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		var launcher = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				FakeLauncher.class.getName(), this.dataDir.toString())
			.redirectErrorStream(true)
			.start();
		try {
			var ready = CompletableFuture.supplyAsync(() -> {
				try (var reader = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
					return reader.readLine();
				}
				catch (java.io.IOException ex) {
					return ex.toString();
				}
			});
			assertThat(ready.get(60, TimeUnit.SECONDS)).isEqualTo("ready");
			var recorded = new PidFile(this.dataDir.resolve("fleet.pids")).alive();
			assertThat(recorded).extracting(running -> running.entry().name()).containsExactly("launcher", "gateway");
			var lines = new ArrayList<String>();

			int exit = FleetStop.run(this.dataDir, lines::add);

			assertThat(exit).as(String.join("\n", lines)).isZero();
			assertThat(launcher.isAlive()).isFalse();
			assertThat(recorded).noneMatch(running -> running.handle().isAlive());
			assertThat(lines.get(0)).startsWith("Stopping the fleet of launcher pid " + launcher.pid())
				.contains("gateway (pid " + recorded.get(1).entry().pid() + ")");
			assertThat(lines.get(lines.size() - 1)).startsWith("Fleet stopped in ");
		}
		finally {
			launcher.destroyForcibly();
		}
	}

	@Test
	void whatAKilledLauncherLeftIsStoppedServicesFirst() throws Exception {
		try (var sleepers = new Sleepers()) {
			var postgres = sleepers.start();
			var gateway = sleepers.start();
			var redis = sleepers.start();
			Files.createFile(this.dataDir.resolve("fleet.lock"));
			new PidFile(this.dataDir.resolve("fleet.pids")).record(List.of(new PidFile.Named("postgresql", postgres),
					new PidFile.Named("gateway", gateway), new PidFile.Named("redis", redis)));
			var lines = new ArrayList<String>();

			int exit = FleetStop.run(this.dataDir, lines::add);

			assertThat(exit).as(String.join("\n", lines)).isZero();
			assertThat(List.of(postgres, gateway, redis)).noneMatch(ProcessHandle::isAlive);
			assertThat(lines.get(0)).startsWith("No launcher runs from ");
			assertThat(lines.subList(1, 4)).containsExactly("  stopped gateway (pid " + gateway.pid() + ")",
					"  stopped redis (pid " + redis.pid() + ")", "  stopped postgresql (pid " + postgres.pid() + ")");
			assertThat(FleetStop.run(this.dataDir, line -> {
			})).as("a second stop finds nothing").isZero();
		}
	}
}

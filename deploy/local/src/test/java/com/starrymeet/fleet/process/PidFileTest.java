package com.starrymeet.fleet.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PidFileTest {

	@TempDir
	Path dir;

	@Test
	void recordsNamesAndStopsServicesBeforeRedisKafkaAndPostgresql() {
		try (var sleepers = new Sleepers()) {
			var postgres = sleepers.start();
			var kafka = sleepers.start();
			var gateway = sleepers.start();
			var redis = sleepers.start();
			var search = sleepers.start();
			var file = new PidFile(this.dir.resolve("fleet.pids"));
			file.record(List.of(new PidFile.Named("postgresql", postgres), new PidFile.Named("kafka", kafka),
					new PidFile.Named("gateway", gateway), new PidFile.Named("redis", redis),
					new PidFile.Named("search-service", search)));

			assertThat(file.read()).extracting(PidFile.Entry::name)
				.containsExactly("postgresql", "kafka", "gateway", "redis", "search-service");
			assertThat(file.alive()).extracting(running -> running.entry().name())
				.containsExactly("gateway", "search-service", "redis", "kafka", "postgresql");

			var lines = new ArrayList<String>();
			var stopped = file.reap(Duration.ofSeconds(10), lines::add);

			assertThat(stopped).containsExactly("gateway", "search-service", "redis", "kafka", "postgresql");
			assertThat(List.of(postgres, kafka, gateway, redis, search)).noneMatch(ProcessHandle::isAlive);
			assertThat(lines).hasSize(5).allMatch(line -> line.startsWith("  stopped "));
			assertThat(Files.exists(this.dir.resolve("fleet.pids"))).isFalse();
		}
	}

	@Test
	void aRecycledPidIsNeverTouched() throws Exception {
		try (var sleepers = new Sleepers()) {
			var stranger = sleepers.start();
			var start = PidFile.startMillis(stranger).orElseThrow();
			// the same pid, but a process that started at another time: not the one recorded
			Files.writeString(this.dir.resolve("fleet.pids"), stranger.pid() + " " + (start - 60_000) + " redis\n"
					+ "not a line\n" + stranger.pid() + " - gateway\n");
			var file = new PidFile(this.dir.resolve("fleet.pids"));

			assertThat(file.alive()).isEmpty();
			assertThat(file.reap(Duration.ofSeconds(5), line -> {
			})).isEmpty();
			assertThat(stranger.isAlive()).isTrue();
		}
	}

	@Test
	void linesOfAnOlderLauncherWithoutNamesAreStoppedFirst() throws Exception {
		try (var sleepers = new Sleepers()) {
			var old = sleepers.start();
			Files.writeString(this.dir.resolve("fleet.pids"), old.pid() + " " + PidFile.startMillis(old).orElseThrow() + "\n");
			var file = new PidFile(this.dir.resolve("fleet.pids"));

			assertThat(file.reap(Duration.ofSeconds(5), line -> {
			})).containsExactly("process");
			assertThat(old.isAlive()).isFalse();
		}
	}
}

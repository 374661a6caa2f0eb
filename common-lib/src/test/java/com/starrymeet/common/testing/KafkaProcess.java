package com.starrymeet.common.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker in a child JVM, so a test can stop it ({@code SIGSTOP}: the broker freezes, clients
 * time out) and let it go on ({@code SIGCONT}) on the same address: an outage without losing the broker's
 * data or port. The child exits when its standard input closes, so it never outlives the test JVM.
 */
public final class KafkaProcess implements AutoCloseable {

	private final Process process;

	private final String bootstrapServers;

	private KafkaProcess(Process process, String bootstrapServers) {
		this.process = process;
		this.bootstrapServers = bootstrapServers;
	}

	public static KafkaProcess start(String... topics) {
		var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		var command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				"-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), KafkaProcess.class.getName()));
		command.addAll(List.of(topics));
		try {
			var process = new ProcessBuilder(command).redirectErrorStream(true).start();
			var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			String line;
			while ((line = out.readLine()) != null) {
				if (line.startsWith("BOOTSTRAP=")) {
					var servers = line.substring("BOOTSTRAP=".length());
					Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // keep draining its output
					return new KafkaProcess(process, servers);
				}
			}
			throw new IllegalStateException("Kafka child process ended before it was ready");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String bootstrapServers() {
		return bootstrapServers;
	}

	/** Freezes the broker: connections stay open but nothing answers. */
	public void stop() {
		signal("STOP");
	}

	/** Lets a stopped broker go on. */
	public void resume() {
		signal("CONT");
	}

	private void signal(String name) {
		try {
			var kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + name + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		resume();
		process.destroyForcibly();
	}

	/** The child: starts the broker, prints its address, lives until standard input closes. */
	public static void main(String[] topics) throws IOException {
		var broker = new EmbeddedKafkaKraftBroker(1, 1, topics);
		broker.brokerProperty("auto.create.topics.enable", "true");
		broker.afterPropertiesSet();
		System.out.println("BOOTSTRAP=" + broker.getBrokersAsString());
		System.out.flush();
		while (System.in.read() >= 0) {
			// parent alive
		}
		Runtime.getRuntime().halt(0);
	}
}

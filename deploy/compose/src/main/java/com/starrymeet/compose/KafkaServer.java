package com.starrymeet.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import kafka.Kafka;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker (broker and controller in one) for docker-compose.yml, like deploy/local's: its log in
 * {@code KAFKA_LOG_DIRS} (a volume), formatted on first start, then Kafka's own entry point, which stops cleanly on
 * SIGTERM. Every broker setting can be given as {@code KAFKA_<NAME>} ({@code KAFKA_ADVERTISED_LISTENERS} →
 * {@code advertised.listeners}); the defaults below fit a laptop. Topics are never auto-created: the services create
 * theirs with their settings (common-lib's {@code Topics.catalog()}).
 */
final class KafkaServer {

	private KafkaServer() {
	}

	static Map<String, String> defaults() {
		var p = new TreeMap<String, String>();
		p.put("process.roles", "broker,controller");
		p.put("node.id", "1");
		p.put("controller.quorum.voters", "1@127.0.0.1:9093");
		p.put("listeners", "PLAINTEXT://0.0.0.0:9092,CONTROLLER://127.0.0.1:9093");
		p.put("advertised.listeners", "PLAINTEXT://kafka:9092");
		p.put("controller.listener.names", "CONTROLLER");
		p.put("inter.broker.listener.name", "PLAINTEXT");
		p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		p.put("log.dirs", "/var/lib/kafka/data");
		p.put("auto.create.topics.enable", "false");
		p.put("num.partitions", "1");
		p.put("default.replication.factor", "1");
		p.put("min.insync.replicas", "1");
		p.put("offsets.topic.replication.factor", "1");
		p.put("offsets.topic.num.partitions", "10");
		p.put("transaction.state.log.replication.factor", "1");
		p.put("transaction.state.log.min.isr", "1");
		p.put("transaction.state.log.num.partitions", "4");
		p.put("share.coordinator.state.topic.replication.factor", "1");
		p.put("share.coordinator.state.topic.min.isr", "1");
		p.put("group.initial.rebalance.delay.ms", "0");
		p.put("num.network.threads", "2");
		p.put("num.io.threads", "2");
		p.put("background.threads", "2");
		p.put("num.recovery.threads.per.data.dir", "1");
		p.put("log.cleaner.threads", "1");
		p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
		return p;
	}

	/** The defaults, overridden by {@code KAFKA_*} variables (not {@code KAFKA_CLUSTER_ID}, {@code KAFKA_HEAP_OPTS}). */
	static Map<String, String> settings(Map<String, String> environment) {
		var p = defaults();
		environment.forEach((name, value) -> {
			if (name.startsWith("KAFKA_") && !name.equals("KAFKA_CLUSTER_ID") && !name.endsWith("_OPTS")) {
				p.put(name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
			}
		});
		return p;
	}

	public static void main(String[] args) throws IOException {
		System.setProperty("org.slf4j.simpleLogger.log.state.change.logger", "warn");
		var settings = settings(System.getenv());
		var file = Files.createTempFile("server", ".properties");
		var lines = new ArrayList<String>();
		settings.forEach((key, value) -> lines.add(key + "=" + value.replace("\\", "\\\\")));
		Files.write(file, lines);
		var logDir = Path.of(settings.get("log.dirs").split(",")[0]);
		if (!Files.exists(logDir.resolve("meta.properties"))) {
			var clusterId = InfraMain.env("KAFKA_CLUSTER_ID", Uuid.randomUuid().toString());
			System.out.println("Formatting " + logDir + " for cluster " + clusterId);
			int formatted = StorageTool.execute(
					new String[] { "format", "--cluster-id", clusterId, "--config", file.toString() }, System.out);
			if (formatted != 0) {
				System.err.println("kafka-storage format failed with exit code " + formatted);
				System.exit(formatted);
			}
		}
		Kafka.main(new String[] { file.toString() });
	}
}

package com.starrymeet.fleet.infrastructure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.starrymeet.common.events.Topics;
import com.starrymeet.fleet.process.ProcessLauncher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** PostgreSQL, the Kafka broker JVM and redis-server as the fleet runs them, without the services. */
class InfrastructureIT {

	private static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "infrastructure-it");

	@Test
	void kafkaCreatesTheCatalogsTopicsOnceAndKeepsItsLogAcrossRestarts() throws Exception {
		var dataDir = freshDir("kafka-restart");
		var progress = Collections.synchronizedList(new ArrayList<String>());
		var key = UUID.randomUUID().toString();

		try (var launcher = new ProcessLauncher(); var first = Infrastructure.start(settings(dataDir), launcher, progress::add)) {
			assertThat(progress).anySatisfy(line -> assertThat(line).startsWith("Kafka (KRaft, pid ")
				.contains("formatted now")
				.contains(Topics.catalog().size() + " created, 0 already there"));
			try (var admin = admin(first)) {
				var names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
				assertThat(names).containsAll(Topics.catalog().stream().map(Topics.Spec::name).toList());
				var celebrity = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CELEBRITY);
				var config = admin.describeConfigs(List.of(celebrity)).all().get(30, TimeUnit.SECONDS).get(celebrity);
				assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
				var partitions = admin.describeTopics(List.of(Topics.CELEBRITY)).allTopicNames().get(30, TimeUnit.SECONDS);
				assertThat(partitions.get(Topics.CELEBRITY).partitions()).hasSize(Topics.PARTITIONS);
			}
			try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
					first.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>(Topics.CELEBRITY, key, "kept across a restart")).get(30, TimeUnit.SECONDS);
			}
			try (var admin = admin(first)) {
				// auto.create.topics.enable=false: a topic nobody created does not come into being by use
				assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("starrymeet.unknown.v1");
			}
		}
		assertThat(Files.exists(dataDir.resolve("kafka/data/meta.properties"))).isTrue();
		progress.clear();

		try (var launcher = new ProcessLauncher(); var second = Infrastructure.start(settings(dataDir), launcher, progress::add)) {
			assertThat(progress).anySatisfy(line -> assertThat(line).startsWith("Kafka (KRaft, pid ")
				.doesNotContain("formatted now")
				.contains("0 created, " + Topics.catalog().size() + " already there"));
			var props = new Properties();
			props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, second.kafkaBootstrapServers());
			props.put(ConsumerConfig.GROUP_ID_CONFIG, "infrastructure-it");
			props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
				consumer.subscribe(Set.of(Topics.CELEBRITY));
				var values = new ArrayList<String>();
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
					consumer.poll(Duration.ofMillis(500)).forEach(record -> {
						if (record.key().equals(key)) {
							values.add(record.value());
						}
					});
					assertThat(values).containsExactly("kept across a restart");
				});
			}
		}
	}

	@Test
	void aKilledRedisOrKafkaIsReportedAndNothingOutlivesClose() throws Exception {
		var dataDir = freshDir("watch");
		var deaths = Collections.synchronizedList(new ArrayList<String>());
		List<ProcessHandle> processes;
		try (var launcher = new ProcessLauncher();
				var infrastructure = Infrastructure.start(settings(dataDir), launcher, line -> {
				})) {
			infrastructure.watch(deaths::add);
			var redis = infrastructure.redisProcess().orElseThrow();
			var kafka = infrastructure.kafkaProcess().orElseThrow();
			processes = infrastructure.processes();

			redis.destroyForcibly();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(deaths).containsExactly("Redis (pid " + redis.pid()
						+ ") exited unexpectedly with code 137 (SIGKILL); see " + dataDir.resolve("logs/redis.log")));

			kafka.destroyForcibly();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deaths).hasSize(2)
				.last()
				.asString()
				.startsWith("Kafka (pid " + kafka.pid() + ") exited unexpectedly with code 137 (SIGKILL)"));
		}
		assertThat(processes).noneMatch(ProcessHandle::isAlive);
		assertThat(deaths).as("what close() stops is no death").hasSize(2);
	}

	private static Infrastructure.Settings settings(Path dataDir) {
		return new Infrastructure.Settings(dataDir, dataDir.resolve("logs"), 0, 0, 0, List.of("starrymeet_it"));
	}

	private static Admin admin(Infrastructure infrastructure) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()));
	}

	private static Path freshDir(String name) throws Exception {
		var dir = ROOT.resolve(name);
		if (Files.exists(dir)) {
			try (var paths = Files.walk(dir)) {
				paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
		Files.createDirectories(dir.resolve("logs"));
		return dir;
	}
}

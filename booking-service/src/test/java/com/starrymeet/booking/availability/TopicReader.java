package com.starrymeet.booking.availability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.testing.EmbeddedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a topic from the beginning as its own consumer group. */
final class TopicReader implements AutoCloseable {

	static final JsonMapper json = new JsonMapper();

	private final KafkaConsumer<String, String> consumer;

	private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

	TopicReader(String topic) {
		consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				EmbeddedInfrastructure.kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG,
				"reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
		consumer.subscribe(List.of(topic));
	}

	List<ConsumerRecord<String, String>> poll() {
		consumer.poll(Duration.ofMillis(300)).forEach(records::add);
		return records;
	}

	/** The envelopes keyed by {@code key}, in topic order. */
	List<JsonNode> envelopes(String key) {
		return poll().stream().filter(r -> key.equals(r.key())).map(r -> json.readTree(r.value())).toList();
	}

	/** Waits until there are at least {@code count} envelopes for {@code key} and returns them all. */
	List<JsonNode> await(String key, int count) {
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> envelopes(key).size() >= count);
		return envelopes(key);
	}

	@Override
	public void close() {
		consumer.close();
	}
}

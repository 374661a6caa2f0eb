package com.starrymeet.payment;

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
public final class TopicReader implements AutoCloseable {

	static final JsonMapper json = new JsonMapper();

	private final KafkaConsumer<String, String> consumer;

	private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

	public TopicReader(String topic) {
		consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				EmbeddedInfrastructure.kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG,
				"reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
		consumer.subscribe(List.of(topic));
	}

	public synchronized List<ConsumerRecord<String, String>> poll() {
		consumer.poll(Duration.ofMillis(300)).forEach(records::add);
		return records;
	}

	/** The envelopes keyed by {@code key} of event {@code type}, in topic order. */
	public List<JsonNode> envelopes(Object key, String type) {
		return poll().stream()
			.filter(r -> key.toString().equals(r.key()))
			.map(r -> json.readTree(r.value()))
			.filter(e -> type.equals(e.get("type").asString()))
			.toList();
	}

	/** Waits until there are at least {@code count} such envelopes and returns them all. */
	public List<JsonNode> await(Object key, String type, int count) {
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> envelopes(key, type).size() >= count);
		return envelopes(key, type);
	}

	/** Reads what is on the topic now (until a poll brings nothing new) and returns the envelopes. */
	public List<JsonNode> settled(Object key, String type) {
		int before;
		do {
			before = records.size();
			poll();
			poll();
		}
		while (records.size() != before);
		return envelopes(key, type);
	}

	@Override
	public void close() {
		consumer.close();
	}
}

package com.starrymeet.notification.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.AvailabilityChanged;
import com.starrymeet.common.testing.EmbeddedInfrastructure;
import com.starrymeet.common.testing.TestTokens;
import com.starrymeet.notification.NotificationTestSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broadcast to many open sockets (issue 11, performance): {@code bench.sockets} (1,000) WebSocket clients (the JDK's,
 * one shared HttpClient) authenticate with their own access tokens and subscribe to one celebrity's availability;
 * then {@code bench.rounds} (20) AvailabilityChanged events are published to Kafka, one every 250 ms. The delivery
 * latency of each (client, round) is from just before the producer's send to the client's receipt of the frame, on
 * one clock (this JVM's): the whole way — Kafka, this instance's live consumer, the fan-out to every subscribed
 * session, the socket. Prints the p50, p99 and max over all deliveries, and how long the connects took. Not part of
 * the build: {@code bench/notifications.sh}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class LiveBroadcastBenchmark extends NotificationTestSupport {

	@Autowired
	KafkaListenerEndpointRegistry registry;

	@Test
	void aBroadcastReachesEveryOpenSocket() throws Exception {
		int sockets = Integer.getInteger("bench.sockets", 1_000);
		int rounds = Integer.getInteger("bench.rounds", 20);
		var celebrity = UUID.randomUUID();
		var sentAt = new AtomicLongArray(rounds);
		var latencies = new ConcurrentHashMap<Integer, long[]>(); // per socket: the latency of each round (ns)
		var ready = new AtomicInteger();
		var subscribed = new AtomicInteger();
		var http = HttpClient.newHttpClient();
		var clients = new ArrayList<WebSocket>();
		var connectStart = System.nanoTime();
		for (int i = 0; i < sockets; i++) {
			int index = i;
			var mine = new long[rounds];
			latencies.put(index, mine);
			var socket = http.newWebSocketBuilder()
				.buildAsync(URI.create("ws://localhost:" + port + "/v1/ws"), new WebSocket.Listener() {
					final StringBuilder partial = new StringBuilder();

					@Override
					public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
						partial.append(data);
						if (last) {
							var frame = json.readTree(partial.toString());
							partial.setLength(0);
							switch (frame.path("type").asString("")) {
								case "ready" -> ready.incrementAndGet();
								case "subscribed" -> subscribed.incrementAndGet();
								case "availability" -> {
									long now = System.nanoTime();
									int round = Integer.parseInt(
											frame.path("locations").path(0).path("city").asString().substring(6));
									mine[round] = now - sentAt.get(round);
								}
								default -> {
								}
							}
						}
						webSocket.request(1);
						return null;
					}
				})
				.get(30, TimeUnit.SECONDS);
			socket.sendText(json.writeValueAsString(Map.of("type", "auth", "token",
					TestTokens.token(UUID.randomUUID().toString(), "USER"))), true).get(30, TimeUnit.SECONDS);
			clients.add(socket);
		}
		try {
			await().atMost(Duration.ofMinutes(3)).until(() -> ready.get() == sockets);
			// one send at a time per socket (the JDK client refuses a second while one is pending): from here
			var subscribe = json.writeValueAsString(Map.of("type", "subscribe", "topic", "availability:" + celebrity));
			for (var socket : clients) {
				socket.sendText(subscribe, true).get(30, TimeUnit.SECONDS);
			}
			await().atMost(Duration.ofMinutes(3)).until(() -> subscribed.get() == sockets);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("after 3 minutes: %d ready, %d subscribed of %d sockets".formatted(ready.get(),
					subscribed.get(), sockets), ex);
		}
		var connectSeconds = (System.nanoTime() - connectStart) / 1e9;
		assertThat(ready.get()).isEqualTo(sockets);

		try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				EmbeddedInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
			// the live consumer reads from the latest offset: publish once it has its partitions
			await().atMost(Duration.ofMinutes(1)).until(() -> {
				var container = registry.getListenerContainer("live-updates");
				return container != null && container.getAssignedPartitions() != null
						&& !container.getAssignedPartitions().isEmpty();
			});
			for (int round = 0; round < rounds; round++) {
				var event = EventEnvelope.of(AvailabilityChanged.AGGREGATE, celebrity, round + 1,
						new AvailabilityChanged(celebrity, List.of(new AvailabilityChanged.Location("Round-" + round,
								"PT", "Europe/Lisbon", List.of(LocalDate.of(2031, 1, 1).plusDays(round))))));
				var payload = json.writeValueAsString(event);
				sentAt.set(round, System.nanoTime());
				producer.send(new ProducerRecord<>(Topics.AVAILABILITY, celebrity.toString(), payload)).get();
				Thread.sleep(250);
			}
		}
		int last = rounds - 1;
		await().atMost(Duration.ofMinutes(2))
			.until(() -> latencies.values().stream().allMatch(l -> l[last] > 0));
		var all = latencies.values().stream().flatMapToLong(Arrays::stream).filter(ns -> ns > 0).sorted().toArray();
		clients.forEach(WebSocket::abort);
		assertThat(all).as("every round reached every socket").hasSize(sockets * rounds);
		System.out.printf(
				"BENCH live-broadcast sockets=%d rounds=%d deliveries=%d connect_s=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
				sockets, rounds, all.length, connectSeconds, percentile(all, 0.50), percentile(all, 0.99),
				all[all.length - 1] / 1e6);
	}

	private static double percentile(long[] sorted, double p) {
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
	}
}

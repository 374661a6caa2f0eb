package com.starrymeet.notification.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.BookingExpired;
import com.starrymeet.common.testing.EmbeddedInfrastructure;
import com.starrymeet.notification.NotificationTestSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Throughput from Kafka to the SMTP server (issue 11, performance): a burst of {@code bench.events} (1,000)
 * BookingExpired events for as many accounts, published at once; measured from the first send until the SMTP server
 * (GreenMail, in this JVM) holds every e-mail. Each event goes the whole way: the idempotent consumer, the template
 * rendering, the delivery row, the in-app notification, the SKIP LOCKED sender, SMTP. Not part of the build:
 * {@code mvn -pl notification-service verify -Dtest=NotificationThroughputBenchmark -Dbench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; prints {@code BENCH notification-throughput …}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class NotificationThroughputBenchmark extends NotificationTestSupport {

	@Test
	void aBurstOfEventsBecomesMail() throws Exception {
		int events = Integer.getInteger("bench.events", 1_000);
		var run = UUID.randomUUID().toString().substring(0, 8);
		var fans = new ArrayList<UUID>();
		for (int i = 0; i < events; i++) {
			var fan = UUID.randomUUID();
			fans.add(fan);
			jdbc.sql("INSERT INTO contact (user_id, email, first_name) VALUES (:id, :email, 'Bench')")
				.param("id", fan)
				.param("email", "bench-" + run + "-" + i + "@example.com")
				.update();
		}
		int before = smtp.getReceivedMessages().length;
		var meeting = parisMeeting(null);
		try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				EmbeddedInfrastructure.kafkaBootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5),
				new StringSerializer(), new StringSerializer())) {
			var payloads = new ArrayList<String>();
			for (int i = 0; i < events; i++) {
				var bookingId = UUID.randomUUID();
				payloads.add(json.writeValueAsString(EventEnvelope.of("booking", bookingId, 2, new BookingExpired(bookingId,
						"BK-BENCH-" + i, fans.get(i), meeting, Instant.now(), Instant.now()))));
			}
			var start = System.nanoTime();
			var sends = new ArrayList<Future<RecordMetadata>>();
			for (int i = 0; i < events; i++) {
				sends.add(producer.send(new ProducerRecord<>(Topics.BOOKING, UUID.randomUUID().toString(), payloads.get(i))));
			}
			producer.flush();
			for (var send : sends) {
				send.get();
			}
			var published = System.nanoTime();
			await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
				.until(() -> smtp.getReceivedMessages().length - before >= events);
			var done = System.nanoTime();
			var seconds = (done - start) / 1e9;
			System.out.printf("BENCH notification-throughput events=%d publish_s=%.2f total_s=%.2f mails_per_s=%.0f%n",
					events, (published - start) / 1e9, seconds, events / seconds);
		}
		assertThat(jdbc.sql("""
				SELECT count(*) FROM delivery d JOIN contact c ON c.user_id = d.recipient_id
				WHERE c.email LIKE :p AND d.status = 'sent'""").param("p", "bench-" + run + "-%").query(Long.class)
			.single()).isEqualTo(events);
	}
}

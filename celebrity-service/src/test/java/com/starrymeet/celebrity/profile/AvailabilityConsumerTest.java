package com.starrymeet.celebrity.profile;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.AvailabilityChanged;
import com.starrymeet.common.testing.EmbeddedInfrastructure;
import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * AvailabilityChanged from booking-service, over real Kafka: acted on once however often it is delivered,
 * older versions ignored, reflected in the public list (availability and the city/date filters), and the
 * celebrity's snapshot published again with the summary.
 */
@ServiceTest
class AvailabilityConsumerTest {

	static final JsonMapper json = new JsonMapper();

	static final String TOPIC = "starrymeet.availability.v1";

	static final LocalDate MAY1 = LocalDate.of(2030, 5, 1);

	static final LocalDate MAY2 = LocalDate.of(2030, 5, 2);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CatalogCache cache;

	@Test
	void duplicatesAreActedOnOnceOlderVersionsAreIgnoredAndTheListShowsIt() throws Exception {
		var f = new Fixtures(jdbc);
		var slug = Fixtures.unique("avail-");
		var category = f.category(slug);
		var id = f.celebrity(Fixtures.unique("av_"), "Avail Able", category, true, true, "4.00", 1, 1, Instant.now(),
				null);
		cache.invalidateNow(); // rows written behind the service's back

		var tokyo = envelope(id, 5, new AvailabilityChanged.Location("Tokyo", "Japan", "Asia/Tokyo", List.of(MAY1, MAY2)));
		var olderRome = envelope(id, 3, new AvailabilityChanged.Location("Rome", "Italy", "Europe/Rome", List.of(MAY1)));
		try (var celebrityTopic = new TopicReader("starrymeet.celebrity.v1")) {
			send(id, tokyo, tokyo, olderRome);
			await().atMost(Duration.ofSeconds(60)).until(() -> processed(olderRome.eventId()) == 1);

			assertThat(processed(tokyo.eventId())).isEqualTo(1);
			var card = card(slug, "&city=tokyo");
			assertThat(card).as("in the city filter").isNotNull();
			assertThat(card.get("availability").size()).isEqualTo(1);
			assertThat(card.at("/availability/0/city").asString()).isEqualTo("Tokyo");
			assertThat(card.at("/availability/0/country").asString()).isEqualTo("Japan");
			assertThat(card.at("/availability/0/availableDatesCount").asInt()).isEqualTo(2);
			assertThat(card(slug, "&date=" + MAY2)).isNotNull();
			assertThat(card(slug, "&city=Rome")).as("the older event was ignored").isNull();

			var snapshots = celebrityTopic.await(id.toString(), 1);
			assertThat(snapshots.getFirst().get("aggregateVersion").asLong()).isEqualTo(1);
			assertThat(snapshots.getFirst().at("/payload/availability/0/city").asString()).isEqualTo("Tokyo");
			assertThat(snapshots.getFirst().at("/payload/availability/0/availableDatesCount").asInt()).isEqualTo(2);
			assertThat(snapshots.getFirst().at("/payload/availability/0/nextAvailableDate").asString())
				.isEqualTo(MAY1.toString());

			// a newer event with no location empties it
			var none = new EventEnvelope<>(UUID.randomUUID(), "AvailabilityChanged", Instant.now(),
					AvailabilityChanged.AGGREGATE, id.toString(), 6, new AvailabilityChanged(id, List.of()));
			send(id, none);
			await().atMost(Duration.ofSeconds(60)).until(() -> processed(none.eventId()) == 1);
			assertThat(card(slug, "&city=Tokyo")).isNull();
			assertThat(card(slug, "").get("availability").size()).isZero();
			// Versions are given in commit order: had the duplicate (or the older event) been applied, its
			// snapshot would be version 2 with Tokyo in it, and this one version 3.
			var all = celebrityTopic.await(id.toString(), 2);
			var last = all.getLast();
			assertThat(all).as("one snapshot per applied event, none for the duplicate").hasSize(2);
			assertThat(last.get("aggregateVersion").asLong()).isEqualTo(2);
			assertThat(last.at("/payload/availability").size()).isZero();
		}
	}

	private static EventEnvelope<AvailabilityChanged> envelope(UUID id, long version,
			AvailabilityChanged.Location location) {
		return new EventEnvelope<>(UUID.randomUUID(), "AvailabilityChanged", Instant.now(),
				AvailabilityChanged.AGGREGATE, id.toString(), version, new AvailabilityChanged(id, List.of(location)));
	}

	@SafeVarargs
	private static void send(UUID key, EventEnvelope<AvailabilityChanged>... events) throws Exception {
		try (var producer = new KafkaProducer<>(
				Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.kafkaBootstrapServers()),
				new StringSerializer(), new StringSerializer())) {
			for (var event : events) {
				producer.send(new ProducerRecord<>(TOPIC, key.toString(), json.writeValueAsString(event))).get();
			}
		}
	}

	private long processed(UUID eventId) {
		return jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = :id")
			.param("id", eventId)
			.query(Long.class)
			.single();
	}

	private JsonNode card(String slug, String filters) {
		var body = json.readTree(TestHttp.at(port).get("/v1/celebrities?category=" + slug + filters).body());
		var list = body.at("/data/celebrities");
		return list.size() == 0 ? null : list.get(0);
	}
}

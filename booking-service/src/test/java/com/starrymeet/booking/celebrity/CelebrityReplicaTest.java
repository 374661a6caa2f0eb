package com.starrymeet.booking.celebrity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.CelebrityRemoved;
import com.starrymeet.common.events.contract.CelebrityUpserted;
import com.starrymeet.common.testing.EmbeddedInfrastructure;
import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog replica over real Kafka: each event acted on once however often delivered, older versions
 * ignored, a removal tombstones the celebrity (404) and a stale snapshot does not bring it back; the replica
 * decides who may manage the availability.
 */
@ServiceTest
class CelebrityReplicaTest {

	static final JsonMapper json = new JsonMapper();

	static final String TOPIC = "starrymeet.celebrity.v1";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void keepsTheNewestSnapshotOnceAndTombstonesRemovals() throws Exception {
		var id = UUID.randomUUID();
		var owner = UUID.randomUUID();
		var previousOwner = UUID.randomUUID();
		var v2 = upserted(id, 2, owner, true);
		var staleV1 = upserted(id, 1, previousOwner, true);
		send(v2, v2, staleV1); // a duplicate, then an older version
		awaitProcessed(staleV1.eventId());
		assertThat(replica(id)).containsEntry("user_id", owner).containsEntry("version", 2L)
			.containsEntry("active", true).containsEntry("verified", true).containsEntry("removed", false);
		assertThat(jdbc.sql("SELECT count(*) FROM processed_event WHERE consumer = 'booking-celebrity-replica' AND event_id = :e")
			.param("e", v2.eventId()).query(Long.class).single()).as("the duplicate was skipped").isEqualTo(1);

		var location = "{\"city\":\"Lisbon\",\"country\":\"Portugal\",\"timeZone\":\"Europe/Lisbon\"}";
		assertThat(post(id, location, TestTokens.token(owner.toString(), "CELEBRITY"))).isEqualTo(201);
		assertThat(post(id, location.replace("Lisbon\",", "Porto\","),
				TestTokens.token(previousOwner.toString(), "CELEBRITY"))).as("no longer theirs").isEqualTo(404);
		assertThat(get(id)).isEqualTo(200);

		// deactivated: hidden from the public, still managed by its owner
		var inactive = upserted(id, 3, owner, false);
		send(inactive);
		awaitProcessed(inactive.eventId());
		assertThat(get(id)).isEqualTo(404);

		var removed = removed(id, 4);
		var staleAfterRemoval = upserted(id, 3, owner, true);
		send(removed, staleAfterRemoval);
		awaitProcessed(staleAfterRemoval.eventId());
		assertThat(replica(id)).containsEntry("removed", true).containsEntry("version", 4L);
		assertThat(get(id)).isEqualTo(404);
		assertThat(post(id, location, TestTokens.token(owner.toString(), "CELEBRITY"))).isEqualTo(404);

		var back = upserted(id, 5, null, true); // now managed by admins
		send(back);
		awaitProcessed(back.eventId());
		assertThat(get(id)).isEqualTo(200);
		assertThat(post(id, location.replace("Lisbon\",", "Faro\","), TestTokens.token(owner.toString(), "CELEBRITY")))
			.isEqualTo(404);
		assertThat(post(id, location.replace("Lisbon\",", "Faro\","), TestTokens.token("ADMIN"))).isEqualTo(201);
	}

	@Test
	void aRemovalOfAnUnknownCelebrityLeavesATombstone() throws Exception {
		var id = UUID.randomUUID();
		var removed = removed(id, 7);
		var older = upserted(id, 6, UUID.randomUUID(), true);
		send(removed, older);
		awaitProcessed(older.eventId());
		assertThat(replica(id)).containsEntry("removed", true).containsEntry("version", 7L);
		assertThat(get(id)).isEqualTo(404);
	}

	private int post(UUID id, String body, String token) {
		return TestHttp.at(port)
			.post("/v1/celebrities/" + id + "/availability/locations", body, "application/json", "Authorization",
					TestHttp.bearer(token))
			.statusCode();
	}

	private int get(UUID id) {
		return TestHttp.at(port).get("/v1/celebrities/" + id + "/availability").statusCode();
	}

	private Map<String, Object> replica(UUID id) {
		return jdbc.sql("SELECT user_id, active, verified, removed, version FROM celebrity_replica WHERE celebrity_id = :id")
			.param("id", id)
			.query()
			.singleRow();
	}

	private static EventEnvelope<CelebrityUpserted> upserted(UUID id, long version, @Nullable UUID userId,
			boolean active) {
		var payload = new CelebrityUpserted(id, "replica_" + version, "Replica " + version, "Actor", null,
				new CelebrityUpserted.Category(UUID.randomUUID(), "Actors", "actors"), null, true, active, false, 4.5, 2,
				3, List.of(), List.of(), Instant.now(), userId);
		return new EventEnvelope<>(UUID.randomUUID(), "CelebrityUpserted", Instant.now(), CelebrityUpserted.AGGREGATE,
				id.toString(), version, payload);
	}

	private static EventEnvelope<CelebrityRemoved> removed(UUID id, long version) {
		return new EventEnvelope<>(UUID.randomUUID(), "CelebrityRemoved", Instant.now(), CelebrityUpserted.AGGREGATE,
				id.toString(), version, new CelebrityRemoved(id));
	}

	private static void send(EventEnvelope<?>... events) throws Exception {
		try (var producer = new KafkaProducer<>(
				Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.kafkaBootstrapServers()),
				new StringSerializer(), new StringSerializer())) {
			for (var event : events) {
				producer.send(new ProducerRecord<>(TOPIC, event.aggregateId(), json.writeValueAsString(event))).get();
			}
		}
	}

	private void awaitProcessed(UUID eventId) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> jdbc.sql("SELECT count(*) FROM processed_event WHERE consumer = 'booking-celebrity-replica' AND event_id = :id")
				.param("id", eventId)
				.query(Long.class)
				.single() == 1);
	}
}

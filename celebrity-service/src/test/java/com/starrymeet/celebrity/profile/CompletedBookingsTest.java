package com.starrymeet.celebrity.profile;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.BookingCompleted;
import com.starrymeet.common.events.contract.BookingMeeting;
import com.starrymeet.common.events.contract.BookingPrice;
import com.starrymeet.common.events.contract.BookingRequested;
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
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * booking-service's BookingCompleted over real Kafka counts into {@code totalBookings} once per booking, whatever
 * arrives twice (the same event, or the same booking completed again after a dispute), and the celebrity's snapshot
 * is published with the new count; the topic's other booking events change nothing here.
 */
@ServiceTest
class CompletedBookingsTest {

	static final JsonMapper json = new JsonMapper();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CatalogCache cache;

	@Test
	void eachBookingCountsOnceIntoTotalBookingsAndTheSnapshot() throws Exception {
		var f = new Fixtures(jdbc);
		var id = f.celebrity(Fixtures.unique("cb_"), "Count Able", f.category(Fixtures.unique("cb-")), true, true,
				"4.00", 1, 0, Instant.now(), null);
		cache.invalidateNow();
		var first = UUID.randomUUID();
		var second = UUID.randomUUID();
		var completed = completed(id, first, "CHECK_IN");
		var again = completed(id, first, "DISPUTE_SETTLED"); // the same booking, completed again after a dispute
		var other = completed(id, second, "AUTO");
		var requested = new EventEnvelope<>(UUID.randomUUID(), "BookingRequested", Instant.now(), "booking",
				second.toString(), 1, new BookingRequested(second, "BK-2026-000002", UUID.randomUUID(), meeting(id),
						price(), Instant.now(), Instant.now()));

		try (var celebrityTopic = new TopicReader("starrymeet.celebrity.v1")) {
			send(completed, completed, again, requested, other);
			await().atMost(Duration.ofSeconds(60)).until(() -> processed(other.eventId()) == 1);

			assertThat(jdbc.sql("SELECT total_bookings FROM celebrity WHERE id = :id").param("id", id).query(Integer.class)
				.single()).isEqualTo(2);
			// the profile's cache is dropped right after the commit
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(json
				.readTree(TestHttp.at(port).get("/v1/celebrities/" + id).body())
				.at("/data/totalBookings")
				.asInt()).isEqualTo(2));
			var snapshots = celebrityTopic.await(id.toString(), 2);
			assertThat(snapshots).as("one snapshot per booking counted, none for the repeats").hasSize(2);
			assertThat(snapshots.getLast().at("/payload/totalBookings").asInt()).isEqualTo(2);
		}
	}

	private static EventEnvelope<BookingCompleted> completed(UUID celebrityId, UUID bookingId, String by) {
		return new EventEnvelope<>(UUID.randomUUID(), "BookingCompleted", Instant.now(), BookingCompleted.AGGREGATE,
				bookingId.toString(), 3, new BookingCompleted(bookingId, "BK-2026-000001", UUID.randomUUID(),
						meeting(celebrityId), price(), by, by.equals("CHECK_IN"), UUID.randomUUID(), Instant.now(),
						Instant.now().plus(Duration.ofHours(48))));
	}

	private static BookingMeeting meeting(UUID celebrityId) {
		var start = Instant.parse("2030-05-01T17:00:00Z");
		return new BookingMeeting(celebrityId, null, "Count Able", UUID.randomUUID(), "Quick Meet", 15, UUID.randomUUID(),
				LocalDate.of(2030, 5, 1), LocalTime.of(10, 0), "America/Los_Angeles", start, start.plusSeconds(900),
				"Los Angeles", "USA");
	}

	private static BookingPrice price() {
		return new BookingPrice(25000, "USD", 3750, 21250);
	}

	private static void send(EventEnvelope<?>... events) throws Exception {
		try (var producer = new KafkaProducer<>(
				Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.kafkaBootstrapServers()),
				new StringSerializer(), new StringSerializer())) {
			for (var event : events) {
				producer.send(new ProducerRecord<>("starrymeet.booking.v1", event.aggregateId(), json.writeValueAsString(event)))
					.get();
			}
		}
	}

	private long processed(UUID eventId) {
		return jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = :id")
			.param("id", eventId)
			.query(Long.class)
			.single();
	}
}

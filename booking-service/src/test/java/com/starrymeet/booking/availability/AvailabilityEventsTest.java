package com.starrymeet.booking.availability;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static com.starrymeet.booking.availability.Api.base;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every change of the public calendar publishes AvailabilityChanged through the outbox to real Kafka, keyed by the
 * celebrity, with a strictly increasing version; a refused change, or one that leaves the public calendar as it was,
 * publishes nothing and uses no version.
 */
@ServiceTest
class AvailabilityEventsTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CalendarRefresh refresh;

	@Test
	void everyChangePublishesTheCalendarWithIncreasingVersions() {
		var api = new Api(port, jdbc);
		var userId = UUID.randomUUID();
		var id = api.celebrity(userId, true);
		var token = TestTokens.token(userId.toString(), "CELEBRITY");
		var day = LocalDate.now(ZoneOffset.UTC).plusDays(10);
		try (var topic = new TopicReader("starrymeet.availability.v1")) {
			var rome = api.location(id, token, "Rome", "Italy", "Europe/Rome"); // v1
			var first = api.window(id, token, rome, day, "10:00", "11:00", 2); // v2
			assertThat(api.postWindow(id, token, rome, day, "10:30", "11:30", 1).statusCode()).isEqualTo(400); // none
			api.window(id, token, rome, day.plusDays(3), "10:00", "11:00", 1); // v3
			assertThat(api.post(base(id) + "/blocked-dates", "{\"date\":\"" + day.plusDays(3) + "\"}", token)
				.statusCode()).isEqualTo(201); // v4

			// the outbox sends after commit, so the topic order may differ from the version order; consumers
			// order by version, and so does this test
			var events = byVersion(topic.await(id.toString(), 4));
			assertThat(events).hasSize(4);
			assertThat(events.stream().map(e -> e.get("aggregateVersion").asLong()).toList())
				.containsExactly(1L, 2L, 3L, 4L);
			for (var event : events) {
				assertThat(event.get("type").asString()).isEqualTo("AvailabilityChanged");
				assertThat(event.get("aggregateType").asString()).isEqualTo("availability");
				assertThat(event.get("aggregateId").asString()).isEqualTo(id.toString());
				assertThat(event.at("/payload/celebrityId").asString()).isEqualTo(id.toString());
			}
			assertThat(events.get(0).at("/payload/locations").size()).as("a location without dates").isZero();
			assertThat(dates(events.get(1))).containsExactly(day.toString());
			assertThat(events.get(1).at("/payload/locations/0/city").asString()).isEqualTo("Rome");
			assertThat(events.get(1).at("/payload/locations/0/country").asString()).isEqualTo("Italy");
			assertThat(events.get(1).at("/payload/locations/0/timeZone").asString()).isEqualTo("Europe/Rome");
			assertThat(dates(events.get(2))).containsExactly(day.toString(), day.plusDays(3).toString());
			assertThat(dates(events.get(3))).as("blocked").containsExactly(day.toString());

			// capacity 3 with 2 booked: the date keeps room, the public calendar is as published: no event, same version
			api.book(first, 2);
			assertThat(api.patch(base(id) + "/windows/" + first, "{\"capacity\":3}", token).statusCode())
				.isEqualTo(200);
			assertThat(jdbc.sql("SELECT version FROM calendar WHERE celebrity_id = :id").param("id", id)
				.query(Long.class).single()).isEqualTo(4);

			api.book(first, 3);
			assertThat(api.patch(base(id) + "/windows/" + first, "{\"capacity\":3}", token).statusCode())
				.isEqualTo(200); // v5: full, so no date left
			var all = byVersion(topic.await(id.toString(), 5));
			assertThat(all.stream().map(e -> e.get("aggregateVersion").asLong()).toList())
				.as("the unchanged calendar was not published").containsExactly(1L, 2L, 3L, 4L, 5L);
			var full = all.getLast();
			assertThat(full.at("/payload/locations").size()).isZero();
			assertThat(jdbc.sql("SELECT version FROM calendar WHERE celebrity_id = :id").param("id", id)
				.query(Long.class).single()).isEqualTo(5);
		}
	}

	@Test
	void theCalendarIsPublishedAgainOnceItsFirstDateHasGoneBy() {
		var api = new Api(port, jdbc);
		var id = api.celebrity(null, true);
		var admin = TestTokens.token("ADMIN");
		var day = LocalDate.now(ZoneOffset.UTC).plusDays(5);
		try (var topic = new TopicReader("starrymeet.availability.v1")) {
			var lima = api.location(id, admin, "Lima", "Peru", "America/Lima"); // v1
			var morning = api.window(id, admin, lima, day, "10:00", "11:00", 1); // v2
			var afternoon = api.window(id, admin, lima, day, "14:00", "15:00", 1); // the same date: not published
			api.window(id, admin, lima, day.plusDays(1), "10:00", "11:00", 1); // v3
			var lastStartThatDay = jdbc.sql("SELECT starts_at FROM time_window WHERE id = :id").param("id", afternoon)
				.query(java.sql.Timestamp.class).single();
			assertThat(refreshAt(id)).as("the first date goes by when its last window starts").isEqualTo(lastStartThatDay);

			// as if the clock had reached the first date's last window
			jdbc.sql("UPDATE time_window SET starts_at = now() - interval '3 hours', ends_at = now() - interval '2 hours' WHERE id = :id")
				.param("id", morning).update();
			jdbc.sql("UPDATE time_window SET starts_at = now() - interval '1 hour', ends_at = now() - interval '1 minute' WHERE id = :id")
				.param("id", afternoon).update();
			jdbc.sql("UPDATE calendar SET refresh_at = now() - interval '1 hour' WHERE celebrity_id = :id").param("id", id)
				.update();
			refresh.refreshDue(CalendarRefresh.BATCH);

			var last = byVersion(topic.await(id.toString(), 4)).getLast();
			assertThat(last.get("aggregateVersion").asLong()).isEqualTo(4);
			assertThat(dates(last)).containsExactly(day.plusDays(1).toString());
			assertThat(refreshAt(id)).isAfter(java.sql.Timestamp.from(java.time.Instant.now()));
		}
	}

	private java.sql.Timestamp refreshAt(UUID id) {
		return jdbc.sql("SELECT refresh_at FROM calendar WHERE celebrity_id = :id").param("id", id)
			.query(java.sql.Timestamp.class).single();
	}

	private static java.util.List<JsonNode> byVersion(java.util.List<JsonNode> events) {
		return events.stream()
			.sorted(java.util.Comparator.comparingLong(e -> e.get("aggregateVersion").asLong()))
			.toList();
	}

	private static java.util.List<String> dates(JsonNode event) {
		return event.at("/payload/locations/0/availableDates").valueStream().map(JsonNode::asString).toList();
	}
}

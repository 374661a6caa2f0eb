package com.starrymeet.booking.availability;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.starrymeet.common.events.Topics;
import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static com.starrymeet.booking.availability.Api.assertProblem;
import static com.starrymeet.booking.availability.Api.base;
import static com.starrymeet.booking.availability.Api.body;
import static com.starrymeet.booking.availability.Api.data;
import static com.starrymeet.booking.availability.Api.errorFields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The internal endpoints search-service reconciles availability with, on real PostgreSQL and Kafka: every
 * calendar's version, and snapshots that are exactly the AvailabilityChanged payloads published at those versions.
 * No user token is needed (the gateway never routes {@code /internal/**}).
 */
@ServiceTest
class CalendarReconciliationTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void versionsAndSnapshotsAreWhatWasPublished() {
		var api = new Api(port, jdbc);
		var admin = TestTokens.token("ADMIN");
		var day = LocalDate.now(ZoneOffset.UTC).plusDays(30);
		var busy = api.celebrity(null, true);
		var quiet = api.celebrity(null, true);
		var untouched = api.celebrity(null, true); // known, but its availability never changed: no calendar
		try (var topic = new TopicReader(Topics.AVAILABILITY)) {
			var oslo = api.location(busy, admin, "Oslo", "Norway", "Europe/Oslo"); // v1
			api.window(busy, admin, oslo, day, "10:00", "11:00", 2); // v2
			api.window(busy, admin, oslo, day.plusDays(1), "10:00", "11:00", 2); // v3
			assertThat(api.post(base(busy) + "/blocked-dates", "{\"date\":\"" + day.plusDays(1) + "\"}", admin)
				.statusCode()).isEqualTo(201); // v4
			api.location(quiet, admin, "Bergen", "Norway", "Europe/Oslo"); // v1

			var versions = api.get("/internal/availability/versions", null);
			assertThat(versions.statusCode()).as(versions.body()).isEqualTo(200);
			assertThat(body(versions).get("success").asBoolean()).isTrue();
			var byCelebrity = data(versions).valueStream()
				.collect(Collectors.toMap(v -> v.get("celebrityId").asString(), v -> v.get("version").asLong()));
			assertThat(byCelebrity).containsEntry(busy.toString(), 4L)
				.containsEntry(quiet.toString(), 1L)
				.doesNotContainKey(untouched.toString());
			assertThat(data(versions).valueStream().map(v -> v.get("celebrityId").asString()).toList())
				.as("in PostgreSQL's uuid order, which is the order of their text").isSorted();

			var snapshots = api.get("/internal/availability/snapshots?ids=" + quiet + "," + untouched + "," + busy, null);
			assertThat(snapshots.statusCode()).as(snapshots.body()).isEqualTo(200);
			var items = data(snapshots);
			assertThat(items.size()).as("in the order asked; no calendar, no snapshot").isEqualTo(2);
			assertThat(items.at("/0/version").asLong()).isEqualTo(1);
			assertThat(items.at("/0/availability")).isEqualTo(published(topic, quiet, 1));
			assertThat(items.at("/1/version").asLong()).isEqualTo(4);
			assertThat(items.at("/1/availability")).isEqualTo(published(topic, busy, 4));
			assertThat(items.at("/1/availability/locations/0/availableDates").valueStream().map(JsonNode::asString)
				.toList()).as("the blocked date is not offered").containsExactly(day.toString());

			// the next change moves both
			api.window(busy, admin, oslo, day.plusDays(2), "10:00", "11:00", 1); // v5
			var after = data(api.get("/internal/availability/snapshots?ids=" + busy, null));
			assertThat(after.at("/0/version").asLong()).isEqualTo(5);
			assertThat(after.at("/0/availability")).isEqualTo(published(topic, busy, 5));
			assertThat(after.at("/0/availability/locations/0/availableDates").size()).isEqualTo(2);
		}
	}

	@Test
	void snapshotsTakeOneToAHundredIds() {
		var api = new Api(port, jdbc);
		var hundred = IntStream.range(0, 100).mapToObj(i -> UUID.randomUUID().toString()).toList();
		var ok = api.get("/internal/availability/snapshots?ids=" + String.join(",", hundred), null);
		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
		assertThat(data(ok).size()).isZero();
		var tooMany = api.get("/internal/availability/snapshots?ids=" + String.join(",", hundred) + "," + UUID.randomUUID(),
				null);
		assertProblem(tooMany, 400, "VALIDATION_FAILED");
		assertThat(errorFields(tooMany)).containsExactly("ids");
		for (var query : List.of("?ids=not-a-uuid", "?ids=", "")) {
			var response = api.get("/internal/availability/snapshots" + query, null);
			assertProblem(response, 400, "VALIDATION_FAILED");
			assertThat(errorFields(response)).as(query).containsExactly("ids");
		}
		assertProblem(api.post("/internal/availability/snapshots", "{}", null), 401, "UNAUTHORIZED");
	}

	/** The payload of the AvailabilityChanged published for {@code celebrityId} at {@code version}. */
	private static JsonNode published(TopicReader topic, UUID celebrityId, long version) {
		return topic.await(celebrityId.toString(), (int) version)
			.stream()
			.filter(event -> event.get("aggregateVersion").asLong() == version)
			.findFirst()
			.orElseThrow()
			.get("payload");
	}
}

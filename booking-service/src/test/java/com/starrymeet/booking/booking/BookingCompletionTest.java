package com.starrymeet.booking.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.events.Topics;
import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static com.starrymeet.booking.booking.BookingApi.assertProblem;
import static com.starrymeet.booking.booking.BookingApi.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meeting happens: the fan's signed check-in code (valid 1 h before the start to 1 h after the end, this
 * booking's only, not forgeable), its scan completing the booking, the celebrity's "done" after the start, the
 * automatic completion 48 h after the end (several instances at once, disputed bookings skipped), BookingCompleted,
 * and the fan's review once (ReviewSubmitted on the review topic).
 */
@ServiceTest
class BookingCompletionTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Completions completions;

	@AfterEach
	void unpin() {
		TestClock.reset();
	}

	@Test
	void theScannedCodeCompletesTheMeetingAndTheFanReviewsItOnce() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 60, 2);
		var fan = UUID.randomUUID();
		var token = TestTokens.token(fan.toString(), "USER");
		var id = api.confirmed(fan, BookingApi.body(celebrity, window, "10:00"));
		var other = api.confirmed(UUID.randomUUID(), BookingApi.body(celebrity, window, "11:00"));

		assertThat(api.get("/v1/bookings/" + id + "/check-in-code", celebrity.token()).statusCode()).isEqualTo(403);
		assertProblem(api.get("/v1/bookings/" + id + "/check-in-code", TestTokens.token("USER")), 404, "NOT_FOUND");
		var issued = data(api.get("/v1/bookings/" + id + "/check-in-code", token));
		var code = issued.get("code").asString();
		var start = Instant.parse(data(api.get("/v1/bookings/" + id, token)).get("startsAt").asString());
		assertThat(Instant.parse(issued.get("validFrom").asString())).isEqualTo(start.minus(Duration.ofHours(1)));
		assertThat(Instant.parse(issued.get("validUntil").asString()))
			.isEqualTo(start.plus(Duration.ofMinutes(30)).plus(Duration.ofHours(1)));

		var path = "/v1/bookings/" + id + "/check-in";
		assertThat(api.post(path, "{\"code\":\"" + code + "\"}", token, null).statusCode()).isEqualTo(403);
		assertProblem(api.post(path, "{\"code\":\"" + code + "\"}", api.celebrity().token(), null), 404, "NOT_FOUND");
		// too early
		assertProblem(api.post(path, "{\"code\":\"" + code + "\"}", celebrity.token(), null), 409, "CHECK_IN_NOT_OPEN");
		TestClock.pin(start.minus(Duration.ofMinutes(10)));
		// forged, tampered, another booking's
		assertProblem(api.post(path, "{\"code\":\"" + code.substring(0, code.length() - 2) + "xx\"}", celebrity.token(),
				null), 400, "INVALID_CHECK_IN_CODE");
		assertProblem(api.post(path, "{\"code\":\"" + code.replace(id.toString(), other.toString()) + "\"}",
				celebrity.token(), null), 400, "INVALID_CHECK_IN_CODE");
		var otherCode = data(api.get("/v1/bookings/" + other + "/check-in-code", TestTokens.token(
				jdbc.sql("SELECT fan_id FROM booking WHERE id = :id").param("id", other).query(UUID.class).single().toString(),
				"USER"))).get("code").asString();
		assertProblem(api.post(path, "{\"code\":\"" + otherCode + "\"}", celebrity.token(), null), 400,
				"INVALID_CHECK_IN_CODE");
		assertProblem(api.post("/v1/bookings/" + id + "/review", "{\"rating\":5}", token, null), 409, "NOT_REVIEWABLE");

		var checkedIn = api.post(path, "{\"code\":\"" + code + "\"}", celebrity.token(), null);
		assertThat(checkedIn.statusCode()).as(checkedIn.body()).isEqualTo(200);
		assertThat(data(checkedIn).get("status").asString()).isEqualTo("completed");
		assertThat(data(checkedIn).get("checkedIn").asBoolean()).isTrue();
		assertThat(data(checkedIn).get("completedBy").asString()).isEqualTo("CHECK_IN");
		assertProblem(api.post(path, "{\"code\":\"" + code + "\"}", celebrity.token(), null), 409, "NOT_COMPLETABLE");
		var completed = event(Topics.BOOKING, id, "BookingCompleted");
		assertThat(completed.at("/payload/completedBy").asString()).isEqualTo("CHECK_IN");
		assertThat(completed.at("/payload/checkedIn").asBoolean()).isTrue();
		assertThat(Instant.parse(completed.at("/payload/payoutEligibleAt").asString()))
			.isEqualTo(start.plus(Duration.ofMinutes(30)).plus(Duration.ofHours(48)));

		// the review: validated, once
		var reviewPath = "/v1/bookings/" + id + "/review";
		assertThat(BookingApi.errorFields(api.post(reviewPath, "{\"rating\":6}", token, null))).containsExactly("rating");
		assertThat(BookingApi.errorFields(api.post(reviewPath, "{\"rating\":4,\"title\":\"" + "x".repeat(201) + "\"}", token,
				null))).containsExactly("title");
		assertThat(BookingApi.errorFields(api.post(reviewPath, "{\"rating\":4,\"reviewerName\":\"Me\"}", token, null)))
			.containsExactly("reviewerName");
		assertProblem(api.post(reviewPath, "{\"rating\":5}", TestTokens.token("USER"), null), 404, "NOT_FOUND");
		var reviewed = api.post(reviewPath, "{\"rating\":5,\"title\":\"Unforgettable\",\"comment\":\"So kind.\"}", token, null);
		assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(201);
		var reviewId = data(reviewed).get("id").asString();
		assertProblem(api.post(reviewPath, "{\"rating\":1}", token, null), 409, "ALREADY_REVIEWED");
		try (var topic = new BookingApi.BookingTopic(Topics.REVIEW)) {
			await().atMost(Duration.ofSeconds(60)).until(() -> !topic.envelopes(UUID.fromString(reviewId)).isEmpty());
			var review = topic.envelopes(UUID.fromString(reviewId)).getFirst();
			assertThat(review.get("type").asString()).isEqualTo("ReviewSubmitted");
			assertThat(review.at("/payload/bookingId").asString()).isEqualTo(id.toString());
			assertThat(review.at("/payload/celebrityId").asString()).isEqualTo(celebrity.id().toString());
			assertThat(review.at("/payload/rating").asInt()).isEqualTo(5);
			assertThat(review.at("/payload/reviewerName").asString()).isEqualTo("A fan");
		}
		assertThat(api.history(id)).containsExactly("BookingRequested", "BookingConfirmed", "BookingCompleted",
				"ReviewSubmitted");
		assertThat(api.booked(window.id())).isEqualTo(2);
		assertThat(api.windowsOffCount()).isEmpty();
	}

	@Test
	void theCelebrityMarksItDoneOnlyAfterTheStart() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 61, 1);
		var id = api.confirmed(UUID.randomUUID(), BookingApi.body(celebrity, window, "10:00"));
		var path = "/v1/bookings/" + id + "/complete";
		assertProblem(api.post(path, "", celebrity.token(), null), 409, "MEETING_NOT_STARTED");
		assertThat(api.post(path, "", TestTokens.token("ADMIN"), null).statusCode()).isEqualTo(403);
		var start = Instant.parse(data(api.get("/v1/bookings/" + id, celebrity.token())).get("startsAt").asString());
		TestClock.pin(start);
		var done = api.post(path, "", celebrity.token(), null);
		assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
		assertThat(data(done).get("checkedIn").asBoolean()).isFalse();
		assertThat(event(Topics.BOOKING, id, "BookingCompleted").at("/payload/completedBy").asString())
			.isEqualTo("CELEBRITY");
	}

	@Test
	void meetingsCompleteThemselves48HoursAfterTheEndUnlessDisputedOnEveryInstanceOnce() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 62, 10);
		var ids = new java.util.ArrayList<UUID>();
		for (int i = 0; i < 6; i++) {
			ids.add(api.confirmed(UUID.randomUUID(), BookingApi.body(celebrity, window, "10:00")));
		}
		var disputedFan = UUID.randomUUID();
		var disputed = api.confirmed(disputedFan, BookingApi.body(celebrity, window, "10:30"));
		var notYet = api.confirmed(UUID.randomUUID(), BookingApi.body(celebrity, window, "11:00"));
		// the meetings took place: the first ones ended 48 h and 1 minute ago, the last 47 h ago
		for (var id : ids) {
			api.meetingStartsIn(id, Duration.ofHours(-49));
		}
		api.meetingStartsIn(notYet, Duration.ofMinutes(-47 * 60 - 30));
		api.meetingStartsIn(disputed, Duration.ofHours(-2));
		var opened = api.post("/v1/bookings/" + disputed + "/dispute", "{\"reason\":\"NOT_AS_DESCRIBED\",\"text\":\"Rushed\"}",
				TestTokens.token(disputedFan.toString(), "USER"), null);
		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
		api.meetingStartsIn(disputed, Duration.ofHours(-49));
		try (var executor = java.util.concurrent.Executors.newFixedThreadPool(3)) {
			var runs = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
			for (int i = 0; i < 3; i++) {
				runs.add(executor.submit(() -> completions.completeDue(100)));
			}
			for (var run : runs) {
				run.get();
			}
		}
		for (var id : ids) {
			assertThat(api.status(id)).isEqualTo("completed");
			assertThat(api.history(id).stream().filter("BookingCompleted"::equals).count()).isEqualTo(1);
		}
		assertThat(api.status(disputed)).isEqualTo("disputed");
		assertThat(api.status(notYet)).isEqualTo("confirmed");
		assertThat(event(Topics.BOOKING, ids.getFirst(), "BookingCompleted").at("/payload/completedBy").asString())
			.isEqualTo("AUTO");
		assertThat(api.windowsOffCount()).isEmpty();
	}

	private static JsonNode event(String topicName, UUID key, String type) {
		try (var topic = new BookingApi.BookingTopic(topicName)) {
			await().atMost(Duration.ofSeconds(60)).until(() -> topic.types(key).contains(type));
			var events = topic.envelopes(key).stream().filter(e -> e.get("type").asString().equals(type)).toList();
			assertThat(events).hasSize(1);
			return events.getFirst();
		}
	}
}

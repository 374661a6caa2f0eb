package com.starrymeet.booking.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.starrymeet.booking.booking.BookingApi.assertProblem;
import static com.starrymeet.booking.booking.BookingApi.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code PATCH /v1/bookings/{id}}: the new slot taken and the old released in one transaction (booked counts right
 * afterwards), BookingRescheduled, at most twice, only more than 72 h ahead, a full or foreign window refused with
 * nothing changed, only the fan.
 */
@ServiceTest
class BookingRescheduleTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void unpin() {
		TestClock.reset();
	}

	static String move(BookingApi.Window window, String time) {
		return """
				{"availableDateId":"%s","date":"%s","time":"%s","location":{"city":"Los Angeles","country":"USA"}}"""
			.formatted(window.id(), window.date(), time);
	}

	@Test
	void movesTheMeetingTwiceThenRefuses() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var first = api.window(celebrity, 50, 1);
		var second = api.window(celebrity, 51, 1);
		var third = api.window(celebrity, 52, 1);
		var fan = UUID.randomUUID();
		var token = TestTokens.token(fan.toString(), "USER");
		var id = api.confirmed(fan, BookingApi.body(celebrity, first, "10:00"));

		var moved = api.patch("/v1/bookings/" + id, move(second, "11:00"), token);
		assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
		assertThat(data(moved).get("date").asString()).isEqualTo(second.date().toString());
		assertThat(data(moved).get("time").asString()).isEqualTo("11:00");
		assertThat(data(moved).get("rescheduleCount").asInt()).isEqualTo(1);
		assertThat(data(moved).at("/price/amountCents").asLong()).isEqualTo(BookingApi.PRICE);
		assertThat(api.booked(first.id())).isZero();
		assertThat(api.booked(second.id())).isEqualTo(1);
		// the freed first window is bookable again by someone else
		api.booked(TestTokens.token("USER"), celebrity, first, "10:00");

		// a full window: refused, nothing changes
		assertProblem(api.patch("/v1/bookings/" + id, move(first, "10:30"), token), 409, "WINDOW_FULL");
		assertThat(api.booked(second.id())).isEqualTo(1);

		// another time in the same window: the slot stays
		var sameWindow = api.patch("/v1/bookings/" + id, move(second, "10:00"), token);
		assertThat(sameWindow.statusCode()).as(sameWindow.body()).isEqualTo(200);
		assertThat(api.booked(second.id())).isEqualTo(1);
		assertProblem(api.patch("/v1/bookings/" + id, move(third, "10:00"), token), 409, "RESCHEDULE_LIMIT_REACHED");
		assertThat(api.booked(third.id())).isZero();
		assertThat(api.windowsOffCount()).isEmpty();

		try (var topic = new BookingApi.BookingTopic()) {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> topic.types(id).stream().filter("BookingRescheduled"::equals).count() == 2);
			var event = topic.envelopes(id).stream().filter(e -> e.get("type").asString().equals("BookingRescheduled"))
				.findFirst().orElseThrow();
			assertThat(event.at("/payload/from/windowId").asString()).isEqualTo(first.id().toString());
			assertThat(event.at("/payload/to/windowId").asString()).isEqualTo(second.id().toString());
			assertThat(event.at("/payload/rescheduleCount").asInt()).isEqualTo(1);
			assertThat(event.get("aggregateVersion").asLong()).isEqualTo(3);
		}
	}

	@Test
	void onlyMoreThan72HoursAheadOnlyTheFanOnlyTheCelebritysWindows() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var first = api.window(celebrity, 53, 1);
		var second = api.window(celebrity, 54, 1);
		var fan = UUID.randomUUID();
		var token = TestTokens.token(fan.toString(), "USER");
		var id = api.confirmed(fan, BookingApi.body(celebrity, first, "10:00"));
		var start = Instant.parse(data(api.get("/v1/bookings/" + id, token)).get("startsAt").asString());

		assertThat(api.patch("/v1/bookings/" + id, move(second, "10:00"), celebrity.token()).statusCode()).isEqualTo(403);
		assertProblem(api.patch("/v1/bookings/" + id, move(second, "10:00"), TestTokens.token("USER")), 404, "NOT_FOUND");
		var foreign = api.window(api.celebrity(), 55, 1);
		assertProblem(api.patch("/v1/bookings/" + id, move(foreign, "10:00"), token), 404, "NOT_FOUND");
		assertThat(BookingApi.errorFields(api.patch("/v1/bookings/" + id, move(second, "13:00"), token)))
			.containsExactly("time");
		assertThat(BookingApi.errorFields(api.patch("/v1/bookings/" + id,
				"{\"availableDateId\":\"" + second.id() + "\",\"status\":\"canceled\"}", token))).contains("status");

		TestClock.pin(start.minus(Duration.ofHours(72)));
		assertProblem(api.patch("/v1/bookings/" + id, move(second, "10:00"), token), 409, "RESCHEDULE_TOO_LATE");
		TestClock.pin(start.minus(Duration.ofHours(72)).minusSeconds(1));
		var moved = api.patch("/v1/bookings/" + id, move(second, "10:00"), token);
		assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
		assertThat(api.booked(first.id())).isZero();
		assertThat(api.booked(second.id())).isEqualTo(1);
	}
}

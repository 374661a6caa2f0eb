package com.starrymeet.booking.availability;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static com.starrymeet.booking.availability.Api.assertProblem;
import static com.starrymeet.booking.availability.Api.base;
import static com.starrymeet.booking.availability.Api.data;
import static com.starrymeet.booking.availability.Api.errorFields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public calendar, without a token: upcoming dates per location with windows and remaining capacity,
 * blocked dates hidden, full dates shown as unavailable, and the month view for a calendar widget.
 */
@ServiceTest
class PublicAvailabilityTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void upcomingDatesPerLocationWithRemainingCapacity() {
		var api = new Api(port, jdbc);
		var userId = UUID.randomUUID();
		var id = api.celebrity(userId, true);
		var token = TestTokens.token(userId.toString(), "CELEBRITY");
		var day = LocalDate.now(ZoneOffset.UTC).plusDays(20);
		var paris = api.location(id, token, "Paris", "France", "Europe/Paris");
		var tokyo = api.location(id, token, "Tokyo", "Japan", "Asia/Tokyo");
		api.location(id, token, "Oslo", "Norway", "Europe/Oslo"); // no windows: not shown
		var morning = api.window(id, token, paris, day, "10:00", "11:00", 3);
		api.window(id, token, paris, day, "14:00", "15:00", 2);
		var full = api.window(id, token, paris, day.plusDays(1), "10:00", "11:00", 1);
		api.window(id, token, paris, day.plusDays(2), "10:00", "11:00", 1);
		api.window(id, token, tokyo, day.plusDays(5), "18:00", "19:00", 4);
		api.book(morning, 2);
		api.book(full, 1);
		assertThat(api.post(base(id) + "/blocked-dates", "{\"date\":\"" + day.plusDays(2) + "\"}", token).statusCode())
			.isEqualTo(201);
		// a window that has already started is not offered
		jdbc.sql("""
				INSERT INTO time_window (celebrity_id, location_id, date, start_time, end_time, starts_at, ends_at, capacity)
				VALUES (:c, :l, :d, '00:00', '00:01', now() - interval '2 hours', now() - interval '119 minutes', 5)""")
			.param("c", id)
			.param("l", paris)
			.param("d", LocalDate.now(ZoneOffset.UTC).minusDays(1))
			.update();

		var response = api.get(base(id), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		var data = data(response);
		assertThat(data.get("celebrityId").asString()).isEqualTo(id.toString());
		assertThat(data.has("month")).as("only with ?month").isFalse();
		var locations = data.get("locations");
		assertThat(locations.size()).isEqualTo(2);
		var parisView = locations.get(0);
		assertThat(parisView.get("city").asString()).isEqualTo("Paris");
		assertThat(parisView.get("country").asString()).isEqualTo("France");
		assertThat(parisView.get("timeZone").asString()).isEqualTo("Europe/Paris");
		assertThat(parisView.get("availableDatesCount").asInt()).isEqualTo(1);
		assertThat(parisView.get("nextAvailableDate").asString()).isEqualTo(day.toString());
		var dates = parisView.get("dates");
		assertThat(dates.size()).as("blocked date hidden").isEqualTo(2);
		var first = dates.get(0);
		assertThat(first.get("date").asString()).isEqualTo(day.toString());
		assertThat(first.get("available").asBoolean()).isTrue();
		assertThat(first.get("remainingCapacity").asInt()).isEqualTo(1 + 2);
		assertThat(first.get("windows").size()).isEqualTo(2);
		var window = first.at("/windows/0");
		assertThat(window.get("id").asString()).isEqualTo(morning.toString());
		assertThat(window.get("startTime").asString()).isEqualTo("10:00");
		assertThat(window.get("endTime").asString()).isEqualTo("11:00");
		assertThat(window.get("remaining").asInt()).isEqualTo(1);
		assertThat(window.has("booked")).as("bookings are not public").isFalse();
		assertThat(window.has("capacity")).as("capacity - remaining would reveal the bookings").isFalse();
		var soldOut = dates.get(1);
		assertThat(soldOut.get("available").asBoolean()).isFalse();
		assertThat(soldOut.get("remainingCapacity").asInt()).isZero();
		assertThat(locations.get(1).get("city").asString()).isEqualTo("Tokyo");
		assertThat(locations.get(1).at("/dates/0/date").asString()).isEqualTo(day.plusDays(5).toString());

		// the month view: every day of the month
		var month = YearMonth.from(day);
		var withMonth = data(api.get(base(id) + "?month=" + month, null));
		assertThat(withMonth.get("locations").size()).isEqualTo(2);
		var view = withMonth.get("month");
		assertThat(view.get("month").asString()).isEqualTo(month.toString());
		var days = view.get("days");
		assertThat(days.size()).isEqualTo(month.lengthOfMonth());
		assertThat(days.get(0).get("date").asString()).isEqualTo(month.atDay(1).toString());
		var dayView = days.get(day.getDayOfMonth() - 1);
		assertThat(dayView.get("available").asBoolean()).isTrue();
		assertThat(dayView.get("remainingCapacity").asInt()).isEqualTo(3);
		assertThat(dayView.get("cities").valueStream().map(JsonNode::asString).toList()).containsExactly("Paris");
		if (day.plusDays(1).getMonth() == day.getMonth()) {
			var next = days.get(day.getDayOfMonth());
			assertThat(next.get("available").asBoolean()).as("full").isFalse();
			assertThat(next.get("cities").valueStream().map(JsonNode::asString).toList()).containsExactly("Paris");
		}
		if (day.plusDays(2).getMonth() == day.getMonth()) {
			var blocked = days.get(day.getDayOfMonth() + 1);
			assertThat(blocked.get("available").asBoolean()).isFalse();
			assertThat(blocked.get("cities").size()).isZero();
		}
		var empty = data(api.get(base(id) + "?month=" + month.plusMonths(30), null)).get("month");
		assertThat(empty.get("days").valueStream().noneMatch(d -> d.get("available").asBoolean())).isTrue();
	}

	@Test
	void badMonthUnknownOrNonPublicCelebrity() {
		var api = new Api(port, jdbc);
		var id = api.celebrity(UUID.randomUUID(), true);
		assertThat(api.get(base(id), null).statusCode()).isEqualTo(200);
		assertThat(data(api.get(base(id), null)).get("locations").size()).isZero();
		for (var month : new String[] { "2026-13", "2026-1", "december", "1999-12" }) {
			var response = api.get(base(id) + "?month=" + month, null);
			assertProblem(response, 400, "VALIDATION_FAILED");
			assertThat(errorFields(response)).as(month).containsExactly("month");
		}
		assertProblem(api.get(base(UUID.randomUUID()), null), 404, "NOT_FOUND");
		assertProblem(api.get(base(api.celebrity(UUID.randomUUID(), false)), null), 404, "NOT_FOUND");
		var unverified = api.celebrity(UUID.randomUUID(), true);
		jdbc.sql("UPDATE celebrity_replica SET verified = false WHERE celebrity_id = :id").param("id", unverified).update();
		assertProblem(api.get(base(unverified), null), 404, "NOT_FOUND");
		assertProblem(api.get(base(id) + "/locations", null), 401, "UNAUTHORIZED");
	}
}

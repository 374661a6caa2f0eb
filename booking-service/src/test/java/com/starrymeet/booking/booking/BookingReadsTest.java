package com.starrymeet.booking.booking;

import java.util.UUID;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static com.starrymeet.booking.booking.BookingApi.assertProblem;
import static com.starrymeet.booking.booking.BookingApi.data;
import static com.starrymeet.booking.booking.BookingApi.errorFields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees which booking: the fan who booked, the celebrity's account and admins (anyone else: 404); the fan's
 * lists by status; the celebrity's incoming bookings (CELEBRITY only); the internal read for payment-service.
 */
@ServiceTest
class BookingReadsTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aBookingIsVisibleToItsFanTheCelebrityAndAdminsOnly() {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 50, 2);
		var fanToken = TestTokens.token(UUID.randomUUID().toString(), "USER");
		var id = api.booked(fanToken, celebrity, window, "10:00").get("id").asString();
		var path = "/v1/bookings/" + id;

		var own = api.get(path, fanToken);
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(data(own).get("bookingNumber").asString()).startsWith("BK-");
		assertThat(data(own).get("paymentIntent").isNull()).isTrue();
		assertThat(api.get(path, celebrity.token()).statusCode()).isEqualTo(200);
		assertThat(api.get(path, TestTokens.token("ADMIN")).statusCode()).isEqualTo(200);
		assertProblem(api.get(path, TestTokens.token("USER")), 404, "NOT_FOUND");
		assertProblem(api.get(path, TestTokens.token("CELEBRITY")), 404, "NOT_FOUND");
		assertProblem(api.get("/v1/bookings/" + UUID.randomUUID(), fanToken), 404, "NOT_FOUND");
		assertProblem(api.get(path, null), 401, "UNAUTHORIZED");
		assertThat(errorFields(api.get("/v1/bookings/not-a-uuid", fanToken))).containsExactly("bookingId");
	}

	@Test
	void theFanListsUpcomingPastAndCanceled() {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 51, 5);
		var fan = UUID.randomUUID();
		var token = TestTokens.token(fan.toString(), "USER");
		var upcoming = api.booked(token, celebrity, window, "10:00").get("id").asString();
		var expired = api.booked(token, celebrity, window, "10:30").get("id").asString();
		jdbc.sql("UPDATE booking SET hold_expires_at = now() - interval '1 second' WHERE id = :id")
			.param("id", UUID.fromString(expired)).update();
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
			.until(() -> "expired".equals(api.status(UUID.fromString(expired))));
		api.booked(TestTokens.token("USER"), celebrity, window, "11:00"); // someone else's

		assertThat(ids(api.get("/v1/users/me/bookings?status=upcoming", token))).containsExactly(upcoming);
		assertThat(ids(api.get("/v1/users/me/bookings?status=canceled", token))).containsExactly(expired);
		assertThat(ids(api.get("/v1/users/me/bookings?status=past", token))).isEmpty();
		var all = api.get("/v1/users/me/bookings?limit=1", token);
		assertThat(ids(all)).hasSize(1);
		assertThat(BookingApi.body(all).at("/pagination/total").asLong()).isEqualTo(2);
		assertThat(BookingApi.body(all).at("/pagination/totalPages").asLong()).isEqualTo(2);

		var bad = api.get("/v1/users/me/bookings?status=soon", token);
		assertProblem(bad, 400, "VALIDATION_FAILED");
		assertThat(errorFields(bad)).containsExactly("status");
		assertThat(errorFields(api.get("/v1/users/me/bookings?limit=500", token))).containsExactly("limit");
		assertProblem(api.get("/v1/users/me/bookings", null), 401, "UNAUTHORIZED");
	}

	@Test
	void aCelebritySeesItsOwnIncomingBookingsOnly() {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var first = api.window(celebrity, 52, 3);
		var second = api.window(celebrity, 53, 3);
		var a = api.booked(TestTokens.token("USER"), celebrity, first, "10:00").get("id").asString();
		var b = api.booked(TestTokens.token("USER"), celebrity, second, "10:00").get("id").asString();
		var other = api.celebrity();
		api.booked(TestTokens.token("USER"), other, api.window(other, 52, 1), "10:00");

		assertThat(ids(api.get("/v1/celebrities/me/bookings", celebrity.token()))).containsExactly(a, b);
		assertThat(ids(api.get("/v1/celebrities/me/bookings?from=" + second.date(), celebrity.token()))).containsExactly(b);
		assertThat(ids(api.get("/v1/celebrities/me/bookings?to=" + first.date() + "&status=pending", celebrity.token())))
			.containsExactly(a);
		assertThat(ids(api.get("/v1/celebrities/me/bookings?status=confirmed", celebrity.token()))).isEmpty();
		assertThat(errorFields(api.get("/v1/celebrities/me/bookings?status=soon", celebrity.token())))
			.containsExactly("status");
		assertThat(errorFields(api.get("/v1/celebrities/me/bookings?from=someday", celebrity.token())))
			.containsExactly("from");
		assertProblem(api.get("/v1/celebrities/me/bookings", TestTokens.token("USER")), 403, "FORBIDDEN");
		assertProblem(api.get("/v1/celebrities/me/bookings", null), 401, "UNAUTHORIZED");
	}

	@Test
	void paymentServiceReadsABookingWithoutAToken() {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var fan = UUID.randomUUID();
		var booking = api.booked(TestTokens.token(fan.toString(), "USER"), celebrity, api.window(celebrity, 54, 1), "10:00");
		var response = api.get("/internal/bookings/" + booking.get("id").asString(), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		var data = data(response);
		assertThat(data.propertyNames()).containsExactlyInAnyOrder("bookingId", "bookingNumber", "fanId", "celebrityId",
				"status", "amountCents", "currency", "holdExpiresAt");
		assertThat(data.get("fanId").asString()).isEqualTo(fan.toString());
		assertThat(data.get("status").asString()).isEqualTo("pending");
		assertThat(data.get("amountCents").asLong()).isEqualTo(25_000);
		assertThat(data.get("currency").asString()).isEqualTo("USD");
		assertThat(data.get("holdExpiresAt").asString()).isEqualTo(booking.get("holdExpiresAt").asString());
		assertProblem(api.get("/internal/bookings/" + UUID.randomUUID(), null), 404, "NOT_FOUND");
	}

	private static java.util.List<String> ids(java.net.http.HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		var ids = new java.util.ArrayList<String>();
		for (JsonNode item : data(response)) {
			ids.add(item.get("id").asString());
		}
		return ids;
	}
}

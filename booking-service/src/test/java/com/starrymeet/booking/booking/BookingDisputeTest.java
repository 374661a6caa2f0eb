package com.starrymeet.booking.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.DisputeOpened;
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
 * Disputes: the fan's (from the start until 48 h after the end), the no-show rule (no check-in + CELEBRITY_NO_SHOW =
 * a celebrity cancellation), a chargeback (DisputeOpened over Kafka, however often delivered), the admin's
 * settlement either way (audit-logged), with the events that follow.
 */
@ServiceTest
class BookingDisputeTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void unpin() {
		TestClock.reset();
	}

	@Test
	void aFanDisputeHoldsTheBookingUntilAnAdminSettlesIt() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 70, 3);
		var fan = UUID.randomUUID();
		var token = TestTokens.token(fan.toString(), "USER");
		var id = api.confirmed(fan, BookingApi.body(celebrity, window, "10:00"));
		var path = "/v1/bookings/" + id + "/dispute";
		var body = "{\"reason\":\"NOT_AS_DESCRIBED\",\"text\":\"Five minutes, not thirty\"}";
		assertProblem(api.post(path, body, token, null), 409, "DISPUTE_NOT_OPEN");
		assertThat(BookingApi.errorFields(api.post(path, "{\"reason\":\"BORED\"}", token, null))).containsExactly("reason");
		assertThat(api.post(path, body, celebrity.token(), null).statusCode()).isEqualTo(403);
		assertProblem(api.post(path, body, TestTokens.token("USER"), null), 404, "NOT_FOUND");
		var end = Instant.parse(data(api.get("/v1/bookings/" + id, token)).get("endsAt").asString());
		TestClock.pin(end.plus(Duration.ofHours(48)).plusSeconds(1));
		assertProblem(api.post(path, body, token, null), 409, "DISPUTE_WINDOW_CLOSED");
		TestClock.pin(end.plus(Duration.ofHours(48)));
		var opened = api.post(path, body, token, null);
		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
		assertThat(data(opened).get("status").asString()).isEqualTo("disputed");
		var disputed = event(id, "BookingDisputed");
		assertThat(disputed.at("/payload/openedBy").asString()).isEqualTo("FAN");
		assertThat(disputed.at("/payload/reason").asString()).isEqualTo("NOT_AS_DESCRIBED");

		var settle = "/v1/admin/bookings/" + id + "/dispute/settle";
		var admin = UUID.randomUUID();
		var adminToken = TestTokens.token(admin.toString(), "ADMIN");
		assertThat(api.post(settle, "{\"refundCents\":5000,\"releasePayout\":true}", token, null).statusCode())
			.isEqualTo(403);
		assertThat(BookingApi.errorFields(api.post(settle, "{\"refundCents\":25001,\"releasePayout\":true}", adminToken,
				null))).containsExactly("refundCents");
		var settled = api.post(settle, "{\"refundCents\":5000,\"releasePayout\":true,\"note\":\"Partly refunded\"}",
				adminToken, null);
		assertThat(settled.statusCode()).as(settled.body()).isEqualTo(200);
		assertThat(data(settled).get("status").asString()).isEqualTo("completed");
		assertProblem(api.post(settle, "{\"refundCents\":0,\"releasePayout\":true}", adminToken, null), 409, "NOT_DISPUTED");
		var event = event(id, "BookingDisputeSettled");
		assertThat(event.at("/payload/refundCents").asLong()).isEqualTo(5000);
		assertThat(event.at("/payload/releasePayout").asBoolean()).isTrue();
		assertThat(event.at("/payload/outcome").asString()).isEqualTo("COMPLETED");
		assertThat(event.at("/payload/adminId").asString()).isEqualTo(admin.toString());
		assertThat(jdbc.sql("SELECT action FROM admin_audit WHERE booking_id = :id").param("id", id).query(String.class)
			.list()).containsExactly("SETTLE_DISPUTE");
		assertThat(api.booked(window.id())).isEqualTo(1); // met: the slot stays used
		assertThat(api.windowsOffCount()).isEmpty();
	}

	@Test
	void aCelebrityNoShowWithoutCheckInIsACelebrityCancellation() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 71, 2);
		var fan = UUID.randomUUID();
		var token = TestTokens.token(fan.toString(), "USER");
		var id = api.confirmed(fan, BookingApi.body(celebrity, window, "10:00"));
		var end = Instant.parse(data(api.get("/v1/bookings/" + id, token)).get("endsAt").asString());
		TestClock.pin(end.plus(Duration.ofHours(1)));
		var response = api.post("/v1/bookings/" + id + "/dispute", "{\"reason\":\"CELEBRITY_NO_SHOW\",\"text\":\"Nobody came\"}",
				token, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(data(response).get("status").asString()).isEqualTo("canceled");
		var canceled = event(id, "BookingCanceled");
		assertThat(canceled.at("/payload/reason").asString()).isEqualTo("CELEBRITY_NO_SHOW");
		assertThat(canceled.at("/payload/canceledBy").asString()).isEqualTo("CELEBRITY");
		assertThat(canceled.at("/payload/refundPercent").asInt()).isEqualTo(100);
		assertThat(canceled.at("/payload/creditGrantCents").asLong()).isEqualTo(2500);
		assertThat(api.booked(window.id())).isZero();

		// with a check-in, the same claim is an ordinary dispute for the admin
		var fan2 = UUID.randomUUID();
		var token2 = TestTokens.token(fan2.toString(), "USER");
		var met = api.confirmed(fan2, BookingApi.body(celebrity, window, "11:00"));
		var code = data(api.get("/v1/bookings/" + met + "/check-in-code", token2)).get("code").asString();
		var start = Instant.parse(data(api.get("/v1/bookings/" + met, token2)).get("startsAt").asString());
		TestClock.pin(start);
		assertThat(api.post("/v1/bookings/" + met + "/check-in", "{\"code\":\"" + code + "\"}", celebrity.token(), null)
			.statusCode()).isEqualTo(200);
		var claim = api.post("/v1/bookings/" + met + "/dispute", "{\"reason\":\"CELEBRITY_NO_SHOW\"}", token2, null);
		assertThat(claim.statusCode()).as(claim.body()).isEqualTo(200);
		assertThat(data(claim).get("status").asString()).isEqualTo("disputed");
		// settled in full without payout: canceled, slot given back
		var settled = api.post("/v1/admin/bookings/" + met + "/dispute/settle",
				"{\"refundCents\":25000,\"releasePayout\":false}", TestTokens.token("ADMIN"), null);
		assertThat(settled.statusCode()).as(settled.body()).isEqualTo(200);
		assertThat(data(settled).get("status").asString()).isEqualTo("canceled");
		assertThat(event(met, "BookingDisputeSettled").at("/payload/outcome").asString()).isEqualTo("CANCELED");
		assertThat(api.booked(window.id())).isZero();
		assertThat(api.windowsOffCount()).isEmpty();
	}

	@Test
	void aChargebackMarksTheBookingDisputedOnceHoweverOftenDelivered() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 72, 1);
		var fan = UUID.randomUUID();
		var id = api.confirmed(fan, BookingApi.body(celebrity, window, "10:00"));
		var paymentId = jdbc.sql("SELECT payment_id FROM booking WHERE id = :id").param("id", id).query(UUID.class).single();
		var opened = new EventEnvelope<>(UUID.randomUUID(), "DisputeOpened", Instant.now(), DisputeOpened.AGGREGATE,
				paymentId.toString(), 3, new DisputeOpened(paymentId, id, fan, "dp_test_1", BookingApi.PRICE, "USD",
						"fraudulent", Instant.now()));
		var again = new EventEnvelope<>(UUID.randomUUID(), "DisputeOpened", Instant.now(), DisputeOpened.AGGREGATE,
				paymentId.toString(), 3, opened.payload());
		BookingApi.publishPayment(opened, opened, opened, again);
		await().atMost(Duration.ofSeconds(60)).until(() -> "disputed".equals(api.status(id)));
		await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id IN (:a, :b)")
			.param("a", opened.eventId()).param("b", again.eventId()).query(Long.class).single() == 2);
		var disputed = event(id, "BookingDisputed");
		assertThat(disputed.at("/payload/openedBy").asString()).isEqualTo("CHARGEBACK");
		assertThat(disputed.at("/payload/reason").asString()).isEqualTo("fraudulent");
		assertThat(jdbc.sql("SELECT count(*) FROM booking_dispute WHERE booking_id = :id").param("id", id)
			.query(Long.class).single()).isEqualTo(1);
	}

	private static JsonNode event(UUID id, String type) {
		try (var topic = new BookingApi.BookingTopic()) {
			await().atMost(Duration.ofSeconds(60)).until(() -> topic.types(id).contains(type));
			var events = topic.envelopes(id).stream().filter(e -> e.get("type").asString().equals(type)).toList();
			assertThat(events).hasSize(1);
			return events.getFirst();
		}
	}
}

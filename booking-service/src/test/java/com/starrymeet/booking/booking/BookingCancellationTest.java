package com.starrymeet.booking.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

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
 * Cancellation through the API: the preview at the tiers' exact bounds on the meeting's instant across daylight-saving
 * changes (the service's clock pinned with {@link TestClock}), the fan's cancellation with that refund, the
 * celebrity's (100 % + credit), an admin's (audit-logged), a pending booking's; the slot released in the same
 * transaction; BookingCanceled on Kafka; the frozen policy deciding; who may do what (404 / 403).
 */
@ServiceTest
class BookingCancellationTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void unpin() {
		TestClock.reset();
	}

	@Test
	void previewAndCancelAtTheExactBoundsAcrossLondonsEndOfSummerTime() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var london = api.location(celebrity, "London", "UK", "Europe/London");
		var window = api.window(celebrity, london, LocalDate.parse("2027-11-03"), 2);
		var fan = UUID.randomUUID();
		var fanToken = TestTokens.token(fan.toString(), "USER");
		var id = api.confirmed(fan, BookingApi.body(celebrity, window.id(), window.date(), "10:00", "London", "UK"));
		var start = Instant.parse("2027-11-03T10:00:00Z"); // 10:00 GMT, after the clocks went back on 31 October
		var h168 = Instant.parse("2027-10-27T10:00:00Z"); // 11:00 BST local
		var h72 = Instant.parse("2027-10-31T10:00:00Z");

		assertPreview(api, id, fanToken, h168.minusSeconds(1), 100, "FULL", h168);
		assertPreview(api, id, fanToken, Instant.parse("2027-10-27T09:30:00Z"), 100, "FULL", h168); // 10:30 BST
		assertPreview(api, id, fanToken, h168, 50, "HALF", h72);
		assertPreview(api, id, fanToken, h168.plusSeconds(1), 50, "HALF", h72);
		assertPreview(api, id, fanToken, h72, 50, "HALF", h72);
		var none = assertPreview(api, id, fanToken, h72.plusSeconds(1), 0, "NONE", null);
		assertThat(none.get("meetingStartsAt").asString()).isEqualTo(start.toString());
		assertThat(none.get("canCancel").asBoolean()).isTrue();
		// the celebrity's account sees its own cancellation: 100 % + the credit
		TestClock.pin(h72.plusSeconds(1));
		var celebrityView = data(api.get("/v1/bookings/" + id + "/cancellation", celebrity.token()));
		assertThat(celebrityView.get("refundPercent").asInt()).isEqualTo(100);
		assertThat(celebrityView.get("creditGrantCents").asLong()).isEqualTo(2500);
		assertThat(celebrityView.get("refundAmountCents").asLong()).isEqualTo(BookingApi.PRICE);

		// cancel at exactly 72 h before: 50 %
		TestClock.pin(h72);
		var canceled = api.delete("/v1/bookings/" + id, fanToken);
		assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
		assertThat(data(canceled).get("status").asString()).isEqualTo("canceled");
		assertThat(data(canceled).at("/cancellation/refundPercent").asInt()).isEqualTo(50);
		assertThat(data(canceled).at("/cancellation/canceledBy").asString()).isEqualTo("FAN");
		assertThat(api.booked(window.id())).isZero();
		assertThat(api.windowsOffCount()).isEmpty();
		assertProblem(api.delete("/v1/bookings/" + id, fanToken), 409, "NOT_CANCELABLE");
		var event = canceledEvent(id);
		assertThat(event.at("/payload/refundPercent").asInt()).isEqualTo(50);
		assertThat(event.at("/payload/creditGrantCents").asLong()).isZero();
		assertThat(event.at("/payload/canceledBy").asString()).isEqualTo("FAN");
		assertThat(event.at("/payload/reason").asString()).isEqualTo("FAN_REQUEST");
		assertThat(event.get("aggregateVersion").asLong()).isEqualTo(3);
		assertThat(api.history(id)).containsExactly("BookingRequested", "BookingConfirmed", "BookingCanceled");
	}

	@Test
	void previewAcrossNewYorksStartOfSummerTime() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var newYork = api.location(celebrity, "New York", "USA", "America/New_York");
		var window = api.window(celebrity, newYork, LocalDate.parse("2027-03-17"), 2);
		var fan = UUID.randomUUID();
		var fanToken = TestTokens.token(fan.toString(), "USER");
		var id = api.confirmed(fan, BookingApi.body(celebrity, window.id(), window.date(), "10:00", "New York", "USA"));
		var h168 = Instant.parse("2027-03-10T14:00:00Z"); // 09:00 EST local; the meeting is 10:00 EDT
		var h72 = Instant.parse("2027-03-14T14:00:00Z");
		assertPreview(api, id, fanToken, h168.minusSeconds(1), 100, "FULL", h168);
		assertPreview(api, id, fanToken, h168, 50, "HALF", h72);
		assertPreview(api, id, fanToken, Instant.parse("2027-03-10T14:30:00Z"), 50, "HALF", h72); // 09:30 EST
		assertPreview(api, id, fanToken, h72.minusSeconds(1), 50, "HALF", h72);
		assertPreview(api, id, fanToken, h72.plusSeconds(1), 0, "NONE", null);
		// one second before the 168 h bound the cancellation refunds everything
		TestClock.pin(h168.minusSeconds(1));
		var canceled = api.delete("/v1/bookings/" + id, fanToken);
		assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
		assertThat(canceledEvent(id).at("/payload/refundPercent").asInt()).isEqualTo(100);
	}

	@Test
	void theCelebrityCancelsWithFullRefundAndCreditAndTheFrozenPolicyDecidesForTheFan() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 30, 3);
		var fan = UUID.randomUUID();
		var byCelebrity = api.confirmed(fan, BookingApi.body(celebrity, window, "10:00"));
		var otherCelebrity = api.celebrity();
		assertProblem(api.delete("/v1/bookings/" + byCelebrity, otherCelebrity.token()), 404, "NOT_FOUND");
		assertProblem(api.delete("/v1/bookings/" + byCelebrity, TestTokens.token("USER")), 404, "NOT_FOUND");
		assertThat(api.delete("/v1/bookings/" + byCelebrity, TestTokens.token("ADMIN")).statusCode()).isEqualTo(403);
		var canceled = api.delete("/v1/bookings/" + byCelebrity, celebrity.token());
		assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
		var event = canceledEvent(byCelebrity);
		assertThat(event.at("/payload/refundPercent").asInt()).isEqualTo(100);
		assertThat(event.at("/payload/creditGrantCents").asLong()).isEqualTo(2500);
		assertThat(event.at("/payload/canceledBy").asString()).isEqualTo("CELEBRITY");
		assertThat(event.at("/payload/canceledByUserId").asString()).isEqualTo(celebrity.userId().toString());

		// a booking made under an older policy keeps it: 20 % under 24 h... and 100 % above, whatever is in force now
		var fan2 = UUID.randomUUID();
		var frozen = api.confirmed(fan2, BookingApi.body(celebrity, window, "10:30"));
		jdbc.sql("""
				UPDATE booking SET refund_policy = '{"id":"old","version":1,"tiers":[{"hoursBefore":24,"inclusive":false,
				"refundPercent":100},{"hoursBefore":0,"inclusive":true,"refundPercent":20}],
				"celebrityCancellation":{"refundPercent":100,"creditCents":1000}}'::jsonb WHERE id = :id""")
			.param("id", frozen).update();
		var start = Instant.parse(data(api.get("/v1/bookings/" + frozen, celebrity.token())).get("startsAt").asString());
		var token2 = TestTokens.token(fan2.toString(), "USER");
		assertPreview(api, frozen, token2, start.minus(Duration.ofHours(100)), 100, "FULL", start.minus(Duration.ofHours(24)));
		TestClock.pin(start.minus(Duration.ofHours(10)));
		var late = api.delete("/v1/bookings/" + frozen, token2);
		assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
		assertThat(canceledEvent(frozen).at("/payload/refundPercent").asInt()).isEqualTo(20);
		assertThat(api.booked(window.id())).isZero();
	}

	@Test
	void anAdminCancelsForTheCelebrityWithAReasonAuditLogged() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 31, 1);
		var id = api.confirmed(UUID.randomUUID(), BookingApi.body(celebrity, window, "10:00"));
		var admin = UUID.randomUUID();
		var adminToken = TestTokens.token(admin.toString(), "ADMIN");
		var path = "/v1/admin/bookings/" + id + "/cancel";
		assertThat(api.post(path, "{\"as\":\"CELEBRITY\",\"reason\":\"ill\"}", celebrity.token(), null).statusCode())
			.isEqualTo(403);
		assertThat(BookingApi.errorFields(api.post(path, "{\"as\":\"NOBODY\"}", adminToken, null)))
			.containsExactlyInAnyOrder("as", "reason");
		var canceled = api.post(path, "{\"as\":\"CELEBRITY\",\"reason\":\"The celebrity is ill\"}", adminToken, null);
		assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
		var event = canceledEvent(id);
		assertThat(event.at("/payload/canceledBy").asString()).isEqualTo("ADMIN");
		assertThat(event.at("/payload/refundPercent").asInt()).isEqualTo(100);
		assertThat(event.at("/payload/creditGrantCents").asLong()).isEqualTo(2500);
		assertThat(event.at("/payload/note").asString()).isEqualTo("The celebrity is ill");
		var audit = jdbc.sql("SELECT admin_id, action, reason FROM admin_audit WHERE booking_id = :id").param("id", id)
			.query().singleRow();
		assertThat(audit).containsEntry("admin_id", admin).containsEntry("action", "CANCEL_BOOKING")
			.containsEntry("reason", "The celebrity is ill");
		assertThat(api.booked(window.id())).isZero();
	}

	@Test
	void aPendingBookingCanceledByItsFanReleasesTheSlot() {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 32, 1);
		var fan = UUID.randomUUID();
		var token = TestTokens.token(fan.toString(), "USER");
		var id = UUID.fromString(api.booked(token, celebrity, window, "10:00").get("id").asString());
		assertThat(api.booked(window.id())).isEqualTo(1);
		assertProblem(api.delete("/v1/bookings/" + id, celebrity.token()), 409, "NOT_CANCELABLE");
		var preview = data(api.get("/v1/bookings/" + id + "/cancellation", token));
		assertThat(preview.get("cancelableBy").valueStream().map(JsonNode::asString).toList()).containsExactly("FAN", "ADMIN");
		var canceled = api.delete("/v1/bookings/" + id, token);
		assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
		assertThat(api.booked(window.id())).isZero();
		assertThat(canceledEvent(id).at("/payload/refundPercent").asInt()).isEqualTo(100);
		// the freed place is bookable again
		api.booked(TestTokens.token("USER"), celebrity, window, "10:00");
	}

	@Test
	void aStartedMeetingCannotBeCanceledAndStrangersSeeNothing() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 33, 1);
		var fan = UUID.randomUUID();
		var id = api.confirmed(fan, BookingApi.body(celebrity, window, "10:00"));
		assertProblem(api.get("/v1/bookings/" + id + "/cancellation", TestTokens.token("USER")), 404, "NOT_FOUND");
		assertProblem(api.get("/v1/bookings/" + id + "/cancellation", api.celebrity().token()), 404, "NOT_FOUND");
		assertThat(api.get("/v1/bookings/" + id + "/cancellation", null).statusCode()).isEqualTo(401);
		TestClock.pin(Instant.parse(data(api.get("/v1/bookings/" + id, celebrity.token())).get("startsAt").asString()));
		var preview = data(api.get("/v1/bookings/" + id + "/cancellation", TestTokens.token(fan.toString(), "USER")));
		assertThat(preview.get("canCancel").asBoolean()).isFalse();
		assertThat(preview.get("cancelableBy").size()).isZero();
		assertProblem(api.delete("/v1/bookings/" + id, TestTokens.token(fan.toString(), "USER")), 409, "NOT_CANCELABLE");
		assertThat(api.status(id)).isEqualTo("confirmed");
	}

	private static JsonNode assertPreview(BookingApi api, UUID id, String token, Instant now, int percent, String tier,
			Instant next) {
		TestClock.pin(now);
		var response = api.get("/v1/bookings/" + id + "/cancellation", token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		var preview = data(response);
		assertThat(preview.get("refundPercent").asInt()).as("at " + now).isEqualTo(percent);
		assertThat(preview.get("tier").asString()).as("at " + now).isEqualTo(tier);
		assertThat(preview.get("refundAmountCents").asLong()).isEqualTo(BookingApi.PRICE * percent / 100);
		assertThat(preview.get("creditGrantCents").asLong()).isZero();
		if (next == null) {
			assertThat(preview.get("nextTierAt").isNull()).as("at " + now).isTrue();
		}
		else {
			assertThat(Instant.parse(preview.get("nextTierAt").asString())).as("at " + now).isEqualTo(next);
		}
		return preview;
	}

	private static JsonNode canceledEvent(UUID id) {
		try (var topic = new BookingApi.BookingTopic()) {
			await().atMost(Duration.ofSeconds(60)).until(() -> topic.types(id).contains("BookingCanceled"));
			var events = topic.envelopes(id).stream().filter(e -> e.get("type").asString().equals("BookingCanceled")).toList();
			assertThat(events).hasSize(1);
			return events.getFirst();
		}
	}
}

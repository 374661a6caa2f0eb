package com.starrymeet.booking.booking;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.starrymeet.booking.booking.BookingApi.assertProblem;
import static com.starrymeet.booking.booking.BookingApi.body;
import static com.starrymeet.booking.booking.BookingApi.data;
import static com.starrymeet.booking.booking.BookingApi.errorFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /v1/bookings}: the answer's shape and the frozen money, the idempotency key, every refusal (and that
 * a refusal changes nothing), and the two downstreams failing (catalog: 503 and nothing taken; payment: 201 without
 * an intent).
 */
@ServiceTest
class BookingCreationTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Resilience4JCircuitBreakerFactory breakers;

	BookingApi api;

	@BeforeEach
	void setUp() {
		api = new BookingApi(port, jdbc);
	}

	@AfterEach
	void closeBreakers() {
		breakers.getCircuitBreakerRegistry().circuitBreaker(Catalog.NAME).reset();
		breakers.getCircuitBreakerRegistry().circuitBreaker(Payments.NAME).reset();
	}

	@Test
	void aFanBooksAndGetsTheVisionsAnswerWithAPaymentIntent() {
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 10, 2);
		var fan = UUID.randomUUID();
		var response = api.book(TestTokens.token(fan.toString(), "USER"), "key-1", body(celebrity, window, "10:30"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(BookingApi.body(response).get("success").asBoolean()).isTrue();
		var booking = data(response).get("booking");
		var id = UUID.fromString(booking.get("id").asString());
		assertThat(booking.get("bookingNumber").asString())
			.matches("BK-" + Instant.now().atZone(ZoneOffset.UTC).getYear() + "-\\d{6,}");
		assertThat(booking.get("status").asString()).isEqualTo("pending");
		assertThat(booking.at("/celebrity/id").asString()).isEqualTo(celebrity.id().toString());
		assertThat(booking.at("/celebrity/displayName").asString()).isEqualTo("Emma Watson");
		assertThat(booking.at("/meetingType/id").asString()).isEqualTo(celebrity.meetingTypeId().toString());
		assertThat(booking.at("/meetingType/name").asString()).isEqualTo("Standard Meet");
		assertThat(booking.at("/meetingType/durationMinutes").asInt()).isEqualTo(30);
		assertThat(booking.get("date").asString()).isEqualTo(window.date().toString());
		assertThat(booking.get("time").asString()).isEqualTo("10:30");
		assertThat(booking.get("timeZone").asString()).isEqualTo("America/Los_Angeles");
		assertThat(booking.at("/location/city").asString()).isEqualTo("Los Angeles");
		assertThat(booking.at("/location/country").asString()).isEqualTo("USA");
		assertThat(booking.at("/price/amountCents").asLong()).isEqualTo(25_000);
		assertThat(booking.at("/price/currency").asString()).isEqualTo("USD");
		assertThat(booking.at("/price/formatted").asString()).isEqualTo("$250.00");
		assertThat(booking.at("/paymentIntent/clientSecret").asString()).isEqualTo("pi_" + id + "_secret_test");
		assertThat(booking.at("/paymentIntent/publishableKey").asString()).isEqualTo("pk_test_stub");
		assertThat(booking.get("occasion").asString()).isEqualTo("birthday");
		assertThat(booking.get("specialRequests").asString()).isEqualTo("Please sign my book");
		assertThat(booking.get("fanNotes").asString()).isEqualTo("Huge fan since Harry Potter!");
		var hold = Instant.parse(booking.get("holdExpiresAt").asString());
		var created = Instant.parse(booking.get("createdAt").asString());
		assertThat(Duration.between(created, hold)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(16));
		// the meeting as an instant: 10:30 in Los Angeles that day
		assertThat(Instant.parse(booking.get("startsAt").asString()))
			.isEqualTo(window.date().atTime(10, 30).atZone(java.time.ZoneId.of("America/Los_Angeles")).toInstant());

		// frozen: price, fee split (15 %, half-up), policy; the slot taken; the intent asked with the booking id as key
		var row = jdbc.sql("""
				SELECT fan_id, price_cents, platform_fee_cents, celebrity_payout_cents, refund_policy::text AS policy,
				       celebrity_user_id, window_id, version FROM booking WHERE id = :id""")
			.param("id", id)
			.query()
			.singleRow();
		assertThat(row).containsEntry("fan_id", fan)
			.containsEntry("price_cents", 25_000L)
			.containsEntry("platform_fee_cents", 3_750L)
			.containsEntry("celebrity_payout_cents", 21_250L)
			.containsEntry("celebrity_user_id", celebrity.userId())
			.containsEntry("window_id", window.id())
			.containsEntry("version", 1L);
		var policy = BookingApi.json.readTree((String) row.get("policy"));
		assertThat(policy.get("id").asString()).isEqualTo("standard");
		assertThat(policy.get("version").asInt()).isEqualTo(1);
		assertThat(policy.get("tiers")).isEqualTo(BookingApi.json.readTree("""
				[{"hoursBefore":168,"inclusive":false,"refundPercent":100},\
				{"hoursBefore":72,"inclusive":true,"refundPercent":50},\
				{"hoursBefore":0,"inclusive":true,"refundPercent":0}]"""));
		assertThat(policy.at("/celebrityCancellation/creditCents").asLong()).isEqualTo(2500);
		assertThat(api.booked(window.id())).isEqualTo(1);
		assertThat(Stubs.intentCallsWithKey(id)).isEqualTo(1);

		// BookingRequested on Kafka, version 1
		try (var topic = new BookingApi.BookingTopic()) {
			await().atMost(Duration.ofSeconds(60)).until(() -> !topic.envelopes(id).isEmpty());
			var event = topic.envelopes(id).getFirst();
			assertThat(event.get("type").asString()).isEqualTo("BookingRequested");
			assertThat(event.get("aggregateVersion").asLong()).isEqualTo(1);
			assertThat(event.at("/payload/price/platformFeeCents").asLong()).isEqualTo(3_750);
			assertThat(event.at("/payload/meeting/windowId").asString()).isEqualTo(window.id().toString());
			assertThat(event.at("/payload/fanId").asString()).isEqualTo(fan.toString());
		}
	}

	@Test
	void theSameKeyAndBodyReplaysTheFirstAnswerAnotherBodyIs409AndKeysBelongToTheirCaller() {
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 11, 5);
		var token = TestTokens.token(UUID.randomUUID().toString(), "USER");
		var body = body(celebrity, window, "10:00");
		var first = api.book(token, "same-key", body);
		assertThat(first.statusCode()).isEqualTo(201);
		// the same request, written differently (spacing): replayed byte for byte, nothing new taken
		var again = api.book(token, "same-key", body.replace(",", " ,"));
		assertThat(again.statusCode()).isEqualTo(201);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(api.bookings(celebrity.id())).isEqualTo(1);
		assertThat(api.booked(window.id())).isEqualTo(1);

		assertProblem(api.book(token, "same-key", body(celebrity, window, "11:00")), 409, "IDEMPOTENCY_KEY_REUSED");
		// another fan's key of the same name is another key
		assertThat(api.book(TestTokens.token(UUID.randomUUID().toString(), "USER"), "same-key", body).statusCode())
			.isEqualTo(201);
		assertThat(api.booked(window.id())).isEqualTo(2);

		// a stored refusal is replayed too
		var blockedBody = body(celebrity, window.id(), window.date(), "10:00", "Paris", "France");
		var refused = api.book(token, "refused-key", blockedBody);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(api.book(token, "refused-key", blockedBody).body()).isEqualTo(refused.body());
	}

	@Test
	void aKeyWhoseRequestIsStillRunningIs409InUseAndAnAbandonedOneIsTakenOver() {
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 21, 3);
		var fan = UUID.randomUUID();
		var token = TestTokens.token(fan.toString(), "USER");
		var body = body(celebrity, window, "10:00");
		// a first request "in progress" on another instance (its row, no answer yet)
		jdbc.sql("""
				INSERT INTO booking_request (fan_id, idempotency_key, request_hash, state, lease_until)
				VALUES (:fan, 'busy', :hash, 'in_progress', now() + interval '1 hour')""")
			.param("fan", fan).param("hash", hashOf(body)).update();
		assertProblem(api.book(token, "busy", body), 409, "IDEMPOTENCY_KEY_IN_USE");
		assertThat(api.booked(window.id())).as("only the probe's").isEqualTo(1);

		// its instance died after committing the booking, before storing the answer: the next request answers it
		var first = api.booked(token, celebrity, window, "11:00");
		jdbc.sql("""
				UPDATE booking_request SET state = 'in_progress', response_status = NULL, response_type = NULL,
				    response_body = NULL, lease_until = now() - interval '1 second'
				WHERE fan_id = :fan AND booking_id = :id""")
			.param("fan", fan).param("id", UUID.fromString(first.get("id").asString())).update();
		var key = jdbc.sql("SELECT idempotency_key FROM booking WHERE id = :id")
			.param("id", UUID.fromString(first.get("id").asString())).query(String.class).single();
		var again = api.book(token, key, body(celebrity, window, "11:00"));
		assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
		assertThat(data(again).at("/booking/id").asString()).isEqualTo(first.get("id").asString());
		assertThat(api.booked(window.id())).isEqualTo(2);
	}

	/** The request hash as the service computes it: read back from another fan's request with that body. */
	private String hashOf(String body) {
		var probe = "probe-" + UUID.randomUUID();
		assertThat(api.book(TestTokens.token("USER"), probe, body).statusCode()).isEqualTo(201);
		return jdbc.sql("SELECT request_hash FROM booking_request WHERE idempotency_key = :k").param("k", probe)
			.query(String.class).single();
	}

	@Test
	void theIdempotencyKeyHeaderIsRequiredAndBounded() {
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 12, 1);
		var token = TestTokens.token("USER");
		var missing = api.post("/v1/bookings", body(celebrity, window, "10:00"), token, null);
		assertProblem(missing, 400, "VALIDATION_FAILED");
		assertThat(errorFields(missing)).containsExactly("Idempotency-Key");
		assertThat(errorFields(api.book(token, "k".repeat(256), body(celebrity, window, "10:00"))))
			.containsExactly("Idempotency-Key");
		assertThat(api.booked(window.id())).isZero();
	}

	@Test
	void whatIsNotTheWindowsIsRefusedAndChangesNothing() {
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 13, 3);
		var token = TestTokens.token("USER");
		var wrongPlace = api.book(token, UUID.randomUUID().toString(),
				body(celebrity, window.id(), window.date(), "10:00", "San Diego", "Mexico"));
		assertProblem(wrongPlace, 400, "VALIDATION_FAILED");
		assertThat(errorFields(wrongPlace)).containsExactlyInAnyOrder("location.city", "location.country");
		// the same place in other letter cases is the place
		assertThat(api.book(token, UUID.randomUUID().toString(),
				body(celebrity, window.id(), window.date(), "10:00", "los angeles", "usa")).statusCode()).isEqualTo(201);

		var wrongDate = api.book(token, UUID.randomUUID().toString(),
				body(celebrity, window.id(), window.date().plusDays(1), "10:00", "Los Angeles", "USA"));
		assertThat(errorFields(wrongDate)).containsExactly("date");
		for (var time : new String[] { "09:59", "11:31", "12:00" }) { // before, ends after 12:00, at the end
			var outside = api.book(token, UUID.randomUUID().toString(), body(celebrity, window, time));
			assertProblem(outside, 400, "VALIDATION_FAILED");
			assertThat(errorFields(outside)).as(time).containsExactly("time");
		}
		var badTime = api.book(token, UUID.randomUUID().toString(), body(celebrity, window, "10:00:30"));
		assertThat(errorFields(badTime)).containsExactly("time");
		var unknownField = api.book(token, UUID.randomUUID().toString(),
				body(celebrity, window, "10:00").replace("\"occasion\"", "\"status\":\"confirmed\",\"occasion\""));
		assertThat(errorFields(unknownField)).containsExactly("status");
		var longNotes = api.book(token, UUID.randomUUID().toString(),
				body(celebrity, window, "10:00").replace("Huge fan since Harry Potter!", "x".repeat(1001)));
		assertThat(errorFields(longNotes)).containsExactly("fanNotes");

		// another celebrity's window: 404
		var other = api.celebrity();
		assertProblem(api.book(token, UUID.randomUUID().toString(), body(other, window, "10:00")), 404, "NOT_FOUND");
		assertThat(api.booked(window.id())).as("only the good request took a slot").isEqualTo(1);
		assertThat(api.bookings(celebrity.id())).isEqualTo(1);
	}

	@Test
	void blockedFullTooLateAndUnbookableAreConflictsThatTakeNothing() {
		var celebrity = api.celebrity();
		var token = TestTokens.token("USER");
		// a window starting in about 3 hours: inside the 24 h lead time, and never across midnight UTC (a window ends on
		// its date): after 23:00 it moves to 00:30 the next day, still within hours
		var soon = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
		if (java.time.LocalTime.ofInstant(soon, ZoneOffset.UTC).isAfter(java.time.LocalTime.of(23, 0))) {
			soon = soon.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).plus(30, ChronoUnit.MINUTES);
		}
		var soonWindow = UUID.randomUUID();
		var utcDate = LocalDate.ofInstant(soon, ZoneOffset.UTC);
		var utcLocation = UUID.randomUUID();
		jdbc.sql("INSERT INTO location (id, celebrity_id, city, country, time_zone) VALUES (:id, :c, 'London', 'UK', 'UTC')")
			.param("id", utcLocation).param("c", celebrity.id()).update();
		jdbc.sql("""
				INSERT INTO time_window (id, celebrity_id, location_id, date, start_time, end_time, starts_at, ends_at, capacity)
				VALUES (:id, :c, :l, :date, :start, :end, :startsAt, :endsAt, 2)""")
			.param("id", soonWindow).param("c", celebrity.id()).param("l", utcLocation).param("date", utcDate)
			.param("start", java.time.LocalTime.ofInstant(soon, ZoneOffset.UTC))
			.param("end", java.time.LocalTime.ofInstant(soon, ZoneOffset.UTC).plusMinutes(45))
			.param("startsAt", Timestamp.from(soon)).param("endsAt", Timestamp.from(soon.plus(45, ChronoUnit.MINUTES)))
			.update();
		var hhmm = java.time.LocalTime.ofInstant(soon, ZoneOffset.UTC).toString().substring(0, 5);
		assertProblem(api.book(token, UUID.randomUUID().toString(),
				body(celebrity, soonWindow, utcDate, hhmm, "London", "UK")), 409, "TOO_LATE_TO_BOOK");
		assertThat(api.booked(soonWindow)).isZero();

		// a blocked date
		var window = api.window(celebrity, 14, 2);
		var block = api.post("/v1/celebrities/" + celebrity.id() + "/availability/blocked-dates",
				"{\"date\":\"" + window.date() + "\"}", celebrity.token(), null);
		assertThat(block.statusCode()).as(block.body()).isIn(200, 201);
		assertProblem(api.book(token, UUID.randomUUID().toString(), body(celebrity, window, "10:00")), 409, "DATE_BLOCKED");
		assertThat(api.booked(window.id())).isZero();

		// a full window
		var single = api.window(celebrity, 15, 1);
		api.booked(TestTokens.token("USER"), celebrity, single, "10:00");
		assertProblem(api.book(token, UUID.randomUUID().toString(), body(celebrity, single, "11:00")), 409, "WINDOW_FULL");
		assertThat(api.booked(single.id())).isEqualTo(1);

		// the catalog says: not bookable, retired, unknown
		var open = api.window(celebrity, 16, 5);
		Stubs.meetingType(celebrity.id(), celebrity.meetingTypeId(), celebrity.userId(), 25_000, 30, false, true);
		assertProblem(api.book(token, UUID.randomUUID().toString(), body(celebrity, open, "10:00")), 409,
				"CELEBRITY_NOT_BOOKABLE");
		Stubs.meetingType(celebrity.id(), celebrity.meetingTypeId(), celebrity.userId(), 25_000, 30, true, false);
		assertProblem(api.book(token, UUID.randomUUID().toString(), body(celebrity, open, "10:00")), 409,
				"MEETING_TYPE_NOT_BOOKABLE");
		Stubs.meetingTypeUnknown(celebrity.id(), celebrity.meetingTypeId());
		assertProblem(api.book(token, UUID.randomUUID().toString(), body(celebrity, open, "10:00")), 404, "NOT_FOUND");
		assertThat(api.booked(open.id())).isZero();
		assertThat(api.bookings(celebrity.id())).isEqualTo(1);
	}

	@Test
	void aFourthUnpaidHoldIsRefused() {
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 17, 10);
		var token = TestTokens.token("USER");
		for (var time : new String[] { "10:00", "10:30", "11:00" }) {
			api.booked(token, celebrity, window, time);
		}
		assertProblem(api.book(token, UUID.randomUUID().toString(), body(celebrity, window, "11:30")), 409,
				"TOO_MANY_UNPAID_HOLDS");
		assertThat(api.booked(window.id())).isEqualTo(3);
		// a hold that ran out no longer counts (even before the expiry job got to it)
		jdbc.sql("UPDATE booking SET hold_expires_at = now() - interval '1 second' WHERE id = (SELECT id FROM booking "
				+ "WHERE celebrity_id = :c ORDER BY created_at LIMIT 1)").param("c", celebrity.id()).update();
		assertThat(api.book(token, UUID.randomUUID().toString(), body(celebrity, window, "11:30")).statusCode())
			.isEqualTo(201);
	}

	@Test
	void catalogDownIs503WithRetryAfterAndTakesNothingThenTheOpenCircuitAnswersAtOnce() {
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 18, 1);
		var token = TestTokens.token("USER");
		Stubs.meetingTypeDown(celebrity.id(), celebrity.meetingTypeId());
		var down = api.book(token, "down-key", body(celebrity, window, "10:00"));
		assertProblem(down, 503, "CATALOG_UNAVAILABLE");
		assertThat(down.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
		assertThat(Stubs.catalogCalls(celebrity.id(), celebrity.meetingTypeId())).as("a read: retried").isGreaterThan(1);
		assertThat(api.booked(window.id())).isZero();
		assertThat(api.bookings(celebrity.id())).isZero();

		breakers.getCircuitBreakerRegistry().circuitBreaker(Catalog.NAME).transitionToOpenState();
		int calls = Stubs.catalogCalls(celebrity.id(), celebrity.meetingTypeId());
		Stubs.meetingType(celebrity.id(), celebrity.meetingTypeId(), celebrity.userId(), 25_000, 30, true, true);
		var open = api.book(token, "down-key", body(celebrity, window, "10:00"));
		assertProblem(open, 503, "CATALOG_UNAVAILABLE");
		assertThat(open.headers().firstValue("Retry-After")).isPresent();
		assertThat(Stubs.catalogCalls(celebrity.id(), celebrity.meetingTypeId())).as("not called").isEqualTo(calls);

		// back: the released key can be used again
		breakers.getCircuitBreakerRegistry().circuitBreaker(Catalog.NAME).reset();
		assertThat(api.book(token, "down-key", body(celebrity, window, "10:00")).statusCode()).isEqualTo(201);
		assertThat(api.booked(window.id())).isEqualTo(1);
	}

	@Test
	void paymentServiceDownStillCreatesThePendingBookingWithoutAnIntent() {
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 19, 1);
		var fan = UUID.randomUUID();
		Stubs.paymentDownFor(fan);
		var response = api.book(TestTokens.token(fan.toString(), "USER"), "pay-down", body(celebrity, window, "10:00"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		var booking = data(response).get("booking");
		assertThat(booking.has("paymentIntent")).isTrue();
		assertThat(booking.get("paymentIntent").isNull()).isTrue();
		assertThat(booking.get("status").asString()).isEqualTo("pending");
		assertThat(Stubs.intentCallsWithKey(UUID.fromString(booking.get("id").asString()))).as("retried").isEqualTo(2);
		assertThat(api.booked(window.id())).isEqualTo(1);
	}

	@Test
	void onlyFansBookAndATokenIsNeeded() {
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 20, 1);
		assertProblem(api.post("/v1/bookings", body(celebrity, window, "10:00"), null, "k"), 401, "UNAUTHORIZED");
		assertProblem(api.book(celebrity.token(), "k", body(celebrity, window, "10:00")), 403, "FORBIDDEN");
		assertProblem(api.book(TestTokens.token("ADMIN"), "k", body(celebrity, window, "10:00")), 403, "FORBIDDEN");
		assertThat(api.booked(window.id())).isZero();
	}
}

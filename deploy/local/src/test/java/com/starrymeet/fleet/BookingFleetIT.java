package com.starrymeet.fleet;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.starrymeet.fleet.FleetClient.Account;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static com.starrymeet.fleet.FleetClient.JSON;
import static com.starrymeet.fleet.FleetClient.addLocation;
import static com.starrymeet.fleet.FleetClient.assertProblem;
import static com.starrymeet.fleet.FleetClient.becomeCelebrity;
import static com.starrymeet.fleet.FleetClient.call;
import static com.starrymeet.fleet.FleetClient.data;
import static com.starrymeet.fleet.FleetClient.get;
import static com.starrymeet.fleet.FleetClient.login;
import static com.starrymeet.fleet.FleetClient.register;
import static com.starrymeet.fleet.FleetClient.send;
import static com.starrymeet.fleet.FleetClient.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Book and pay (issue 9) on the real fleet, through its gateway, with the Stripe simulator answering for Stripe and
 * sending its signed webhooks to the gateway like Stripe does: register → browse → book → confirm → webhook →
 * confirmed; a declined card then a good one; 3-D Secure; an expired hold that frees its slot; webhooks duplicated,
 * and delayed past the hold both when the slot is still free (the late payment confirms) and when another fan took it
 * (the payment is refunded in full); celebrity-service down (503, nothing taken), payment-service down (booked
 * without an intent, paid later), and Kafka frozen for 30 s during a confirmation. After each, the two stores agree:
 * no payment kept without a confirmed booking, no confirmed booking without a payment, and every window's
 * {@code booked} equals its live bookings.
 * <p>
 * Holds run out by moving {@code hold_expires_at} into the past in booking-service's database (15 minutes of waiting
 * is not a test); everything else is what a client does.
 */
@TestMethodOrder(MethodOrderer.Random.class)
@ExtendWith(SharedFleet.class)
class BookingFleetIT {

	private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

	/** Each window on a date of its own, from a week ahead (the lead time is 24 h; 50 % refund tier irrelevant here). */
	private static final AtomicInteger NEXT_DAY = new AtomicInteger(7);

	private static @Nullable Stage stage;

	/** One celebrity with a meeting type and a location, made through the APIs for this class. */
	record Stage(Account celebrity, String meetingTypeId, String locationId) {
	}

	/** A window of the stage's celebrity: 10:00–12:00 local on its own date. */
	record Window(String id, LocalDate date) {
	}

	@Test
	void aFanBooksPaysWithACardAndTheBookingIsConfirmed() {
		var stage = stage();
		var window = window(stage, 2);
		var email = "fan-" + UUID.randomUUID() + "@example.test";
		var fan = register(email);

		// browse: the profile with its price, the public calendar with the date
		var profile = data(get("/v1/celebrities/" + stage.celebrity().celebrityId()));
		assertThat(profile.path("meetingTypes").valueStream().map(type -> type.path("id").asString()))
			.contains(stage.meetingTypeId());
		await("the calendar shows the date").atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
				data(get("/v1/celebrities/" + stage.celebrity().celebrityId() + "/availability")).toString())
			.contains(window.date().toString()));

		var key = UUID.randomUUID().toString();
		var booked = book(fan, stage, window, key);
		assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
		var booking = data(booked).path("booking");
		assertThat(booking.path("status").asString()).isEqualTo("pending");
		assertThat(booking.path("bookingNumber").asString()).matches("BK-\\d{4}-\\d{6,}");
		assertThat(booking.path("price").path("amountCents").asLong()).isEqualTo(25000);
		assertThat(booking.path("price").path("formatted").asString()).isEqualTo("$250.00");
		assertThat(booking.path("paymentIntent").path("clientSecret").asString()).startsWith("pi_").contains("_secret_");
		assertThat(booking.path("paymentIntent").path("publishableKey").asString()).startsWith("pk_test_");
		assertThat(booking.path("holdExpiresAt").asString()).isNotBlank();
		// the same key and body: the first answer again, and still one booking
		var replay = book(fan, stage, window, key);
		assertThat(replay.statusCode()).isEqualTo(201);
		assertThat(replay.body()).isEqualTo(booked.body());

		var id = booking.path("id").asString();
		var confirmed = confirm(fan, id, "pm_card_visa");
		assertThat(confirmed.path("status").asString()).isIn("succeeded", "processing");
		awaitStatus(fan, id, "confirmed");

		var receipt = data(call("GET", "/v1/payments/" + confirmed.path("paymentId").asString(), null, fan.access()));
		assertThat(receipt.path("amountCents").asLong()).isEqualTo(25000);
		assertThat(receipt.toString()).contains("visa").contains("4242");
		assertThat(data(call("GET", "/v1/users/me/bookings?status=upcoming", null, fan.access())).toString()).contains(id);
		// the confirmation reaches the fan by e-mail (issue 11), read back from the fleet's mailbox
		var number = booking.path("bookingNumber").asString();
		var mailbox = SharedFleet.running().mailbox();
		await("the confirmation e-mail").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			var mails = new StringBuilder();
			for (var summary : JSON.readTree(
					send(HttpRequest.newBuilder(mailbox.webUrl().resolve("/messages?to=" + email)).GET().build()).body())) {
				mails.append(send(HttpRequest.newBuilder(mailbox.webUrl().resolve("/messages/" + summary.path("id").asInt()))
					.GET()
					.build()).body());
			}
			assertThat(mails.toString()).contains(number);
		});
		assertThat(data(call("GET", "/v1/celebrities/me/bookings", null, stage.celebrity().access())).toString())
			.contains(id);
		// anyone else: as if it did not exist
		var stranger = fan();
		assertProblem(call("GET", "/v1/bookings/" + id, null, stranger.access()), 404);
		assertProblem(call("GET", "/v1/payments/" + confirmed.path("paymentId").asString(), null, stranger.access()), 404);
		assertProblem(call("GET", "/v1/bookings/" + id, null, null), 401);
		assertConsistent();
	}

	@Test
	void aDeclinedCardLeavesTheBookingPayableAndAGoodOneConfirmsIt() {
		var stage = stage();
		var fan = fan();
		var id = bookingId(book(fan, stage, window(stage, 1), UUID.randomUUID().toString()));

		var declined = confirm(fan, id, "pm_card_chargeDeclined");
		assertThat(declined.path("status").asString()).isEqualTo("requires_payment_method");
		assertThat(declined.path("failure").path("code").asString()).isEqualTo("card_declined");
		await("the failure reaches the booking").atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(booking(fan, id).path("lastPaymentFailure").asString()).isEqualTo("card_declined"));
		assertThat(booking(fan, id).path("status").asString()).isEqualTo("pending");

		confirm(fan, id, "pm_card_visa");
		awaitStatus(fan, id, "confirmed");
		assertConsistent();
	}

	@Test
	void aThreeDSecureCardIsConfirmedOnceTheFanAuthenticates() {
		var stage = stage();
		var fan = fan();
		var id = bookingId(book(fan, stage, window(stage, 1), UUID.randomUUID().toString()));

		var challenged = confirm(fan, id, "pm_card_threeDSecure2Required");
		assertThat(challenged.path("status").asString()).isEqualTo("requires_action");
		var challenge = challenged.path("nextAction").path("url").asString();
		assertThat(challenged.path("nextAction").path("type").asString()).isEqualTo("redirect_to_url");
		assertThat(booking(fan, id).path("status").asString()).isEqualTo("pending");

		// the fan passes the bank's challenge (the simulator's page)
		var passed = send(HttpRequest.newBuilder(URI.create(challenge))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("outcome=complete"))
			.build());
		assertThat(passed.statusCode()).as(passed.body()).isBetween(200, 399);
		awaitStatus(fan, id, "confirmed");
		assertConsistent();
	}

	@Test
	void anExpiredHoldFreesItsSlotAndCancelsItsPaymentIntent() {
		var stage = stage();
		var window = window(stage, 1);
		var first = fan();
		var booked = data(book(first, stage, window, UUID.randomUUID().toString())).path("booking");
		var id = booked.path("id").asString();
		var intent = intentId(booked);
		assertProblem(book(fan(), stage, window, UUID.randomUUID().toString()), 409);

		expireHold(id);
		awaitStatus(first, id, "expired");
		await("the intent is canceled at Stripe").atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(stripe("/v1/payment_intents/" + intent).path("status").asString())
				.isEqualTo("canceled"));
		// the freed slot is bookable by someone else
		var second = book(fan(), stage, window, UUID.randomUUID().toString());
		assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
		// and paying the expired booking is refused
		assertProblem(call("POST", "/v1/payments/confirm",
				"{\"bookingId\":\"%s\",\"paymentMethodId\":\"pm_card_visa\"}".formatted(id), first.access()), 409);
		assertConsistent();
	}

	@Test
	void webhooksDeliveredFiveTimesConfirmOnce() {
		var stage = stage();
		var fan = fan();
		var id = bookingId(book(fan, stage, window(stage, 1), UUID.randomUUID().toString()));
		var simulator = SharedFleet.running().stripeSimulator();

		simulator.webhooks().duplicateNext(5, "payment_intent.succeeded");
		var paid = confirm(fan, id, "pm_card_visa");
		awaitStatus(fan, id, "confirmed");
		await("five copies delivered").atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(simulator.deliveries()
				.stream()
				.filter(delivery -> delivery.eventType().equals("payment_intent.succeeded") && delivery.succeeded())
				.map(delivery -> delivery.eventId())
				.collect(java.util.stream.Collectors.groupingBy(event -> event, java.util.stream.Collectors.counting()))
				.values()).contains(5L));

		assertThat(events("starrymeet.payment.v1", paid.path("paymentId").asString(), "PaymentSucceeded")).hasSize(1);
		assertThat(events("starrymeet.booking.v1", id, "BookingConfirmed")).hasSize(1);
		assertConsistent();
	}

	@Test
	void aPaymentDelayedPastTheHoldConfirmsTheBookingWhileItsSlotIsFree() {
		var stage = stage();
		var fan = fan();
		var id = bookingId(book(fan, stage, window(stage, 1), UUID.randomUUID().toString()));
		var simulator = SharedFleet.running().stripeSimulator();

		simulator.webhooks().pause();
		try {
			confirm(fan, id, "pm_card_visa"); // Stripe took the money; its webhook is late
			expireHold(id);
			// expired, or confirmed already: payment-service, told of the expiry, finds the intent succeeded
			await().atMost(Duration.ofSeconds(30))
				.until(() -> List.of("expired", "confirmed").contains(booking(fan, id).path("status").asString()));
		}
		finally {
			simulator.webhooks().resume();
		}
		awaitStatus(fan, id, "confirmed");
		assertThat(events("starrymeet.booking.v1", id, "BookingConfirmed")).hasSize(1);
		assertConsistent();
	}

	@Test
	void aPaymentDelayedPastTheHoldWhenAnotherFanTookTheSlotIsRefundedInFull() {
		var fleet = SharedFleet.running();
		var stage = stage();
		var window = window(stage, 1);
		var late = fan();
		var lateBooking = data(book(late, stage, window, UUID.randomUUID().toString())).path("booking");
		var id = lateBooking.path("id").asString();
		var simulator = fleet.stripeSimulator();

		simulator.webhooks().pause();
		String paymentId;
		try {
			paymentId = confirm(late, id, "pm_card_visa").path("paymentId").asString();
			// payment-service is away while the hold runs out, so nothing tells booking-service of the payment
			fleet.stop("payment-service");
			expireHold(id);
			awaitStatus(late, id, "expired");
			var other = fan();
			var taken = book(other, stage, window, UUID.randomUUID().toString());
			assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
			assertThat(data(taken).path("booking").path("paymentIntent").isNull()).as("payment-service is down").isTrue();
		}
		finally {
			fleet.start("payment-service");
			simulator.webhooks().resume();
		}

		// the late payment cannot have the slot: one full refund, the booking stays expired
		await("the payment is refunded in full").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			var receipt = data(call("GET", "/v1/payments/" + paymentId, null, late.access()));
			assertThat(receipt.path("refundedCents").asLong()).isEqualTo(25000);
		});
		assertThat(booking(late, id).path("status").asString()).isEqualTo("expired");
		assertThat(events("starrymeet.booking.v1", id, "BookingPaymentRejected")).hasSize(1);
		assertThat(events("starrymeet.payment.v1", paymentId, "PaymentRefunded")).hasSize(1);
		assertThat(stripe("/v1/payment_intents/" + intentId(lateBooking) + "?expand[]=latest_charge").path("latest_charge")
			.path("amount_refunded")
			.asLong()).isEqualTo(25000);
		assertConsistent();
	}

	@Test
	void withCelebrityServiceDownABookingIs503AndTakesNothing() {
		var fleet = SharedFleet.running();
		var stage = stage();
		var window = window(stage, 1);
		var fan = fan();
		var key = UUID.randomUUID().toString();

		fleet.stop("celebrity-service");
		try {
			var refused = book(fan, stage, window, key);
			assertProblem(refused, 503);
			assertThat(JSON.readTree(refused.body()).path("code").asString()).isIn("CATALOG_UNAVAILABLE",
					"SERVICE_UNAVAILABLE");
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			assertThat(booked(window)).as("nothing taken").isZero();
		}
		finally {
			fleet.start("celebrity-service");
		}
		// the same request once it is back: booked
		await("booked once celebrity-service is back").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> book(fan, stage, window, key).statusCode() == 201);
		assertThat(booked(window)).isEqualTo(1);
		assertConsistent();
	}

	@Test
	void withPaymentServiceDownTheBookingIsHeldAndPaidLater() {
		var fleet = SharedFleet.running();
		var stage = stage();
		var fan = fan();
		String id;
		fleet.stop("payment-service");
		try {
			var booked = book(fan, stage, window(stage, 1), UUID.randomUUID().toString());
			assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
			assertThat(data(booked).path("booking").path("paymentIntent").isNull()).isTrue();
			id = bookingId(booked);
		}
		finally {
			fleet.start("payment-service");
		}
		var intent = data(call("POST", "/v1/payments/create-intent", "{\"bookingId\":\"%s\"}".formatted(id), fan.access()));
		assertThat(intent.path("clientSecret").asString()).startsWith("pi_");
		confirm(fan, id, "pm_card_visa");
		awaitStatus(fan, id, "confirmed");
		assertConsistent();
	}

	@Test
	void kafkaFrozenFor30SecondsDuringAConfirmationLosesNothing() throws Exception {
		var fleet = SharedFleet.running();
		var stage = stage();
		var fan = fan();
		var id = bookingId(book(fan, stage, window(stage, 1), UUID.randomUUID().toString()));
		var kafka = fleet.members().stream().filter(member -> member.name().equals("kafka")).findFirst().orElseThrow();

		signal("STOP", kafka.pid());
		try {
			confirm(fan, id, "pm_card_visa"); // the webhook lands in payment-service while Kafka is frozen
			Thread.sleep(Duration.ofSeconds(30));
			assertThat(booking(fan, id).path("status").asString()).as("no event could travel").isEqualTo("pending");
		}
		finally {
			signal("CONT", kafka.pid());
		}
		awaitStatus(fan, id, "confirmed");
		assertThat(events("starrymeet.booking.v1", id, "BookingConfirmed")).hasSize(1);
		assertConsistent();
	}

	// --- after the purchase (issue 10) ---

	@Test
	void aFanSeesWhatACancellationWouldRefundAndGetsExactlyThat() {
		var stage = stage();
		var fan = fan();
		var id = bookingId(book(fan, stage, farWindow(stage), UUID.randomUUID().toString()));
		var paid = confirm(fan, id, "pm_card_visa");
		awaitStatus(fan, id, "confirmed");

		var preview = data(call("GET", "/v1/bookings/" + id + "/cancellation", null, fan.access()));
		assertThat(preview.path("canCancel").asBoolean()).isTrue();
		assertThat(preview.path("tier").asString()).isEqualTo("FULL"); // the meeting is 40 days away
		assertThat(preview.path("refundPercent").asInt()).isEqualTo(100);
		assertThat(preview.path("refundAmountCents").asLong()).isEqualTo(25000);
		assertThat(preview.path("nextTierAt").asString()).isNotBlank();
		assertProblem(call("GET", "/v1/bookings/" + id + "/cancellation", null, fan().access()), 404);

		var canceled = data(call("DELETE", "/v1/bookings/" + id, null, fan.access()));
		assertThat(canceled.path("status").asString()).isEqualTo("canceled");
		await("the refund reaches the card").atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
				data(call("GET", "/v1/payments/" + paid.path("paymentId").asString(), null, fan.access()))
					.path("refundedCents")
					.asLong()).isEqualTo(25000));
		assertProblem(call("DELETE", "/v1/bookings/" + id, null, fan.access()), 409);
		assertConsistent();
	}

	@Test
	void aCelebrityCancelsTheFanGetsEverythingBackAndACreditThatPaysPartOfTheNextBooking() {
		var stage = stage();
		var fan = fan();
		var first = bookingId(book(fan, stage, window(stage, 1), UUID.randomUUID().toString()));
		var paid = confirm(fan, first, "pm_card_visa");
		awaitStatus(fan, first, "confirmed");

		var celebrityView = data(call("GET", "/v1/bookings/" + first + "/cancellation", null, stage.celebrity().access()));
		assertThat(celebrityView.path("refundPercent").asInt()).isEqualTo(100);
		assertThat(celebrityView.path("creditGrantCents").asLong()).isEqualTo(2500);
		var canceled = data(call("DELETE", "/v1/bookings/" + first, null, stage.celebrity().access()));
		assertThat(canceled.path("status").asString()).isEqualTo("canceled");
		await("refunded in full and credited").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			assertThat(data(call("GET", "/v1/payments/" + paid.path("paymentId").asString(), null, fan.access()))
				.path("refundedCents")
				.asLong()).isEqualTo(25000);
			assertThat(data(call("GET", "/v1/payments/credits", null, fan.access())).path("balanceCents").asLong())
				.isEqualTo(2500);
		});

		// the next booking uses the credit before the card
		var next = data(book(fan, stage, window(stage, 1), UUID.randomUUID().toString())).path("booking");
		assertThat(next.path("credit").path("appliedCents").asLong()).isEqualTo(2500);
		assertThat(next.path("amountDue").path("amountCents").asLong()).isEqualTo(22500);
		var id = next.path("id").asString();
		confirm(fan, id, "pm_card_visa");
		awaitStatus(fan, id, "confirmed");
		assertThat(data(call("GET", "/v1/payments/credits", null, fan.access())).path("balanceCents").asLong()).isZero();
		assertThat(stripe("/v1/payment_intents/" + intentId(next)).path("amount").asLong())
			.as("the card paid the rest").isEqualTo(22500);
		assertConsistent();
	}

	@Test
	void aMeetingIsCheckedInCompletedPaidOutToTheCelebrityAndReviewed() {
		var fleet = SharedFleet.running();
		var star = soonStage();
		// the celebrity onboards Stripe Connect (the simulator's onboarding page stands in for Stripe's)
		var onboarding = data(call("POST", "/v1/payments/connect/onboarding", null, star.celebrity().access()));
		var onboarded = send(HttpRequest.newBuilder(URI.create(onboarding.path("url").asString()))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(onboarded.statusCode()).as(onboarded.body()).isBetween(200, 399);
		await("payouts enabled").atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
				data(call("GET", "/v1/payments/connect", null, star.celebrity().access())).path("payoutsEnabled").asBoolean())
			.isTrue());

		// a fan books the meeting starting in a few minutes and pays
		var fan = fan();
		var window = soonWindow(star);
		var booked = send(HttpRequest.newBuilder(url("/v1/bookings"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + fan.access())
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"celebrityId":"%s","meetingTypeId":"%s","availableDateId":"%s","date":"%s","time":"%s",
					 "location":{"city":"Reykjavik","country":"Iceland"}}"""
				.formatted(star.celebrity().celebrityId(), star.meetingTypeId(), window.id(), window.date(), window.time())))
			.build());
		var id = bookingId(booked);
		confirm(fan, id, "pm_card_visa");
		awaitStatus(fan, id, "confirmed");

		// the meeting: the fan shows the code, the celebrity's team scans it
		var code = data(call("GET", "/v1/bookings/" + id + "/check-in-code", null, fan.access())).path("code").asString();
		assertProblem(call("POST", "/v1/bookings/" + id + "/check-in", "{\"code\":\"%s\"}".formatted(code), fan.access()), 403);
		var checkedIn = data(call("POST", "/v1/bookings/" + id + "/check-in", "{\"code\":\"%s\"}".formatted(code),
				star.celebrity().access()));
		assertThat(checkedIn.path("status").asString()).isEqualTo("completed");

		// the payout waits for the dispute window (48 h after the end): moved into the past, as 48 hours would
		await("the payout is recorded").atMost(Duration.ofSeconds(60))
			.until(() -> longs("starrymeet_payment", "SELECT count(*) FROM payout WHERE booking_id = '" + id + "'")
				.getFirst() == 1);
		assertThat(sql("starrymeet_payment", "UPDATE payout SET eligible_at = now() WHERE booking_id = '" + id + "'"))
			.isEqualTo(1);
		await("the celebrity is paid").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			var earnings = data(call("GET", "/v1/celebrities/me/earnings", null, star.celebrity().access()));
			var row = earnings.path("bookings").valueStream().filter(b -> b.path("bookingId").asString().equals(id))
				.findFirst().orElseThrow();
			assertThat(row.path("status").asString()).isEqualTo("sent");
			assertThat(row.path("amountCents").asLong()).as("price - 15 %").isEqualTo(21250);
		});
		var transfers = stripe("/v1/transfers?transfer_group=" + id).path("data");
		assertThat(transfers.size()).isEqualTo(1);
		assertThat(transfers.get(0).path("amount").asLong()).isEqualTo(21250);
		assertThat(transfers.get(0).path("destination").asString()).isEqualTo(onboarding.path("accountId").asString());

		// the fan reviews; the review shows on the profile
		var review = call("POST", "/v1/bookings/" + id + "/review",
				"{\"rating\":5,\"title\":\"Worth every cent\",\"comment\":\"Kind, funny and on time.\"}", fan.access());
		assertThat(review.statusCode()).as(review.body()).isEqualTo(201);
		assertProblem(call("POST", "/v1/bookings/" + id + "/review", "{\"rating\":4}", fan.access()), 409);
		await("the review is on the profile").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(get("/v1/celebrities/" + star.celebrity().celebrityId() + "/reviews").body())
				.contains("Worth every cent");
			assertThat(data(get("/v1/celebrities/" + star.celebrity().celebrityId())).path("totalBookings").asInt())
				.isEqualTo(1);
		});
		assertConsistent();
	}

	// --- live, in-app and chat (issue 11) ---

	@Test
	void aConfirmationArrivesInAppAndOverTheSocketAndAChatMessageReachesTheOtherSideLive() throws Exception {
		var stage = stage();
		var fan = fan();
		try (var fanSocket = LiveSocket.open(fan.access()); var starSocket = LiveSocket.open(stage.celebrity().access())) {
			var stranger = fan();
			try (var strangerSocket = LiveSocket.open(stranger.access())) {
				var id = bookingId(book(fan, stage, window(stage, 1), UUID.randomUUID().toString()));
				confirm(fan, id, "pm_card_visa");
				awaitStatus(fan, id, "confirmed");

				// over the socket, to the fan and to the celebrity's account: the booking is confirmed
				fanSocket.await(frame -> frame.path("type").asString().equals("booking")
						&& frame.path("bookingId").asString().equals(id) && frame.path("status").asString().equals("confirmed"));
				starSocket.await(frame -> frame.path("type").asString().equals("booking")
						&& frame.path("bookingId").asString().equals(id));
				// and in-app, with the unread count on the socket
				fanSocket.await(frame -> frame.path("type").asString().equals("notification")
						&& frame.path("unreadCount").asInt() > 0);
				await("in-app").atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
						data(call("GET", "/v1/notifications?unread=true", null, fan.access())).toString()).contains(id));

				// the celebrity writes in the booking's chat; the fan reads it live
				var sent = call("POST", "/v1/bookings/" + id + "/messages", "{\"text\":\"See you in LA!\"}",
						stage.celebrity().access());
				assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
				fanSocket.await(frame -> frame.path("type").asString().equals("message")
						&& frame.path("text").asString().equals("See you in LA!"));
				// nobody else hears of that booking
				assertThat(strangerSocket.frames()).noneMatch(frame -> frame.toString().contains(id));
			}
		}
	}

	/** A live-updates client: connects through the gateway, authenticates with its first frame, keeps every frame. */
	static final class LiveSocket implements AutoCloseable {

		private final java.util.concurrent.CopyOnWriteArrayList<JsonNode> frames = new java.util.concurrent.CopyOnWriteArrayList<>();

		private final java.net.http.WebSocket socket;

		private LiveSocket(String token) throws Exception {
			var gateway = SharedFleet.running().gatewayUrl();
			var buffer = new StringBuilder();
			this.socket = java.net.http.HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.buildAsync(URI.create("ws://" + gateway.getHost() + ":" + gateway.getPort() + "/v1/ws"),
						new java.net.http.WebSocket.Listener() {
							@Override
							public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket webSocket,
									CharSequence data, boolean last) {
								buffer.append(data);
								if (last) {
									LiveSocket.this.frames.add(JSON.readTree(buffer.toString()));
									buffer.setLength(0);
								}
								webSocket.request(1);
								return null;
							}
						})
				.get(20, java.util.concurrent.TimeUnit.SECONDS);
			this.socket.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}", true)
				.get(10, java.util.concurrent.TimeUnit.SECONDS);
			await(frame -> frame.path("type").asString().equals("ready"));
		}

		static LiveSocket open(String token) throws Exception {
			return new LiveSocket(token);
		}

		void await(java.util.function.Predicate<JsonNode> wanted) {
			org.awaitility.Awaitility.await("a live frame").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> this.frames.stream().anyMatch(wanted));
		}

		List<JsonNode> frames() {
			return List.copyOf(this.frames);
		}

		@Override
		public void close() {
			this.socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done");
		}
	}

	// --- the stage and the client's steps ---

	private static synchronized Stage stage() {
		var current = stage;
		if (current == null) {
			var admin = login(Fleet.LOCAL_ADMIN_EMAIL, Fleet.LOCAL_ADMIN_PASSWORD);
			long n = System.nanoTime() % 1_000_000;
			var celebrity = becomeCelebrity(admin, "Bea Bookable", "bea.bookable" + n);
			var type = call("POST", "/v1/celebrities/me/meeting-types",
					"{\"name\":\"Standard Meet\",\"durationMinutes\":30,\"priceCents\":25000}", celebrity.access());
			assertThat(type.statusCode()).as(type.body()).isEqualTo(201);
			var location = addLocation(celebrity, "Los Angeles", "USA", ZONE.getId());
			current = new Stage(celebrity, data(type).path("id").asString(), location);
			stage = current;
		}
		return current;
	}

	private static @Nullable Stage soon;

	/** A second celebrity, in Reykjavik (UTC), whose one window starts a few minutes from now. */
	private static synchronized Stage soonStage() {
		var current = soon;
		if (current == null) {
			var admin = login(Fleet.LOCAL_ADMIN_EMAIL, Fleet.LOCAL_ADMIN_PASSWORD);
			long n = System.nanoTime() % 1_000_000;
			var celebrity = becomeCelebrity(admin, "Sól Soonsdóttir", "sol.soon" + n);
			var type = call("POST", "/v1/celebrities/me/meeting-types",
					"{\"name\":\"Standard Meet\",\"durationMinutes\":30,\"priceCents\":25000}", celebrity.access());
			assertThat(type.statusCode()).as(type.body()).isEqualTo(201);
			var location = addLocation(celebrity, "Reykjavik", "Iceland", "Atlantic/Reykjavik");
			current = new Stage(celebrity, data(type).path("id").asString(), location);
			soon = current;
		}
		return current;
	}

	/** A window starting at the next whole minute 5 minutes from now (the test fleet's lead time is 2 minutes). */
	record SoonWindow(String id, LocalDate date, String time) {
	}

	private static SoonWindow soonWindow(Stage stage) {
		var start = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)
			.plusMinutes(6)
			.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
		if (!start.plusMinutes(30).toLocalDate().equals(start.toLocalDate())) {
			start = start.toLocalDate().plusDays(1).atTime(0, 5).atZone(java.time.ZoneOffset.UTC);
		}
		var time = start.toLocalTime().toString();
		var end = start.plusMinutes(30).toLocalTime().toString();
		var response = call("POST", "/v1/celebrities/" + stage.celebrity().celebrityId() + "/availability/windows", """
				{"locationId":"%s","date":"%s","startTime":"%s","endTime":"%s","capacity":1}"""
			.formatted(stage.locationId(), start.toLocalDate(), time, end), stage.celebrity().access());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return new SoonWindow(data(response).path("id").asString(), start.toLocalDate(), time);
	}

	/** A window 40 days ahead (the 100 % tier whatever the hour), on a date of its own. */
	private static Window farWindow(Stage stage) {
		var date = LocalDate.now(ZONE).plusDays(40 + FAR_DAY.getAndIncrement());
		var response = call("POST", "/v1/celebrities/" + stage.celebrity().celebrityId() + "/availability/windows", """
				{"locationId":"%s","date":"%s","startTime":"10:00","endTime":"12:00","capacity":1}"""
			.formatted(stage.locationId(), date), stage.celebrity().access());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return new Window(data(response).path("id").asString(), date);
	}

	private static final AtomicInteger FAR_DAY = new AtomicInteger();

	private static Window window(Stage stage, int capacity) {
		var date = LocalDate.now(ZONE).plusDays(NEXT_DAY.getAndIncrement());
		var response = call("POST", "/v1/celebrities/" + stage.celebrity().celebrityId() + "/availability/windows", """
				{"locationId":"%s","date":"%s","startTime":"10:00","endTime":"12:00","capacity":%d}"""
			.formatted(stage.locationId(), date, capacity), stage.celebrity().access());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return new Window(data(response).path("id").asString(), date);
	}

	private static Account fan() {
		return register("fan-" + UUID.randomUUID() + "@example.test");
	}

	private static HttpResponse<String> book(Account fan, Stage stage, Window window, String key) {
		var body = """
				{"celebrityId":"%s","meetingTypeId":"%s","availableDateId":"%s","date":"%s","time":"10:30",
				 "location":{"city":"Los Angeles","country":"USA"},"occasion":"birthday",
				 "specialRequests":"Please sign my poster","fanNotes":"Huge fan!"}"""
			.formatted(stage.celebrity().celebrityId(), stage.meetingTypeId(), window.id(), window.date());
		return send(HttpRequest.newBuilder(url("/v1/bookings"))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + fan.access())
			.header("Idempotency-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private static String bookingId(HttpResponse<String> booked) {
		assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
		return data(booked).path("booking").path("id").asString();
	}

	private static String intentId(JsonNode booking) {
		var secret = booking.path("paymentIntent").path("clientSecret").asString();
		assertThat(secret).contains("_secret_");
		return secret.substring(0, secret.indexOf("_secret_"));
	}

	private static JsonNode confirm(Account fan, String bookingId, String card) {
		return data(call("POST", "/v1/payments/confirm",
				"{\"bookingId\":\"%s\",\"paymentMethodId\":\"%s\"}".formatted(bookingId, card), fan.access()));
	}

	private static JsonNode booking(Account fan, String id) {
		return data(call("GET", "/v1/bookings/" + id, null, fan.access()));
	}

	private static void awaitStatus(Account fan, String id, String status) {
		await("booking " + id + " " + status).atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(booking(fan, id).path("status").asString()).isEqualTo(status));
	}

	/** What Stripe (the simulator) holds, read with the fleet's secret key as payment-service reads it. */
	private static JsonNode stripe(String path) {
		var simulator = SharedFleet.running().stripeSimulator();
		var response = send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
			.header("Authorization", "Bearer " + simulator.settings().secretKey())
			.GET()
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	// --- what the stores hold ---

	/** The hold ran out: its end moved into the past, as 15 minutes would. */
	private static void expireHold(String bookingId) {
		assertThat(sql("starrymeet_booking",
				"UPDATE booking SET hold_expires_at = now() - interval '1 second' WHERE id = '" + bookingId
						+ "' AND status = 'pending'")).isEqualTo(1);
	}

	private static long booked(Window window) {
		return longs("starrymeet_booking", "SELECT booked FROM time_window WHERE id = '" + window.id() + "'").getFirst();
	}

	/**
	 * The reconciliation, across booking-service's and payment-service's databases: every payment that kept the
	 * fan's money (succeeded, not fully refunded) belongs to a confirmed booking, every confirmed booking has a
	 * succeeded payment, and every window's {@code booked} equals its live bookings. Waits for events in flight.
	 */
	static void assertConsistent() {
		await("bookings and payments agree").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> {
				var kept = strings("starrymeet_payment",
						"SELECT booking_id FROM payment WHERE status = 'succeeded' AND refunded_cents < captured_cents");
				var confirmed = strings("starrymeet_booking",
						"SELECT id FROM booking WHERE status IN ('confirmed', 'completed', 'disputed')");
				// a late cancellation keeps part of the money on purpose (the celebrity's share is paid out)
				var keptByPolicy = strings("starrymeet_payment", "SELECT booking_id FROM payout WHERE basis = 'LATE_CANCELLATION'");
				var allowed = new HashSet<>(confirmed);
				allowed.addAll(keptByPolicy);
				assertThat(kept).as("payments kept without a confirmed booking").isSubsetOf(allowed);
				assertThat(confirmed).as("confirmed bookings without a kept payment").isSubsetOf(kept);
			});
		assertThat(longs("starrymeet_payment", """
				SELECT count(*) FROM payout WHERE amount_cents + fee_cents + card_refunded_cents + credit_returned_cents
				  <> paid_cents OR reversed_cents > amount_cents"""))
			.as("payouts whose transfer, fee and refunds do not add up to what was paid")
			.containsExactly(0L);
		assertThat(longs("starrymeet_payment", "SELECT count(*) FROM credit_balance WHERE balance_cents < 0"))
			.containsExactly(0L);
		assertThat(longs("starrymeet_booking", """
				SELECT count(*) FROM time_window w WHERE w.booked <> (SELECT count(*) FROM booking b
				  WHERE b.window_id = w.id AND b.status IN ('pending', 'confirmed', 'completed', 'disputed'))"""))
			.as("windows whose booked differs from their live bookings")
			.containsExactly(0L);
	}

	private static Set<String> strings(String database, String query) throws SQLException {
		var values = new HashSet<String>();
		try (var connection = DriverManager.getConnection(jdbcUrl(database), "postgres", "postgres");
				var rows = connection.createStatement().executeQuery(query)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

	private static List<Long> longs(String database, String query) {
		var values = new ArrayList<Long>();
		try (var connection = DriverManager.getConnection(jdbcUrl(database), "postgres", "postgres");
				var rows = connection.createStatement().executeQuery(query)) {
			while (rows.next()) {
				values.add(rows.getLong(1));
			}
		}
		catch (SQLException ex) {
			throw new AssertionError(ex);
		}
		return values;
	}

	private static int sql(String database, String statement) {
		try (var connection = DriverManager.getConnection(jdbcUrl(database), "postgres", "postgres")) {
			return connection.createStatement().executeUpdate(statement);
		}
		catch (SQLException ex) {
			throw new AssertionError(ex);
		}
	}

	private static String jdbcUrl(String database) {
		var postgres = SharedFleet.running()
			.members()
			.stream()
			.filter(member -> member.name().equals("postgresql"))
			.findFirst()
			.orElseThrow();
		return postgres.url().replace("starrymeet_*", database);
	}

	/** The events of one aggregate on a topic, from the beginning, by type. */
	private static List<JsonNode> events(String topic, String key, String type) {
		var kafka = SharedFleet.running()
			.members()
			.stream()
			.filter(member -> member.name().equals("kafka"))
			.findFirst()
			.orElseThrow();
		var found = new ArrayList<JsonNode>();
		try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.url(),
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"))) {
			var partitions = consumer.partitionsFor(topic)
				.stream()
				.map(info -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			var ends = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
				for (var record : consumer.poll(Duration.ofMillis(500))) {
					if (key.equals(record.key())) {
						var event = JSON.readTree(record.value());
						if (type.equals(event.path("type").asString())) {
							found.add(event);
						}
					}
				}
			}
		}
		return found;
	}

	private static void signal(String signal, long pid) throws Exception {
		var kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
		assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
	}
}

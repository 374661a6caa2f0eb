package com.starrymeet.payment.payment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.starrymeet.common.events.Topics;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import com.starrymeet.payment.PaymentTestSupport;
import com.starrymeet.payment.TopicReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Paying for a booking end to end against the Stripe simulator: one intent per booking however many ask at once;
 * confirmation answers Stripe's state (success, decline, 3-D Secure) while only the signed webhook makes the payment
 * succeed, with exactly one PaymentSucceeded on Kafka whether the webhook comes five times, late, lost once or out of
 * order; a bad signature changes nothing; every route checks who calls.
 */
class PaymentFlowTest extends PaymentTestSupport {

	@Test
	void oneIntentPerBookingHoweverManyAskAtOnce() throws Exception {
		var booking = booking();
		var answers = new ArrayList<java.util.concurrent.Future<java.net.http.HttpResponse<String>>>();
		try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 20; i++) {
				answers.add(pool.submit((Callable<java.net.http.HttpResponse<String>>) () -> askIntent(booking)));
			}
		}
		var payments = new java.util.HashSet<String>();
		var intents = new java.util.HashSet<String>();
		for (var answer : answers) {
			var response = answer.get();
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			var data = json.readTree(response.body()).get("data");
			payments.add(data.get("paymentId").asString());
			intents.add(data.get("paymentIntentId").asString());
			assertThat(data.get("clientSecret").asString()).startsWith(data.get("paymentIntentId").asString() + "_secret_");
			assertThat(data.get("publishableKey").asString()).isEqualTo("pk_test_payment_service_tests");
			assertThat(data.get("status").asString()).isEqualTo("requires_payment_method");
			assertThat(data.get("amountCents").asLong()).isEqualTo(25_000);
			assertThat(data.get("currency").asString()).isEqualTo("USD");
		}
		assertThat(payments).hasSize(1);
		assertThat(intents).hasSize(1);
		assertThat(jdbc.sql("SELECT count(*) FROM payment WHERE booking_id = :b").param("b", booking.id())
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM stripe_customer WHERE user_id = :u").param("u", booking.fanId())
			.query(Long.class).single()).as("one Stripe Customer for the fan").isEqualTo(1);

		var atStripe = stripe.v1().paymentIntents().retrieve(intents.iterator().next());
		assertThat(atStripe.getAmount()).isEqualTo(25_000);
		assertThat(atStripe.getCurrency()).isEqualTo("usd");
		assertThat(atStripe.getMetadata()).containsEntry("booking_id", booking.id().toString());
		assertThat(atStripe.getCustomer()).isEqualTo(jdbc.sql("SELECT stripe_customer_id FROM stripe_customer WHERE "
				+ "user_id = :u").param("u", booking.fanId()).query(String.class).single());

		// the header is the booking id, as the contract says
		assertProblem(http.post("/internal/payments/intents", intentBody(booking), "application/json"), 400,
				"VALIDATION_FAILED");
		assertProblem(http.post("/internal/payments/intents", intentBody(booking), "application/json",
				"Idempotency-Key", UUID.randomUUID().toString()), 400, "VALIDATION_FAILED");
		var bad = http.post("/internal/payments/intents", "{\"bookingId\":\"" + booking.id() + "\",\"amountCents\":-5,"
				+ "\"currency\":\"usd\"}", "application/json", "Idempotency-Key", booking.id().toString());
		var problem = assertProblem(bad, 400, "VALIDATION_FAILED");
		assertThat(problem.get("errors").findValuesAsString("field")).contains("amountCents", "currency", "fanId");
	}

	@Test
	void createIntentReadsTheCallersOwnPendingBookingFromBookingService() {
		var booking = booking();
		bookingServiceKnows(booking, "pending");
		var response = http.post("/v1/payments/create-intent", "{\"bookingId\":\"" + booking.id() + "\"}",
				"application/json", "Authorization", TestHttp.bearer(booking.token()));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		var data = json.readTree(response.body()).get("data");
		assertThat(data.get("bookingId").asString()).isEqualTo(booking.id().toString());
		assertThat(intent(booking).get("paymentId")).as("the open intent, whoever asks").isEqualTo(data.get("paymentId"));

		// another fan: as if the booking did not exist; an unknown booking (booking-service 404) likewise
		assertProblem(http.post("/v1/payments/create-intent", "{\"bookingId\":\"" + booking.id() + "\"}",
				"application/json", "Authorization", TestHttp.bearer(TestTokens.token("USER"))), 404, "NOT_FOUND");
		assertProblem(http.post("/v1/payments/create-intent", "{\"bookingId\":\"" + UUID.randomUUID() + "\"}",
				"application/json", "Authorization", TestHttp.bearer(booking.token())), 404, "NOT_FOUND");
		// not pending
		var expired = booking();
		bookingServiceKnows(expired, "expired");
		assertProblem(http.post("/v1/payments/create-intent", "{\"bookingId\":\"" + expired.id() + "\"}",
				"application/json", "Authorization", TestHttp.bearer(expired.token())), 409, "BOOKING_NOT_PAYABLE");
		// booking-service failing: 503 with Retry-After, nothing created
		var unreadable = booking();
		bookingService.stubFor(get(urlEqualTo("/internal/bookings/" + unreadable.id()))
			.willReturn(aResponse().withStatus(503)));
		var down = http.post("/v1/payments/create-intent", "{\"bookingId\":\"" + unreadable.id() + "\"}",
				"application/json", "Authorization", TestHttp.bearer(unreadable.token()));
		assertProblem(down, 503, "BOOKING_SERVICE_UNAVAILABLE");
		assertThat(down.headers().firstValue("Retry-After")).isPresent();
		assertThat(jdbc.sql("SELECT count(*) FROM payment WHERE booking_id IN (:a, :b)")
			.param("a", expired.id()).param("b", unreadable.id()).query(Long.class).single()).isZero();

		// who may call, and what
		assertProblem(http.post("/v1/payments/create-intent", "{\"bookingId\":\"" + booking.id() + "\"}",
				"application/json"), 401, "UNAUTHORIZED");
		assertProblem(http.post("/v1/payments/create-intent", "{\"bookingId\":\"" + booking.id() + "\"}",
				"application/json", "Authorization", TestHttp.bearer(TestTokens.token("CELEBRITY"))), 403, "FORBIDDEN");
		var invalid = assertProblem(http.post("/v1/payments/create-intent", "{\"bookingId\":\"nope\",\"amount\":1}",
				"application/json", "Authorization", TestHttp.bearer(booking.token())), 400, "VALIDATION_FAILED");
		assertThat(invalid.get("errors").findValuesAsString("field")).isNotEmpty();
	}

	@Test
	void visaSucceedsOnlyThroughTheWebhookAndFiveCopiesOfItRecordOneSuccess() {
		var booking = booking();
		var payment = paymentId(intent(booking));
		try (var topic = new TopicReader(Topics.PAYMENT)) {
			sim.webhooks().duplicateNext(5, "payment_intent.succeeded");
			var answer = confirmed(booking, "pm_card_visa");
			assertThat(answer.get("paymentId").asString()).isEqualTo(payment.toString());
			assertThat(answer.get("status").asString()).isEqualTo("succeeded");
			assertThat(answer.get("nextAction").isNull()).isTrue();
			assertThat(answer.get("failure").isNull()).isTrue();

			awaitStatus(payment, "succeeded");
			awaitWebhooksSettled();
			awaitOutboxDrained();
			var succeeded = topic.settled(payment, "PaymentSucceeded");
			assertThat(succeeded).hasSize(1);
			var event = succeeded.getFirst();
			assertThat(event.get("aggregateType").asString()).isEqualTo("payment");
			assertThat(event.at("/payload/bookingId").asString()).isEqualTo(booking.id().toString());
			assertThat(event.at("/payload/fanId").asString()).isEqualTo(booking.fanId().toString());
			assertThat(event.at("/payload/amountCents").asLong()).isEqualTo(25_000);
			assertThat(event.at("/payload/currency").asString()).isEqualTo("USD");
			assertThat(event.at("/payload/cardBrand").asString()).isEqualTo("visa");
			assertThat(event.at("/payload/cardLast4").asString()).isEqualTo("4242");
		}
		var succeededEvent = sim.deliveries().stream()
			.filter(d -> d.eventType().equals("payment_intent.succeeded") && d.succeeded())
			.filter(d -> jdbc.sql("SELECT count(*) FROM stripe_webhook_event WHERE id = :id AND object_id = :pi")
				.param("id", d.eventId()).param("pi", intentOf(payment)).query(Long.class).single() == 1)
			.toList();
		assertThat(succeededEvent).as("five copies delivered and answered, one event stored").hasSize(5);
		assertThat(succeededEvent.stream().map(d -> d.eventId()).distinct()).hasSize(1);

		// the receipt, for the fan and an admin only
		var receipt = http.get("/v1/payments/" + payment, "Authorization", TestHttp.bearer(booking.token()));
		assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
		var data = json.readTree(receipt.body()).get("data");
		assertThat(data.get("amountCents").asLong()).isEqualTo(25_000);
		assertThat(data.get("capturedCents").asLong()).isEqualTo(25_000);
		assertThat(data.get("status").asString()).isEqualTo("succeeded");
		assertThat(data.at("/card/brand").asString()).isEqualTo("visa");
		assertThat(data.at("/card/last4").asString()).isEqualTo("4242");
		assertThat(data.get("bookingNumber").asString()).isEqualTo(booking.number());
		assertThat(data.get("refunds").size()).isZero();
		assertThat(http.get("/v1/payments/" + payment, "Authorization", TestHttp.bearer(TestTokens.token("ADMIN")))
			.statusCode()).isEqualTo(200);
		assertProblem(http.get("/v1/payments/" + payment, "Authorization", TestHttp.bearer(TestTokens.token("USER"))),
				404, "NOT_FOUND");
		assertProblem(http.get("/v1/payments/" + payment), 401, "UNAUTHORIZED");
		assertProblem(http.get("/v1/payments/not-a-uuid", "Authorization", TestHttp.bearer(booking.token())), 400,
				"VALIDATION_FAILED");

		// paid: nothing more to pay
		assertProblem(confirm(booking, "pm_card_visa"), 409, "BOOKING_ALREADY_PAID");
		assertProblem(askIntent(booking), 409, "BOOKING_ALREADY_PAID");
	}

	@Test
	void aDeclinedCardLeavesTheBookingPayableAndAnotherCardPaysIt() {
		var booking = booking();
		var payment = paymentId(intent(booking));
		try (var topic = new TopicReader(Topics.PAYMENT)) {
			var declined = confirmed(booking, "pm_card_chargeDeclinedInsufficientFunds");
			assertThat(declined.get("status").asString()).isEqualTo("requires_payment_method");
			assertThat(declined.at("/failure/code").asString()).isEqualTo("card_declined");
			assertThat(declined.at("/failure/declineCode").asString()).isEqualTo("insufficient_funds");
			assertThat(declined.at("/failure/message").asString()).isNotBlank();

			var failed = topic.await(payment, "PaymentFailed", 1);
			assertThat(failed.getFirst().at("/payload/failureCode").asString()).isEqualTo("card_declined");
			var receipt = json.readTree(http.get("/v1/payments/" + payment, "Authorization",
					TestHttp.bearer(booking.token())).body()).get("data");
			assertThat(receipt.get("status").asString()).isEqualTo("requires_payment_method");
			assertThat(receipt.at("/lastFailure/declineCode").asString()).isEqualTo("insufficient_funds");

			assertThat(confirmed(booking, "pm_card_visa").get("status").asString()).isEqualTo("succeeded");
			awaitStatus(payment, "succeeded");
			awaitWebhooksSettled();
			awaitOutboxDrained();
			assertThat(topic.settled(payment, "PaymentSucceeded")).hasSize(1);
			assertThat(topic.settled(payment, "PaymentFailed")).hasSize(1);
		}
		// a card Stripe refuses outright is a field error, and another fan cannot pay this booking
		assertProblem(confirm(booking(), "pm_card_visa"), 404, "NOT_FOUND");
		var other = booking();
		intent(other);
		var stranger = new Booking(other.id(), other.number(), UUID.randomUUID(), other.celebrityId(),
				other.amountCents(), other.currency(), other.holdExpiresAt());
		assertProblem(confirm(stranger, "pm_card_visa"), 404, "NOT_FOUND");
		var invalid = assertProblem(confirm(other, "card_4242"), 400, "VALIDATION_FAILED");
		assertThat(invalid.get("errors").findValuesAsString("field")).containsExactly("paymentMethodId");
	}

	@Test
	void threeDSecureRequiresAnActionThenSucceedsThroughTheWebhook() throws Exception {
		var booking = booking();
		var payment = paymentId(intent(booking));
		try (var topic = new TopicReader(Topics.PAYMENT)) {
			var answer = confirmed(booking, "pm_card_threeDSecure2Required",
					",\"returnUrl\":\"https://starrymeet.test/pay/done\"");
			assertThat(answer.get("status").asString()).isEqualTo("requires_action");
			assertThat(answer.at("/nextAction/type").asString()).isEqualTo("redirect_to_url");
			var url = answer.at("/nextAction/url").asString();
			assertThat(url).startsWith(sim.baseUrl());
			awaitStatus(payment, "requires_action");
			assertThat(topic.settled(payment, "PaymentSucceeded")).isEmpty();

			// the fan completes 3-D Secure on the bank's page
			var done = TestHttp.at(sim.baseUrl()).post(url.substring(sim.baseUrl().length()), "outcome=complete",
					"application/x-www-form-urlencoded");
			assertThat(done.statusCode()).as(done.body()).isLessThan(400);
			awaitStatus(payment, "succeeded");
			awaitWebhooksSettled();
			awaitOutboxDrained();
			assertThat(topic.settled(payment, "PaymentSucceeded")).hasSize(1);
		}
	}

	@Test
	void reorderedDelayedAndLostWebhooksEndInOneSuccessEach() {
		try (var topic = new TopicReader(Topics.PAYMENT)) {
			// a decline then a success, their three events delivered in reverse order: success first, the stale
			// failure last — acted on the intent's current state, it changes nothing
			var reordered = booking();
			var first = paymentId(intent(reordered));
			sim.webhooks().reorderNext(3);
			confirmed(reordered, "pm_card_chargeDeclined");
			confirmed(reordered, "pm_card_visa");
			awaitStatus(first, "succeeded");

			// the success arrives late: until then the payment is not succeeded, whatever confirm answered
			var late = booking();
			var second = paymentId(intent(late));
			sim.webhooks().delayNext(Duration.ofSeconds(2), "payment_intent.succeeded");
			assertThat(confirmed(late, "pm_card_visa").get("status").asString()).isEqualTo("succeeded");
			assertThat(status(second)).isEqualTo("requires_payment_method");
			awaitStatus(second, "succeeded");

			// the first delivery is lost, Stripe retries
			var lost = booking();
			var third = paymentId(intent(lost));
			sim.webhooks().dropNextThenRetry("payment_intent.succeeded");
			confirmed(lost, "pm_card_visa");
			awaitStatus(third, "succeeded");

			awaitWebhooksSettled();
			awaitOutboxDrained();
			for (var payment : new UUID[] { first, second, third }) {
				assertThat(topic.settled(payment, "PaymentSucceeded")).as(payment.toString()).hasSize(1);
			}
			assertThat(topic.settled(first, "PaymentFailed")).as("the stale failure came after the success").isEmpty();
		}
	}

	@Test
	void aBadOrMissingSignatureIs400AndChangesNothing() throws Exception {
		var booking = booking();
		var intent = intent(booking).get("paymentIntentId").asString();
		var payload = """
				{"id":"evt_test_%s","object":"event","api_version":"2026-07-29.dahlia","created":%d,"type":"payment_intent.succeeded",
				"data":{"object":{"id":"%s","object":"payment_intent","status":"succeeded","amount":25000}}}"""
			.formatted(UUID.randomUUID().toString().replace("-", ""), Instant.now().getEpochSecond(), intent);
		long events = count("stripe_webhook_event");
		long publications = count("event_publication");

		assertProblem(webhook(payload, null), 400, "INVALID_SIGNATURE");
		assertProblem(webhook(payload, "t=" + Instant.now().getEpochSecond() + ",v1=" + "00".repeat(32)), 400,
				"INVALID_SIGNATURE");
		assertProblem(webhook(payload, sign(payload, "whsec_someone_else", Instant.now())), 400, "INVALID_SIGNATURE");
		assertProblem(webhook(payload, sign(payload, WEBHOOK_SECRET, Instant.now().minusSeconds(600))), 400,
				"INVALID_SIGNATURE");
		assertProblem(webhook(payload.replace("25000", "1"), sign(payload, WEBHOOK_SECRET, Instant.now())), 400,
				"INVALID_SIGNATURE");
		assertThat(count("stripe_webhook_event")).isEqualTo(events);
		assertThat(count("event_publication")).isEqualTo(publications);
		assertThat(status(paymentId(intent(booking)))).as("a forged success moves nothing")
			.isEqualTo("requires_payment_method");

		// correctly signed: acted on Stripe's current state (still unpaid), stored once; again: a no-op
		var ok = webhook(payload, sign(payload, WEBHOOK_SECRET, Instant.now()));
		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
		assertThat(json.readTree(ok.body()).at("/data/duplicate").asBoolean()).isFalse();
		assertThat(status(paymentId(intent(booking)))).isEqualTo("requires_payment_method");
		var again = webhook(payload, sign(payload, WEBHOOK_SECRET, Instant.now()));
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(json.readTree(again.body()).at("/data/duplicate").asBoolean()).isTrue();
		assertThat(count("stripe_webhook_event")).isEqualTo(events + 1);

		// an event about an intent that is not ours: acknowledged
		var foreign = payload.replace(intent, "pi_not_ours").replace("evt_test_", "evt_other_");
		assertThat(webhook(foreign, sign(foreign, WEBHOOK_SECRET, Instant.now())).statusCode()).isEqualTo(200);
	}

	private java.net.http.HttpResponse<String> webhook(String payload, String signature) {
		return signature == null ? http.post("/v1/webhooks/stripe", payload, "application/json")
				: http.post("/v1/webhooks/stripe", payload, "application/json", "Stripe-Signature", signature);
	}

	private static String sign(String payload, String secret, Instant at) throws Exception {
		var mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		var t = at.getEpochSecond();
		return "t=" + t + ",v1="
				+ HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
	}

	private long count(String table) {
		return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

	private String intentOf(UUID payment) {
		return jdbc.sql("SELECT stripe_payment_intent_id FROM payment WHERE id = :id").param("id", payment)
			.query(String.class).single();
	}

	static JsonNode assertProblem(java.net.http.HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
		var body = json.readTree(response.body());
		assertThat(body.get("code").asString()).as(response.body()).isEqualTo(code);
		return body;
	}

	static {
		// keep awaitility's default poll modest: these tests wait on webhooks and Kafka
		org.awaitility.Awaitility.setDefaultPollInterval(100, TimeUnit.MILLISECONDS);
		await();
	}
}

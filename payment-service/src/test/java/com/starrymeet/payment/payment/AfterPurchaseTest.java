package com.starrymeet.payment.payment;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.BookingCanceled;
import com.starrymeet.common.events.contract.BookingCompleted;
import com.starrymeet.common.events.contract.BookingDisputeSettled;
import com.starrymeet.common.events.contract.BookingDisputed;
import com.starrymeet.common.events.contract.BookingExpired;
import com.starrymeet.common.events.contract.BookingMeeting;
import com.starrymeet.common.events.contract.BookingPrice;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import com.starrymeet.payment.PaymentTestSupport;
import com.starrymeet.payment.TopicReader;
import com.stripe.param.TransferListParams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import tools.jackson.databind.JsonNode;

import static com.starrymeet.payment.payment.PaymentFlowTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The money after the purchase, driven as booking-service drives it — booking events on Kafka — with Stripe played
 * by the simulator: refunds and credit by the cancellation's share, credit applied before the card (and paying
 * alone), credit given back when a hold expires, the celebrity's payout computed, held by a dispute, waiting for
 * onboarding and sent as one transfer, a chargeback reversing it, an admin's refund, finance and its exports. Webhooks
 * for transfers, disputes and accounts are duplicated and reordered and the end state is the same. After each test
 * the books are reconciled in SQL: for every payout, transfer + fee + card refunds + credit returned = paid, matching
 * the payment's refunds and the ledger's returns; credit balances ≥ 0 and equal to the ledger's sums.
 */
class AfterPurchaseTest extends PaymentTestSupport {

	private static final String ADMIN = TestTokens.token(UUID.randomUUID().toString(), "ADMIN");

	@AfterEach
	void theBooksBalance() {
		await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
			assertThat(jdbc.sql("""
					SELECT count(*) FROM payout o JOIN payment p ON p.booking_id = o.booking_id
					WHERE o.status <> 'canceled' AND (
					    o.paid_cents <> p.captured_cents + p.credit_applied_cents
					 OR o.card_refunded_cents <> p.refunded_cents
					 OR o.credit_returned_cents <> (SELECT coalesce(sum(c.amount_cents), 0) FROM credit_entry c
					                                WHERE c.booking_id = o.booking_id AND c.kind = 'RETURN')
					 OR o.amount_cents + o.fee_cents + o.card_refunded_cents + o.credit_returned_cents <> o.paid_cents
					 OR (o.status IN ('sent', 'reversed') AND o.stripe_transfer_id IS NULL))""")
				.query(Long.class)
				.single()).as("transfer + fee + card refunds + credit returned = paid, for every payout").isZero();
			assertThat(jdbc.sql("""
					SELECT count(*) FROM credit_balance b
					WHERE b.balance_cents < 0
					   OR b.balance_cents <> (SELECT coalesce(sum(e.amount_cents), 0) FROM credit_entry e WHERE e.user_id = b.user_id)
					   OR b.last_seq <> (SELECT count(*) FROM credit_entry e WHERE e.user_id = b.user_id)
					   OR b.balance_cents <> coalesce((SELECT e.balance_after FROM credit_entry e WHERE e.user_id = b.user_id
					                                   ORDER BY e.seq DESC LIMIT 1), 0)""")
				.query(Long.class)
				.single()).as("credit balances >= 0 and equal to the ledger").isZero();
			assertThat(jdbc.sql("""
					SELECT count(*) FROM payment p
					WHERE p.refunded_cents > p.captured_cents
					   OR p.refunded_cents <> (SELECT coalesce(sum(r.amount_cents), 0) FROM refund r
					                           WHERE r.payment_id = p.id AND r.status IN ('pending', 'succeeded'))""")
				.query(Long.class)
				.single()).as("refunds <= captured, each counted once").isZero();
		});
	}

	// ---------------------------------------------------------------- cancellations and credit

	@Test
	void aCelebrityCancellationRefundsEverythingGrantsCreditWhichPaysPartOfTheNextBooking() throws Exception {
		var celebrity = UUID.randomUUID();
		var first = booking(25_000);
		var firstPayment = paidByCard(first);
		try (var topic = new TopicReader(Topics.PAYMENT)) {
			var canceled = canceled(first, meeting(first, celebrity, Instant.now().plus(10, ChronoUnit.DAYS)),
					"CELEBRITY", "CELEBRITY_REQUEST", 100, 2_500, firstPayment);
			publishBookingEvent(first.id(), 3, canceled);
			publishBookingEvent(first.id(), 3, canceled); // the same decision again under another event id
			topic.await(firstPayment, "PaymentRefunded", 1);
			awaitWebhooksSettled();
			awaitOutboxDrained();
			assertThat(topic.settled(firstPayment, "PaymentRefunded")).hasSize(1);
			var granted = grantsOf(topic, first.fanId());
			assertThat(granted).hasSize(1);
			assertThat(granted.getFirst().at("/payload/amountCents").asLong()).isEqualTo(2_500);
			assertThat(granted.getFirst().at("/payload/reason").asString()).isEqualTo("CELEBRITY_CANCELLATION");
			assertThat(granted.getFirst().at("/payload/balanceCents").asLong()).isEqualTo(2_500);
		}
		assertThat(chargeOf(firstPayment).getAmountRefunded()).isEqualTo(25_000);
		assertThat(jdbc.sql("SELECT idempotency_key FROM refund WHERE payment_id = :p").param("p", firstPayment)
			.query(String.class).list()).containsExactly("refund-" + first.id() + "-canceled");
		assertThat(payoutCount(first.id())).as("nothing kept, nothing to pay").isZero();

		var credits = credits(first);
		assertThat(credits.at("/data/balanceCents").asLong()).isEqualTo(2_500);
		assertThat(credits.at("/data/entries/0/reason").asString()).isEqualTo("CELEBRITY_CANCELLATION");

		// the next booking: the credit first, the card for the rest
		var next = new Booking(UUID.randomUUID(), "BK-2026-900001", first.fanId(), UUID.randomUUID(), 10_000, "USD",
				Instant.now().plusSeconds(900));
		var intent = intent(next);
		assertThat(intent.get("creditAppliedCents").asLong()).isEqualTo(2_500);
		assertThat(intent.get("amountDueCents").asLong()).isEqualTo(7_500);
		assertThat(intent.get("amountCents").asLong()).isEqualTo(10_000);
		assertThat(stripe.v1().paymentIntents().retrieve(intent.get("paymentIntentId").asString()).getAmount())
			.isEqualTo(7_500);
		assertThat(intent(next).get("paymentIntentId").asString()).as("asked again: the same")
			.isEqualTo(intent.get("paymentIntentId").asString());
		try (var topic = new TopicReader(Topics.PAYMENT)) {
			confirmed(next, "pm_card_visa");
			awaitStatus(paymentId(intent), "succeeded");
			var succeeded = topic.await(paymentId(intent), "PaymentSucceeded", 1);
			assertThat(succeeded.getFirst().at("/payload/amountCents").asLong()).as("card + credit = the price")
				.isEqualTo(10_000);
		}
		assertThat(credits(first).at("/data/balanceCents").asLong()).isZero();
	}

	@Test
	void creditCoveringThePriceConfirmsWithoutACard() throws Exception {
		var booking = booking(4_000);
		grantGoodwill(booking.fanId(), 5_000);
		try (var topic = new TopicReader(Topics.PAYMENT)) {
			var intent = intent(booking);
			assertThat(intent.get("status").asString()).isEqualTo("succeeded");
			assertThat(intent.get("paymentIntentId").isNull()).isTrue();
			assertThat(intent.get("clientSecret").isNull()).isTrue();
			assertThat(intent.get("creditAppliedCents").asLong()).isEqualTo(4_000);
			assertThat(intent.get("amountDueCents").asLong()).isZero();
			assertThat(intent(booking).get("paymentId").asString()).as("asked again: the same payment")
				.isEqualTo(intent.get("paymentId").asString());
			var succeeded = topic.await(paymentId(intent), "PaymentSucceeded", 1);
			assertThat(succeeded.getFirst().at("/payload/amountCents").asLong()).isEqualTo(4_000);
			awaitOutboxDrained();
			assertThat(topic.settled(paymentId(intent), "PaymentSucceeded")).hasSize(1);

			// a fan cancellation at 50 %: half the credit back, the kept half split 85/15 after the meeting
			var celebrity = UUID.randomUUID();
			var meeting = meeting(booking, celebrity, Instant.now().minus(2, ChronoUnit.HOURS));
			publishBookingEvent(booking.id(), 3,
					canceled(booking, meeting, "FAN", "FAN_REQUEST", 50, 0, paymentId(intent)));
			await().atMost(30, TimeUnit.SECONDS).until(() -> payoutCount(booking.id()) == 1);
		}
		await().atMost(30, TimeUnit.SECONDS).until(() -> "waiting_account".equals(payout(booking.id()).get("status")));
		assertThat(credits(booking).at("/data/balanceCents").asLong()).isEqualTo(1_000 + 2_000);
		var payout = payout(booking.id());
		assertThat(payout.get("credit_returned_cents")).isEqualTo(2_000L);
		assertThat(payout.get("fee_cents")).isEqualTo(300L);
		assertThat(payout.get("amount_cents")).isEqualTo(1_700L);
		assertThat(payout.get("status")).as("no connected account").isEqualTo("waiting_account");
	}

	@Test
	void anExpiredHoldGivesTheReservedCreditBack() throws Exception {
		var booking = booking(10_000);
		grantGoodwill(booking.fanId(), 3_000);
		var intent = intent(booking);
		assertThat(intent.get("amountDueCents").asLong()).isEqualTo(7_000);
		assertThat(credits(booking).at("/data/balanceCents").asLong()).isZero();
		try (var topic = new TopicReader(Topics.PAYMENT)) {
			publishBookingEvent(booking.id(), 2, new BookingExpired(booking.id(), booking.number(), booking.fanId(), null,
					booking.holdExpiresAt(), Instant.now()));
			awaitStatus(paymentId(intent), "canceled");
			await().atMost(30, TimeUnit.SECONDS)
				.until(() -> grantsOf(topic, booking.fanId()).stream()
					.anyMatch(e -> "HOLD_EXPIRED_RETURN".equals(e.at("/payload/reason").asString())));
		}
		awaitWebhooksSettled();
		assertThat(credits(booking).at("/data/balanceCents").asLong()).isEqualTo(3_000);
		assertThat(jdbc.sql("SELECT count(*) FROM credit_entry WHERE booking_id = :b AND kind = 'RETURN'")
			.param("b", booking.id()).query(Long.class).single()).as("given back once").isEqualTo(1);
	}

	@Test
	void concurrentBookingsNeverSpendMoreCreditThanThereIs() throws Exception {
		var fan = UUID.randomUUID();
		grantGoodwill(fan, 5_000);
		var bookings = new ArrayList<Booking>();
		for (int i = 0; i < 8; i++) {
			bookings.add(new Booking(UUID.randomUUID(), "BK-2026-8" + String.format("%05d", i), fan, UUID.randomUUID(),
					2_000, "USD", Instant.now().plusSeconds(900)));
		}
		var pool = Executors.newFixedThreadPool(8);
		try {
			var calls = new ArrayList<Callable<java.net.http.HttpResponse<String>>>();
			for (var b : bookings) {
				calls.add(() -> askIntent(b));
			}
			for (var f : pool.invokeAll(calls)) {
				assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(200);
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(jdbc.sql("SELECT -sum(amount_cents) FROM credit_entry WHERE user_id = :u AND kind = 'USE'")
			.param("u", fan).query(Long.class).single()).isEqualTo(5_000);
		assertThat(jdbc.sql("SELECT balance_cents FROM credit_balance WHERE user_id = :u").param("u", fan)
			.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("""
				SELECT sum(credit_applied_cents) FROM payment WHERE fan_id = :u""").param("u", fan).query(Long.class)
			.single()).as("the credit applied is the credit used").isEqualTo(5_000);
	}

	// ---------------------------------------------------------------- payouts

	@Test
	void aLateCancellationsKeptShareWaitsForOnboardingAndIsSentWhenPayoutsAreEnabled() throws Exception {
		var celebrity = UUID.randomUUID();
		var booking = booking(20_001);
		grantGoodwill(booking.fanId(), 5_000);
		var intent = intent(booking);
		assertThat(intent.get("amountDueCents").asLong()).isEqualTo(15_001);
		var payment = paymentId(intent);
		confirmed(booking, "pm_card_visa");
		awaitStatus(payment, "succeeded");
		var meeting = meeting(booking, celebrity, Instant.now().minus(3, ChronoUnit.HOURS));
		publishBookingEvent(booking.id(), 3, canceled(booking, meeting, "FAN", "FAN_REQUEST", 50, 0, payment));
		await().atMost(30, TimeUnit.SECONDS).until(() -> "waiting_account".equals(payout(booking.id()).get("status")));
		// card: round_half_up(15001 / 2) = 7501 back; credit: 2500 back; kept 10000: fee 1500, payout 8500
		await().atMost(30, TimeUnit.SECONDS).until(() -> chargeOf(payment).getAmountRefunded() == 7_501);
		var payout = payout(booking.id());
		assertThat(payout.get("card_refunded_cents")).isEqualTo(7_501L);
		assertThat(payout.get("credit_returned_cents")).isEqualTo(2_500L);
		assertThat(payout.get("fee_cents")).isEqualTo(1_500L);
		assertThat(payout.get("amount_cents")).isEqualTo(8_500L);
		var earnings = earnings(celebrity);
		assertThat(earnings.at("/data/bookings/0/status").asString()).isEqualTo("waiting_account");
		assertThat(earnings.at("/data/months/0/pendingCents").asLong()).isEqualTo(8_500);

		try (var topic = new TopicReader(Topics.PAYMENT)) {
			sim.webhooks().duplicateNext(3);
			var account = onboard(celebrity);
			await().atMost(30, TimeUnit.SECONDS).until(() -> "sent".equals(payout(booking.id()).get("status")));
			awaitWebhooksSettled();
			awaitOutboxDrained();
			var released = topic.settled(payout(booking.id()).get("id"), "PayoutReleased");
			assertThat(released).hasSize(1);
			assertThat(released.getFirst().at("/payload/amountCents").asLong()).isEqualTo(8_500);
			assertThat(released.getFirst().at("/payload/destinationAccount").asString()).isEqualTo(account);
		}
		var transfers = transfersOf(booking.id());
		assertThat(transfers).hasSize(1);
		assertThat(transfers.getFirst().getAmount()).isEqualTo(8_500);
		assertThat(transfers.getFirst().getSourceTransaction()).as("more than the charge still holds: not tied")
			.isNull();
		assertThat(earnings(celebrity).at("/data/bookings/0/status").asString()).isEqualTo("sent");
		assertThat(earnings(celebrity).at("/data/months/0/paidCents").asLong()).isEqualTo(8_500);
	}

	@Test
	void aCompletedMeetingPaysOnceEvenWhenStripeFailsFirstAndAChargebackReversesItWithWebhooksDuplicatedAndReordered() throws Exception {
		var celebrity = UUID.randomUUID();
		var account = onboard(celebrity);
		var booking = booking(25_000);
		var payment = paidByCard(booking);
		var meeting = meeting(booking, celebrity, Instant.now().minus(3, ChronoUnit.DAYS));
		var completed = new BookingCompleted(booking.id(), booking.number(), booking.fanId(), meeting,
				price(booking), "CHECK_IN", true, payment, Instant.now(), Instant.now().minusSeconds(1));
		awaitWebhooksSettled();
		try (var topic = new TopicReader(Topics.PAYMENT)) {
			// the first transfer call fails (Stripe 503): the next run sends it again with the same key; its
			// transfer.created comes late and four times
			sim.failNextApiCall(503);
			sim.webhooks().delayNext(java.time.Duration.ofSeconds(1));
			sim.webhooks().duplicateNext(4);
			publishBookingEvent(booking.id(), 3, completed);
			publishBookingEvent(booking.id(), 3, completed);
			await().atMost(30, TimeUnit.SECONDS).until(() -> "sent".equals(payout(booking.id()).get("status")));
			awaitWebhooksSettled();
			awaitOutboxDrained();
			assertThat(topic.settled(payout(booking.id()).get("id"), "PayoutReleased")).hasSize(1);
		}
		var transfers = transfersOf(booking.id());
		assertThat(transfers).hasSize(1);
		assertThat(transfers.getFirst().getAmount()).isEqualTo(21_250);
		assertThat(transfers.getFirst().getDestination()).isEqualTo(account);
		assertThat(transfers.getFirst().getSourceTransaction()).isEqualTo(chargeOf(payment).getId());
		assertThat(payout(booking.id()).get("fee_cents")).isEqualTo(3_750L);

		// a chargeback: created and closed delivered in reverse order, each three times
		try (var topic = new TopicReader(Topics.PAYMENT)) {
			sim.webhooks().reorderNext(2);
			var dispute = sim.openDispute(chargeOf(payment).getId(), "fraudulent");
			sim.closeDispute(dispute, false);
			sim.webhooks().duplicateNext(3);
			sim.webhooks().resume();
			await().atMost(30, TimeUnit.SECONDS).until(() -> "reversed".equals(payout(booking.id()).get("status")));
			awaitWebhooksSettled();
			awaitOutboxDrained();
			var opened = topic.settled(payment, "DisputeOpened");
			assertThat(opened).hasSize(1);
			assertThat(opened.getFirst().at("/payload/stripeDisputeId").asString()).isEqualTo(dispute);
			assertThat(opened.getFirst().at("/payload/reason").asString()).isEqualTo("fraudulent");
			assertThat(jdbc.sql("SELECT status FROM chargeback WHERE stripe_dispute_id = :d").param("d", dispute)
				.query(String.class).single()).isEqualTo("lost");
		}
		var reversed = stripe.v1().transfers().retrieve(transfers.getFirst().getId());
		assertThat(reversed.getAmountReversed()).isEqualTo(21_250);
		assertThat(payout(booking.id()).get("reversed_cents")).isEqualTo(21_250L);
		assertThat(earnings(celebrity).at("/data/bookings/0/status").asString()).isEqualTo("reversed");
		assertThat(earnings(celebrity).at("/data/bookings/0/amountCents").asLong()).isZero();
	}

	@Test
	void aDisputeHoldsThePayoutUntilSettledWithAPartialRefund() throws Exception {
		var celebrity = UUID.randomUUID();
		onboard(celebrity);
		var booking = booking(25_000);
		var payment = paidByCard(booking);
		var meeting = meeting(booking, celebrity, Instant.now().minus(3, ChronoUnit.DAYS));
		// eligible in a few seconds (in life: 48 h after the end, the window in which the fan disputes)
		publishBookingEvent(booking.id(), 3, new BookingCompleted(booking.id(), booking.number(), booking.fanId(),
				meeting, price(booking), "CELEBRITY", false, payment, Instant.now(), Instant.now().plusSeconds(3)));
		publishBookingEvent(booking.id(), 4, new BookingDisputed(booking.id(), booking.number(), booking.fanId(),
				meeting, "FAN", "NOT_AS_DESCRIBED", "It lasted ten minutes", Instant.now()));
		await().atMost(30, TimeUnit.SECONDS).until(() -> payoutCount(booking.id()) == 1);
		// the job runs every second; eligible but held: never sent
		await().pollDelay(5, TimeUnit.SECONDS).atMost(10, TimeUnit.SECONDS)
			.until(() -> "pending".equals(payout(booking.id()).get("status")));
		assertThat(earnings(celebrity).at("/data/bookings/0/status").asString()).isEqualTo("held");
		assertThat(transfersOf(booking.id())).isEmpty();

		publishBookingEvent(booking.id(), 5, new BookingDisputeSettled(booking.id(), booking.number(),
				booking.fanId(), meeting, price(booking), 5_000, true, "COMPLETED", UUID.randomUUID(), "half an hour short",
				Instant.now()));
		await().atMost(30, TimeUnit.SECONDS).until(() -> "sent".equals(payout(booking.id()).get("status")));
		await().atMost(30, TimeUnit.SECONDS).until(() -> chargeOf(payment).getAmountRefunded() == 5_000);
		// kept 20000: fee 3000, payout 17000
		assertThat(payout(booking.id()).get("amount_cents")).isEqualTo(17_000L);
		assertThat(transfersOf(booking.id()).getFirst().getAmount()).isEqualTo(17_000);
	}

	@Test
	void connectOnboardingCreatesOneAccountAndAccountUpdatesInAnyOrderEndTheSame() throws Exception {
		var celebrity = UUID.randomUUID();
		var token = TestTokens.token(celebrity.toString(), "CELEBRITY");
		var notOnboarded = json.readTree(http.get("/v1/payments/connect", "Authorization", TestHttp.bearer(token)).body());
		assertThat(notOnboarded.at("/data/onboarded").asBoolean()).isFalse();
		var pool = Executors.newFixedThreadPool(4);
		try {
			var calls = new ArrayList<Callable<java.net.http.HttpResponse<String>>>();
			for (int i = 0; i < 4; i++) {
				calls.add(() -> http.post("/v1/payments/connect/onboarding", "", "application/json", "Authorization",
						TestHttp.bearer(token)));
			}
			for (var f : pool.invokeAll(calls)) {
				assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(200);
				assertThat(json.readTree(f.get().body()).at("/data/url").asString()).contains("/_sim/connect/");
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(jdbc.sql("SELECT count(*) FROM connect_account WHERE celebrity_user_id = :u").param("u", celebrity)
			.query(Long.class).single()).isEqualTo(1);
		var account = jdbc.sql("SELECT stripe_account_id FROM connect_account WHERE celebrity_user_id = :u")
			.param("u", celebrity).query(String.class).single();
		assertThat(stripe.v1().accounts().retrieve(account).getSettings().getPayouts().getSchedule().getInterval())
			.isEqualTo("weekly");
		sim.webhooks().delayNext(java.time.Duration.ofSeconds(1));
		sim.webhooks().duplicateNext(3);
		sim.completeOnboarding(account);
		await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
			var state = json.readTree(http.get("/v1/payments/connect", "Authorization", TestHttp.bearer(token)).body());
			assertThat(state.at("/data/payoutsEnabled").asBoolean()).isTrue();
			assertThat(state.at("/data/chargesEnabled").asBoolean()).isTrue();
			assertThat(state.at("/data/detailsSubmitted").asBoolean()).isTrue();
		});
		awaitWebhooksSettled();
		assertThat(jdbc.sql("SELECT count(*) FROM stripe_webhook_event WHERE type = 'account.updated' AND object_id = :a")
			.param("a", account).query(Long.class).single()).as("each event id once").isEqualTo(1);
		// roles
		assertProblem(http.post("/v1/payments/connect/onboarding", "", "application/json", "Authorization",
				TestHttp.bearer(TestTokens.token(UUID.randomUUID().toString(), "USER"))), 403, "FORBIDDEN");
		assertProblem(http.get("/v1/celebrities/me/earnings"), 401, "UNAUTHORIZED");
	}

	// ---------------------------------------------------------------- admin

	@Test
	void anAdminRefundsUpToWhatRemainsAuditedAndFinanceAddsUp() throws Exception {
		var booking = booking(12_000);
		var payment = paidByCard(booking);
		var adminHeaders = new String[] { "Authorization", TestHttp.bearer(ADMIN) };
		assertProblem(http.post("/v1/payments/" + payment + "/refund", "{\"amountCents\":12001,\"reason\":\"too much\"}",
				"application/json", adminHeaders), 409, "REFUND_EXCEEDS_REMAINING");
		assertProblem(http.post("/v1/payments/" + payment + "/refund", "{\"amountCents\":100,\"reason\":\"x\"}",
				"application/json", "Authorization", TestHttp.bearer(booking.token())), 403, "FORBIDDEN");
		assertProblem(http.post("/v1/payments/" + payment + "/refund", "{\"amountCents\":0}", "application/json",
				adminHeaders), 400, "VALIDATION_FAILED");
		assertProblem(http.post("/v1/payments/" + UUID.randomUUID() + "/refund",
				"{\"amountCents\":100,\"reason\":\"x\"}", "application/json", adminHeaders), 404, "NOT_FOUND");
		var refund = http.post("/v1/payments/" + payment + "/refund",
				"{\"amountCents\":2000,\"reason\":\"The meeting started late\"}", "application/json", adminHeaders);
		assertThat(refund.statusCode()).as(refund.body()).isEqualTo(201);
		var second = http.post("/v1/admin/payments/" + payment + "/refund",
				"{\"amountCents\":10000,\"reason\":\"Everything else\"}", "application/json", adminHeaders);
		assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
		assertProblem(http.post("/v1/payments/" + payment + "/refund", "{\"amountCents\":1,\"reason\":\"more\"}",
				"application/json", adminHeaders), 409, "REFUND_EXCEEDS_REMAINING");
		await().atMost(30, TimeUnit.SECONDS).until(() -> chargeOf(payment).getAmountRefunded() == 12_000);
		assertThat(chargeOf(payment).getRefunds().getData()).hasSize(2);

		var audit = json.readTree(http.get("/v1/admin/payments/audit?limit=100", adminHeaders).body());
		assertThat(audit.at("/data").valueStream().filter(e -> e.get("targetId").asString().equals(payment.toString())))
			.anySatisfy(e -> {
				assertThat(e.get("action").asString()).isEqualTo("PAYMENT_REFUND");
				assertThat(e.get("reason").asString()).isEqualTo("The meeting started late");
			});

		var desk = json.readTree(http.get("/internal/payments/by-booking/" + booking.id()).body());
		assertThat(desk.at("/data/payment/id").asString()).isEqualTo(payment.toString());
		assertThat(desk.at("/data/refunds").size()).isEqualTo(2);
		assertThat(desk.at("/data/payout").isNull()).isTrue();
		var nothing = json.readTree(http.get("/internal/payments/by-booking/" + UUID.randomUUID()).body());
		assertThat(nothing.at("/data/payment").isNull()).isTrue();
		assertThat(nothing.at("/data/refunds").size()).isZero();

		var from = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);
		var to = Instant.now().plus(1, ChronoUnit.DAYS);
		var finance = json.readTree(http.get("/v1/admin/payments/finance?granularity=month&from=" + from + "&to=" + to,
				adminHeaders).body());
		long gross = 0;
		long refunds = 0;
		for (var period : finance.get("data")) {
			gross += period.get("grossCents").asLong();
			refunds += period.get("refundsCents").asLong();
		}
		assertThat(gross).isEqualTo(jdbc.sql("""
				SELECT sum(captured_cents + credit_applied_cents) FROM payment
				WHERE status = 'succeeded' AND succeeded_at >= :from AND succeeded_at < :to""")
			.param("from", java.sql.Timestamp.from(from)).param("to", java.sql.Timestamp.from(to)).query(Long.class)
			.single());
		assertThat(refunds).isGreaterThanOrEqualTo(12_000);
		assertProblem(http.get("/v1/admin/payments/finance?granularity=year", adminHeaders), 400, "VALIDATION_FAILED");
		assertProblem(http.get("/v1/admin/payments/finance", "Authorization", TestHttp.bearer(booking.token())), 403,
				"FORBIDDEN");
		var csv = http.get("/v1/admin/payments/finance.csv?granularity=day", adminHeaders);
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
		assertThat(csv.body()).startsWith("period,gross_cents,");
		var payouts = http.get("/v1/admin/payments/payouts.csv", adminHeaders);
		assertThat(payouts.statusCode()).isEqualTo(200);
		assertThat(payouts.body()).startsWith("payout_id,booking_id,");
	}

	@Test
	void moneyInvariantsAreConstraints() {
		var fan = UUID.randomUUID();
		grantGoodwill(fan, 1_000);
		assertThatThrownBy(() -> jdbc.sql("UPDATE credit_balance SET balance_cents = -1 WHERE user_id = :u")
			.param("u", fan).update()).isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> jdbc.sql("UPDATE credit_entry SET amount_cents = 5 WHERE user_id = :u")
			.param("u", fan).update()).as("append only").isInstanceOf(org.springframework.dao.DataAccessException.class);
		assertThatThrownBy(() -> jdbc.sql("""
				INSERT INTO credit_entry (id, user_id, seq, kind, reason, amount_cents, balance_after, idempotency_key)
				VALUES (:id, :u, 99, 'USE', 'TEST', -2000, -1000, :k)""").param("id", UUID.randomUUID()).param("u", fan)
			.param("k", UUID.randomUUID().toString()).update()).isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> jdbc.sql("""
				INSERT INTO credit_entry (id, user_id, seq, kind, reason, amount_cents, balance_after, idempotency_key)
				VALUES (:id, :u, 1, 'GRANT', 'TEST', 10, 1010, :k)""").param("id", UUID.randomUUID()).param("u", fan)
			.param("k", UUID.randomUUID().toString()).update()).as("one sequence per user")
			.isInstanceOf(DataIntegrityViolationException.class);
		var booking = UUID.randomUUID();
		insertPayout(booking, 1_000, 150, 0);
		assertThatThrownBy(() -> insertPayout(booking, 1_000, 150, 0)).as("one payout per booking")
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> insertPayout(UUID.randomUUID(), 100, 150, 0)).as("payout amount >= 0")
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> jdbc.sql("UPDATE payout SET reversed_cents = amount_cents + 1 WHERE booking_id = :b")
			.param("b", booking).update()).as("reversed <= transferred").isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> jdbc.sql("UPDATE payout SET fee_cents = fee_cents + 1 WHERE booking_id = :b")
			.param("b", booking).update()).as("amount + fee + refunds + credit returned = paid")
			.isInstanceOf(DataIntegrityViolationException.class);
		jdbc.sql("DELETE FROM payout WHERE booking_id = :b").param("b", booking).update();
	}

	// ---------------------------------------------------------------- helpers

	private void insertPayout(UUID booking, long paid, long fee, long refunded) {
		jdbc.sql("""
				INSERT INTO payout (id, booking_id, booking_number, celebrity_id, meeting_date, meeting_starts_at, currency,
				    paid_cents, card_refunded_cents, credit_returned_cents, fee_cents, amount_cents, basis, status, eligible_at)
				VALUES (:id, :b, 'BK-TEST', :c, current_date, now(), 'USD', :paid, :refunded, 0, :fee,
				    :paid - :fee - :refunded, 'COMPLETED', 'canceled', now())""")
			.param("id", UUID.randomUUID())
			.param("b", booking)
			.param("c", UUID.randomUUID())
			.param("paid", paid)
			.param("fee", fee)
			.param("refunded", refunded)
			.update();
	}

	private UUID paidByCard(Booking booking) {
		var payment = paymentId(intent(booking));
		confirmed(booking, "pm_card_visa");
		awaitStatus(payment, "succeeded");
		return payment;
	}

	private static BookingMeeting meeting(Booking booking, UUID celebrityUserId, Instant startsAt) {
		var start = startsAt.truncatedTo(ChronoUnit.MINUTES);
		return new BookingMeeting(booking.celebrityId(), celebrityUserId, "Emma Watson", UUID.randomUUID(),
				"Standard Meet", 30, UUID.randomUUID(), start.atZone(ZoneOffset.UTC).toLocalDate(),
				LocalTime.from(start.atZone(ZoneOffset.UTC)), "Europe/London", start, start.plus(30, ChronoUnit.MINUTES),
				"London", "GB");
	}

	private static BookingPrice price(Booking booking) {
		long fee = (booking.amountCents() * 15 + 50) / 100;
		return new BookingPrice(booking.amountCents(), booking.currency(), fee, booking.amountCents() - fee);
	}

	private static BookingCanceled canceled(Booking booking, BookingMeeting meeting, String by, String reason,
			int percent, long grant, UUID paymentId) {
		return new BookingCanceled(booking.id(), booking.number(), booking.fanId(), meeting, price(booking), by,
				UUID.randomUUID(), reason, null, percent, grant, paymentId, Instant.now());
	}

	private void grantGoodwill(UUID fan, long cents) {
		var response = http.post("/v1/admin/payments/credits",
				"{\"userId\":\"" + fan + "\",\"amountCents\":" + cents + ",\"reason\":\"goodwill in a test\"}",
				"application/json", "Authorization", TestHttp.bearer(ADMIN));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private JsonNode credits(Booking booking) {
		var response = http.get("/v1/payments/credits", "Authorization", TestHttp.bearer(booking.token()));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private JsonNode earnings(UUID celebrity) {
		var response = http.get("/v1/celebrities/me/earnings", "Authorization",
				TestHttp.bearer(TestTokens.token(celebrity.toString(), "CELEBRITY")));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	/** Onboards the celebrity's connected account through the API and the simulator; its id. */
	private String onboard(UUID celebrity) {
		var token = TestHttp.bearer(TestTokens.token(celebrity.toString(), "CELEBRITY"));
		var response = http.post("/v1/payments/connect/onboarding", "", "application/json", "Authorization", token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		var account = json.readTree(http.get("/v1/payments/connect", "Authorization", token).body())
			.at("/data/accountId")
			.asString();
		sim.completeOnboarding(account);
		await().atMost(30, TimeUnit.SECONDS)
			.until(() -> json.readTree(http.get("/v1/payments/connect", "Authorization", token).body())
				.at("/data/payoutsEnabled")
				.asBoolean());
		return account;
	}

	private long payoutCount(UUID booking) {
		return jdbc.sql("SELECT count(*) FROM payout WHERE booking_id = :b").param("b", booking).query(Long.class)
			.single();
	}

	private java.util.Map<String, Object> payout(UUID booking) {
		return jdbc.sql("SELECT * FROM payout WHERE booking_id = :b").param("b", booking).query().singleRow();
	}

	private static com.stripe.model.Charge chargeOf(UUID payment) throws Exception {
		return stripe.v1().charges().retrieve(stripe.v1().paymentIntents().retrieve(intentOf(payment)).getLatestCharge());
	}

	private static String intentOf(UUID payment) {
		return intentIds.computeIfAbsent(payment, p -> {
			throw new IllegalStateException("unknown payment");
		});
	}

	private static final java.util.Map<UUID, String> intentIds = new java.util.concurrent.ConcurrentHashMap<>();

	@Override
	protected JsonNode intent(Booking booking) {
		var data = super.intent(booking);
		if (!data.get("paymentIntentId").isNull()) {
			intentIds.put(paymentId(data), data.get("paymentIntentId").asString());
		}
		return data;
	}

	private static List<com.stripe.model.Transfer> transfersOf(UUID booking) throws Exception {
		return stripe.v1()
			.transfers()
			.list(TransferListParams.builder().setTransferGroup(booking.toString()).build())
			.getData();
	}

	private static List<JsonNode> grantsOf(TopicReader topic, UUID fan) {
		return topic.poll()
			.stream()
			.map(r -> json.readTree(r.value()))
			.filter(e -> "CreditGranted".equals(e.get("type").asString()))
			.filter(e -> fan.toString().equals(e.at("/payload/userId").asString()))
			.toList();
	}
}

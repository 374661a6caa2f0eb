package com.starrymeet.stripesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeObject;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery as payment-service will see it: every request verified with stripe-java's
 * {@code Webhook.constructEvent} and deserialized to its stripe-java object; the faults behave as told.
 */
class WebhookDeliveryTest {

    static final String KEY = "sk_test_sim_webhooks";
    static final String SECRET = "whsec_test_webhooks_secret";
    static final Duration WAIT = Duration.ofSeconds(20);

    StripeSimulator sim;
    WebhookReceiver receiver;
    StripeClient stripe;

    @BeforeEach
    void start() throws Exception {
        Stripe.enableTelemetry = false;
        receiver = new WebhookReceiver(SECRET);
        sim = StripeSimulator.start(new StripeSimulator.Settings(0, KEY, SECRET, List.of(receiver.uri()))
                .withRetries(Duration.ofMillis(100), Duration.ofMillis(400), 4));
        stripe = StripeClient.builder().setApiKey(KEY).setApiBase(sim.baseUrl()).setMaxNetworkRetries(0).build();
    }

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    PaymentIntent newIntent(long amount) throws Exception {
        return stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(amount).setCurrency("usd").addPaymentMethodType("card")
                .putMetadata("booking_id", "b-" + amount).build());
    }

    PaymentIntent confirm(String id, String pm) throws Exception {
        return stripe.v1().paymentIntents().confirm(id, PaymentIntentConfirmParams.builder().setPaymentMethod(pm).build());
    }

    static <T> T object(Event event, Class<T> type) {
        StripeObject o = event.getDataObjectDeserializer().getObject().orElseThrow(
                () -> new AssertionError("event " + event.getId() + " did not deserialize (api_version " + event.getApiVersion() + ")"));
        assertThat(o).isInstanceOf(type);
        return type.cast(o);
    }

    @Test
    void every_event_is_signed_verifiable_and_carries_the_object_as_it_was_then() throws Exception {
        PaymentIntent intent = newIntent(25_000);
        assertThatThrownBy(() -> confirm(intent.getId(), "pm_card_chargeDeclined")).isInstanceOf(CardException.class);
        PaymentIntent paid = stripe.v1().paymentIntents().confirm(intent.getId(),
                PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_visa").build(),
                RequestOptions.builder().setIdempotencyKey("confirm-1").build());
        stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intent.getId()).setAmount(5_000L).build());
        PaymentIntent threeDs = newIntent(9_000);
        confirm(threeDs.getId(), "pm_card_threeDSecure2Required");
        PaymentIntent abandoned = newIntent(1_000);
        stripe.v1().paymentIntents().cancel(abandoned.getId());

        List<String> types = List.of("payment_intent.payment_failed", "payment_intent.succeeded", "charge.succeeded",
                "charge.refunded", "refund.created", "payment_intent.requires_action", "payment_intent.canceled");
        await().atMost(WAIT).untilAsserted(() -> types.forEach(t -> assertThat(receiver.events(t)).as(t).hasSize(1)));
        assertThat(receiver.received()).hasSize(types.size()).allSatisfy(r -> {
            assertThat(r.verified()).as("verified: " + r.verificationFailure()).isTrue();
            assertThat(r.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
            assertThat(r.event().getApiVersion()).isEqualTo(Stripe.API_VERSION);
            assertThat(r.event().getLivemode()).isFalse();
            assertThat(r.event().getId()).startsWith("evt_");
            assertThat(r.event().getObject()).isEqualTo("event");
        });

        // the state at the time of the event, not now
        PaymentIntent failedState = object(receiver.events("payment_intent.payment_failed").getFirst(), PaymentIntent.class);
        assertThat(failedState.getStatus()).isEqualTo("requires_payment_method");
        assertThat(failedState.getLastPaymentError().getDeclineCode()).isEqualTo("generic_decline");
        assertThat(failedState.getMetadata()).containsEntry("booking_id", "b-25000");
        Event succeeded = receiver.events("payment_intent.succeeded").getFirst();
        assertThat(object(succeeded, PaymentIntent.class).getStatus()).isEqualTo("succeeded");
        assertThat(succeeded.getRequest().getIdempotencyKey()).isEqualTo("confirm-1");
        Charge charge = object(receiver.events("charge.succeeded").getFirst(), Charge.class);
        assertThat(charge.getId()).isEqualTo(paid.getLatestCharge());
        assertThat(charge.getAmountRefunded()).isZero();
        Charge refunded = object(receiver.events("charge.refunded").getFirst(), Charge.class);
        assertThat(refunded.getAmountRefunded()).isEqualTo(5_000L);
        assertThat(object(receiver.events("refund.created").getFirst(), Refund.class).getAmount()).isEqualTo(5_000L);
        PaymentIntent action = object(receiver.events("payment_intent.requires_action").getFirst(), PaymentIntent.class);
        assertThat(action.getNextAction().getRedirectToUrl().getUrl()).endsWith("/_sim/3ds/" + threeDs.getId());
        assertThat(object(receiver.events("payment_intent.canceled").getFirst(), PaymentIntent.class).getStatus())
                .isEqualTo("canceled");

        // the API serves the same events
        Event fetched = stripe.v1().events().retrieve(succeeded.getId());
        assertThat(fetched.getType()).isEqualTo("payment_intent.succeeded");

        // the log says where each went (it records an attempt once the answer is back)
        await().atMost(WAIT).until(() -> sim.deliveries().size() == types.size());
        assertThat(sim.deliveries())
                .allSatisfy(d -> {
                    assertThat(d.succeeded()).isTrue();
                    assertThat(d.statusCode()).isEqualTo(200);
                    assertThat(d.endpoint()).isEqualTo(receiver.uri());
                    assertThat(d.attempt()).isEqualTo(1);
                });
    }

    @Test
    void a_tampered_body_or_another_secret_fails_verification() throws Exception {
        stripe.v1().paymentIntents().cancel(newIntent(1_500).getId());
        await().atMost(WAIT).until(() -> receiver.events("payment_intent.canceled").size() == 1);
        WebhookReceiver.Received r = receiver.received().getFirst();
        assertThat(Webhook.constructEvent(r.body(), r.signature(), SECRET).getId()).isEqualTo(r.event().getId());

        String tampered = r.body().replace("\"amount\":1500", "\"amount\":1");
        assertThat(tampered).isNotEqualTo(r.body());
        assertThatThrownBy(() -> Webhook.constructEvent(tampered, r.signature(), SECRET))
                .isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> Webhook.constructEvent(r.body(), r.signature(), "whsec_someone_else"))
                .isInstanceOf(SignatureVerificationException.class);
        String stale = r.signature().replaceFirst("t=\\d+", "t=" + (Instant.now().getEpochSecond() - 3600));
        assertThatThrownBy(() -> Webhook.constructEvent(r.body(), stale, SECRET))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void duplicate_next_sends_the_next_event_n_times_each_verifiable() throws Exception {
        sim.webhooks().duplicateNext(3);
        PaymentIntent paid = confirm(newIntent(2_000).getId(), "pm_card_visa");

        await().atMost(WAIT).until(() -> receiver.events("payment_intent.succeeded").size() == 3
                && receiver.events("charge.succeeded").size() == 1);
        List<Event> copies = receiver.events("payment_intent.succeeded");
        assertThat(copies).extracting(Event::getId).containsOnly(copies.getFirst().getId());
        assertThat(copies).allSatisfy(e -> assertThat(object(e, PaymentIntent.class).getId()).isEqualTo(paid.getId()));
        await().atMost(WAIT).until(() -> sim.deliveries().size() == 4);
        assertThat(sim.deliveries()).filteredOn(d -> d.eventType().equals("payment_intent.succeeded"))
                .extracting(Delivery::copy).containsExactly(1, 2, 3);

        // by type: only the charge event is duplicated
        receiver.clear();
        sim.webhooks().duplicateNext(2, "charge.succeeded");
        confirm(newIntent(2_001).getId(), "pm_card_visa");
        await().atMost(WAIT).until(() -> receiver.events("charge.succeeded").size() == 2
                && receiver.events("payment_intent.succeeded").size() == 1);
    }

    @Test
    void delay_next_holds_the_next_event_while_later_ones_go_ahead() throws Exception {
        PaymentIntent first = newIntent(3_000);
        PaymentIntent second = newIntent(3_001);
        Duration delay = Duration.ofMillis(1_500);
        sim.webhooks().delayNext(delay);
        Instant before = Instant.now();
        stripe.v1().paymentIntents().cancel(first.getId());
        stripe.v1().paymentIntents().cancel(second.getId());

        await().atMost(WAIT).until(() -> receiver.events("payment_intent.canceled").size() == 2);
        List<Event> arrived = receiver.events("payment_intent.canceled");
        assertThat(arrived).extracting(e -> object(e, PaymentIntent.class).getId())
                .containsExactly(second.getId(), first.getId());
        Instant firstArrival = receiver.received().stream().filter(r -> r.event() == arrived.get(1)).findFirst()
                .orElseThrow().at();
        assertThat(Duration.between(before, firstArrival)).isGreaterThanOrEqualTo(delay);
    }

    @Test
    void reorder_next_buffers_n_events_and_delivers_them_in_reverse_order() throws Exception {
        List<PaymentIntent> intents = List.of(newIntent(4_000), newIntent(4_001), newIntent(4_002));
        sim.webhooks().reorderNext(3);
        stripe.v1().paymentIntents().cancel(intents.get(0).getId());
        stripe.v1().paymentIntents().cancel(intents.get(1).getId());
        assertThat(sim.deliveries()).as("the first two are held in the buffer").isEmpty();
        stripe.v1().paymentIntents().cancel(intents.get(2).getId());

        await().atMost(WAIT).until(() -> receiver.events("payment_intent.canceled").size() == 3);
        assertThat(receiver.events("payment_intent.canceled")).extracting(e -> object(e, PaymentIntent.class).getId())
                .containsExactly(intents.get(2).getId(), intents.get(1).getId(), intents.get(0).getId());
    }

    @Test
    void drop_next_then_retry_loses_the_first_attempt_and_delivers_the_retry() throws Exception {
        sim.webhooks().dropNextThenRetry();
        stripe.v1().paymentIntents().cancel(newIntent(5_000).getId());

        await().atMost(WAIT).until(() -> sim.deliveries().stream().anyMatch(Delivery::succeeded));
        List<Delivery> log = sim.deliveries();
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).satisfies(d -> {
            assertThat(d.attempt()).isEqualTo(1);
            assertThat(d.detail()).isEqualTo("dropped");
            assertThat(d.succeeded()).isFalse();
        });
        assertThat(log.get(1)).satisfies(d -> {
            assertThat(d.attempt()).isEqualTo(2);
            assertThat(d.succeeded()).isTrue();
            assertThat(d.eventId()).isEqualTo(log.get(0).eventId());
        });
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void an_endpoint_answering_500_gets_the_event_again_signed_afresh() throws Exception {
        receiver.answerNext(500, 503);
        stripe.v1().paymentIntents().cancel(newIntent(6_000).getId());

        await().atMost(WAIT).until(() -> sim.deliveries().stream().anyMatch(Delivery::succeeded));
        assertThat(sim.deliveries()).extracting(Delivery::attempt, Delivery::statusCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 500), org.assertj.core.groups.Tuple.tuple(2, 503),
                        org.assertj.core.groups.Tuple.tuple(3, 200));
        assertThat(receiver.received()).hasSize(3).allSatisfy(r -> assertThat(r.verified()).isTrue());
        assertThat(receiver.received()).extracting(r -> r.event().getId()).containsOnly(sim.deliveries().getFirst().eventId());
    }

    @Test
    void an_unreachable_endpoint_is_retried_a_bounded_number_of_times() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        URI dead = URI.create("http://127.0.0.1:" + closedPort + "/hook");
        sim.addWebhookEndpoint(dead);
        stripe.v1().paymentIntents().cancel(newIntent(7_000).getId());

        await().atMost(WAIT).until(() -> sim.deliveries().stream().filter(d -> d.endpoint().equals(dead)).count() == 4);
        assertThat(sim.deliveries()).filteredOn(d -> d.endpoint().equals(dead))
                .allSatisfy(d -> {
                    assertThat(d.succeeded()).isFalse();
                    assertThat(d.statusCode()).isZero();
                    assertThat(d.detail()).startsWith("connection failed");
                })
                .extracting(Delivery::attempt).containsExactly(1, 2, 3, 4);
        // the live endpoint got it once, whatever happened to the dead one
        await().atMost(WAIT).until(() -> receiver.events("payment_intent.canceled").size() == 1);
    }

    @Test
    void pause_holds_every_delivery_until_resume() throws Exception {
        sim.webhooks().pause();
        PaymentIntent a = newIntent(8_000);
        PaymentIntent b = newIntent(8_001);
        stripe.v1().paymentIntents().cancel(a.getId());
        stripe.v1().paymentIntents().cancel(b.getId());
        assertThat(sim.deliveries()).isEmpty();

        sim.webhooks().resume();
        await().atMost(WAIT).until(() -> receiver.events("payment_intent.canceled").size() == 2);
        assertThat(receiver.events("payment_intent.canceled")).extracting(e -> object(e, PaymentIntent.class).getId())
                .containsExactly(a.getId(), b.getId());
    }

    @Test
    void an_endpoint_added_after_start_receives_the_events_that_follow() throws Exception {
        try (WebhookReceiver late = new WebhookReceiver(SECRET)) {
            sim.addWebhookEndpoint(late.uri());
            assertThat(sim.webhookEndpoints()).containsExactly(receiver.uri(), late.uri());
            stripe.v1().paymentIntents().cancel(newIntent(9_000).getId());
            await().atMost(WAIT).until(() -> late.events("payment_intent.canceled").size() == 1
                    && receiver.events("payment_intent.canceled").size() == 1);
            assertThat(late.received().getFirst().event().getId())
                    .isEqualTo(receiver.received().getFirst().event().getId());
        }
    }
}

package com.starrymeet.stripesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many callers at once: one answer per idempotency key, one success per intent, never more refunded than captured. */
class ConcurrencyTest {

    static final String KEY = "sk_test_sim_concurrency";
    static StripeSimulator sim;
    static WebhookReceiver receiver;
    static StripeClient stripe;

    @BeforeAll
    static void start() throws Exception {
        Stripe.enableTelemetry = false;
        receiver = new WebhookReceiver("whsec_concurrency");
        sim = StripeSimulator.start(new StripeSimulator.Settings(0, KEY, "whsec_concurrency", List.of(receiver.uri())));
        stripe = StripeClient.builder().setApiKey(KEY).setApiBase(sim.baseUrl()).setMaxNetworkRetries(0).build();
    }

    @AfterAll
    static void stop() {
        sim.close();
        receiver.close();
    }

    /** Runs the task n times at once (released together) and returns each outcome: a value or the exception. */
    static <T> List<Object> together(int n, Callable<T> task) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    try {
                        return task.call();
                    } catch (Exception e) {
                        return e;
                    }
                }));
            }
            gate.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) out.add(f.get());
            return out;
        }
    }

    @Test
    void twenty_concurrent_creates_with_one_idempotency_key_make_one_intent() throws Exception {
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("intent-booking-concurrent").build();
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder().setAmount(25_000L).setCurrency("usd")
                .putMetadata("booking_id", "concurrent").build();
        List<Object> results = together(20, () -> stripe.v1().paymentIntents().create(params, key));
        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(PaymentIntent.class));
        assertThat(results).extracting(r -> ((PaymentIntent) r).getId()).containsOnly(((PaymentIntent) results.getFirst()).getId());
        assertThat(results).filteredOn(r -> ((PaymentIntent) r).getLastResponse().headers()
                .firstValue("Idempotent-Replayed").isEmpty()).hasSize(1);
    }

    @Test
    void concurrent_confirmations_of_one_intent_charge_it_once() throws Exception {
        PaymentIntent intent = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(12_000L)
                .setCurrency("usd").addPaymentMethodType("card").build());
        List<Object> results = together(10, () -> stripe.v1().paymentIntents().confirm(intent.getId(),
                PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_visa").build()));
        assertThat(results).filteredOn(PaymentIntent.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(r -> !(r instanceof PaymentIntent)).hasSize(9)
                .allSatisfy(r -> assertThat(((InvalidRequestException) r).getCode()).isEqualTo("payment_intent_unexpected_state"));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.eventsAbout(intent.getId()).size() == 1);
        assertThat(receiver.events("charge.succeeded")).filteredOn(e -> e.getDataObjectDeserializer().getObject()
                .map(o -> intent.getId().equals(((Charge) o).getPaymentIntent())).orElse(false)).hasSize(1);
    }

    @Test
    void concurrent_partial_refunds_never_exceed_the_captured_amount() throws Exception {
        PaymentIntent paid = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(2_500L)
                .setCurrency("usd").addPaymentMethodType("card").setPaymentMethod("pm_card_visa").setConfirm(true).build());
        List<Object> results = together(10, () -> stripe.v1().refunds().create(RefundCreateParams.builder()
                .setPaymentIntent(paid.getId()).setAmount(300L).build()));
        assertThat(results).filteredOn(Refund.class::isInstance).hasSize(8);
        assertThat(results).filteredOn(r -> !(r instanceof Refund)).hasSize(2)
                .allSatisfy(r -> assertThat(((InvalidRequestException) r).getCode()).isEqualTo("amount_too_large"));
        Charge charge = stripe.v1().charges().retrieve(paid.getLatestCharge());
        assertThat(charge.getAmountRefunded()).isEqualTo(2_400L);
        assertThat(charge.getRefunded()).isFalse();
    }

    @Test
    void many_intents_at_once_each_get_their_own_ids() throws Exception {
        List<Object> results = together(32, () -> stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(1_000L).setCurrency("usd").addPaymentMethodType("card").setPaymentMethod("pm_card_visa").setConfirm(true).build()));
        assertThat(results).allSatisfy(r -> assertThat(((PaymentIntent) r).getStatus()).isEqualTo("succeeded"));
        assertThat(results).extracting(r -> ((PaymentIntent) r).getId()).doesNotHaveDuplicates();
        assertThat(results).extracting(r -> ((PaymentIntent) r).getLatestCharge()).doesNotHaveDuplicates();
    }
}

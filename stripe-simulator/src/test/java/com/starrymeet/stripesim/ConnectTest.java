package com.starrymeet.stripesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Account;
import com.stripe.model.AccountLink;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeObject;
import com.stripe.model.Transfer;
import com.stripe.model.TransferReversal;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountLinkCreateParams;
import com.stripe.param.AccountUpdateParams;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.TransferCreateParams;
import com.stripe.param.TransferListParams;
import com.stripe.param.TransferReversalCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Stripe Connect and disputes as payment-service uses them, driven by stripe-java: an express account with weekly
 * payouts onboarded through its account link's page, transfers funded by a charge (never more than it still holds),
 * reversals (never more than transferred), chargebacks opened and closed by the test; every webhook verified with
 * {@code Webhook.constructEvent} and deserialized to its stripe-java class; all of it back after a restart.
 */
class ConnectTest {

    static final String KEY = "sk_test_sim_connect";
    static final String SECRET = "whsec_connect";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path dir;

    final List<AutoCloseable> opened = new ArrayList<>();
    WebhookReceiver receiver;
    StripeSimulator sim;
    StripeClient stripe;

    @BeforeEach
    void start() throws Exception {
        Stripe.enableTelemetry = false;
        receiver = new WebhookReceiver(SECRET);
        opened.add(receiver);
        sim = start(dir.resolve("state.jsonl"));
        stripe = client(sim);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : opened.reversed()) c.close();
    }

    StripeSimulator start(Path stateFile) {
        StripeSimulator s = StripeSimulator.start(new StripeSimulator.Settings(0, KEY, SECRET, List.of(receiver.uri()))
                .withRetries(Duration.ofMillis(100), Duration.ofMillis(400), 4).withStateFile(stateFile));
        opened.add(s);
        return s;
    }

    static StripeClient client(StripeSimulator sim) {
        return StripeClient.builder().setApiKey(KEY).setApiBase(sim.baseUrl()).setMaxNetworkRetries(0).build();
    }

    static <T> T object(Event event, Class<T> type) {
        StripeObject o = event.getDataObjectDeserializer().getObject().orElseThrow(
                () -> new AssertionError("event " + event.getId() + " did not deserialize"));
        assertThat(o).isInstanceOf(type);
        return type.cast(o);
    }

    /** Waits for the n-th verified event of a type (1-based) and answers it. */
    Event awaitEvent(String type, int n) {
        await().atMost(WAIT).until(() -> receiver.events(type).size() >= n);
        return receiver.events(type).get(n - 1);
    }

    Account expressAccount(StripeClient stripe, String celebrity) throws Exception {
        return stripe.v1().accounts().create(AccountCreateParams.builder()
                .setType(AccountCreateParams.Type.EXPRESS).setCountry("US").setEmail(celebrity + "@example.com")
                .setCapabilities(AccountCreateParams.Capabilities.builder()
                        .setTransfers(AccountCreateParams.Capabilities.Transfers.builder().setRequested(true).build()).build())
                .setSettings(AccountCreateParams.Settings.builder().setPayouts(AccountCreateParams.Settings.Payouts.builder()
                        .setSchedule(AccountCreateParams.Settings.Payouts.Schedule.builder()
                                .setInterval(AccountCreateParams.Settings.Payouts.Schedule.Interval.WEEKLY).build())
                        .build()).build())
                .putMetadata("celebrity_account_id", celebrity).build(),
                RequestOptions.builder().setIdempotencyKey("account-" + celebrity).build());
    }

    AccountLink link(StripeClient stripe, String account) throws Exception {
        return stripe.v1().accountLinks().create(AccountLinkCreateParams.builder().setAccount(account)
                .setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING)
                .setRefreshUrl("https://app.example/connect/refresh").setReturnUrl("https://app.example/connect/done").build());
    }

    static HttpResponse<String> postForm(String url, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postJson(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode raw(StripeSimulator sim, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    /** An onboarded express account, ready to receive transfers. */
    Account onboarded(String celebrity) throws Exception {
        Account a = expressAccount(stripe, celebrity);
        sim.completeOnboarding(a.getId());
        return stripe.v1().accounts().retrieve(a.getId());
    }

    /** A succeeded card payment; answers its charge. */
    Charge paidCharge(long amount) throws Exception {
        PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(amount)
                .setCurrency("usd").addPaymentMethodType("card").putMetadata("booking_id", "b-" + amount).build());
        pi = stripe.v1().paymentIntents().confirm(pi.getId(), PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_visa").build());
        assertThat(pi.getStatus()).isEqualTo("succeeded");
        return stripe.v1().charges().retrieve(pi.getLatestCharge());
    }

    // ------------------------------------------------------------------ accounts and onboarding

    @Test
    void an_express_account_is_onboarded_through_its_account_link_and_account_updated_is_sent() throws Exception {
        Account created = expressAccount(stripe, "celeb-1");
        assertThat(created.getId()).startsWith("acct_");
        assertThat(created.getType()).isEqualTo("express");
        assertThat(created.getPayoutsEnabled()).isFalse();
        assertThat(created.getChargesEnabled()).isFalse();
        assertThat(created.getDetailsSubmitted()).isFalse();
        assertThat(created.getCapabilities().getTransfers()).isEqualTo("inactive");
        assertThat(created.getRequirements().getCurrentlyDue()).isNotEmpty();
        assertThat(created.getSettings().getPayouts().getSchedule().getInterval()).isEqualTo("weekly");
        assertThat(created.getSettings().getPayouts().getSchedule().getWeeklyAnchor()).isEqualTo("monday");
        assertThat(created.getMetadata()).containsEntry("celebrity_account_id", "celeb-1");
        assertThat(created.getEmail()).isEqualTo("celeb-1@example.com");
        Account replay = expressAccount(stripe, "celeb-1");
        assertThat(replay.getId()).isEqualTo(created.getId());
        assertThat(replay.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");

        AccountLink link = link(stripe, created.getId());
        assertThat(link.getUrl()).isEqualTo(sim.baseUrl() + "/_sim/connect/" + created.getId() + "/onboard");
        assertThat(link.getExpiresAt()).isGreaterThan(link.getCreated());

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(link.getUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(created.getId()).contains("<form method=post");
        HttpResponse<String> done = postForm(link.getUrl(), "via=page");
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).contains("https://app.example/connect/done");

        Account read = stripe.v1().accounts().retrieve(created.getId());
        assertThat(read.getPayoutsEnabled()).isTrue();
        assertThat(read.getChargesEnabled()).isTrue();
        assertThat(read.getDetailsSubmitted()).isTrue();
        assertThat(read.getCapabilities().getTransfers()).isEqualTo("active");
        assertThat(read.getRequirements().getCurrentlyDue()).isEmpty();
        assertThat(read.getRequirements().getDisabledReason()).isNull();

        Event event = awaitEvent("account.updated", 1);
        assertThat(event.getAccount()).isEqualTo(created.getId());
        Account inEvent = object(event, Account.class);
        assertThat(inEvent.getId()).isEqualTo(created.getId());
        assertThat(inEvent.getPayoutsEnabled()).isTrue();
        assertThat(inEvent.getDetailsSubmitted()).isTrue();

        // finishing again changes nothing and sends nothing; the next account.updated is the update's
        assertThat(postForm(link.getUrl(), "").statusCode()).isEqualTo(200);
        sim.completeOnboarding(created.getId());
        stripe.v1().accounts().update(created.getId(), AccountUpdateParams.builder().putMetadata("tier", "gold").build());
        Account updated = object(awaitEvent("account.updated", 2), Account.class);
        assertThat(updated.getMetadata()).containsEntry("tier", "gold").containsEntry("celebrity_account_id", "celeb-1");
        assertThat(receiver.events("account.updated")).hasSize(2);
    }

    @Test
    void account_link_errors_are_stripes() {
        InvalidRequestException missing = catchThrowableOfType(InvalidRequestException.class, () -> link(stripe, "acct_nope"));
        assertThat(missing.getStatusCode()).isEqualTo(400);
        assertThat(missing.getCode()).isEqualTo("resource_missing");
        assertThat(missing.getParam()).isEqualTo("account");
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().accounts().retrieve("acct_nope"))
                .getStatusCode()).isEqualTo(404);
        assertThatThrownBy(() -> sim.completeOnboarding("acct_nope")).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ transfers

    @Test
    void a_transfer_to_an_account_not_onboarded_is_refused() throws Exception {
        Account a = expressAccount(stripe, "celeb-waiting");
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().transfers().create(
                TransferCreateParams.builder().setAmount(1000L).setCurrency("usd").setDestination(a.getId()).build()));
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getCode()).isEqualTo("insufficient_capabilities_for_transfer");
        assertThat(e.getParam()).isEqualTo("destination");
    }

    @Test
    void a_transfer_from_a_charge_never_exceeds_what_it_still_holds_and_is_idempotent() throws Exception {
        Account celeb = onboarded("celeb-2");
        Charge charge = paidCharge(25_000);
        stripe.v1().refunds().create(RefundCreateParams.builder().setCharge(charge.getId()).setAmount(5_000L).build());

        InvalidRequestException over = catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().transfers()
                .create(transfer(20_001, celeb.getId(), charge.getId(), "b-2")));
        assertThat(over.getStatusCode()).isEqualTo(400);
        assertThat(over.getCode()).isEqualTo("amount_too_large");
        assertThat(over.getParam()).isEqualTo("amount");

        RequestOptions key = RequestOptions.builder().setIdempotencyKey("transfer-b-2").build();
        Transfer first = stripe.v1().transfers().create(transfer(15_000, celeb.getId(), charge.getId(), "b-2"), key);
        assertThat(first.getId()).startsWith("tr_");
        assertThat(first.getAmount()).isEqualTo(15_000L);
        assertThat(first.getCurrency()).isEqualTo("usd");
        assertThat(first.getDestination()).isEqualTo(celeb.getId());
        assertThat(first.getSourceTransaction()).isEqualTo(charge.getId());
        assertThat(first.getTransferGroup()).isEqualTo("b-2");
        assertThat(first.getMetadata()).containsEntry("booking_id", "b-2");
        assertThat(first.getAmountReversed()).isZero();
        assertThat(first.getReversed()).isFalse();

        Transfer replay = stripe.v1().transfers().create(transfer(15_000, celeb.getId(), charge.getId(), "b-2"), key);
        assertThat(replay.getId()).isEqualTo(first.getId());
        assertThat(replay.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(catchThrowableOfType(IdempotencyException.class, () -> stripe.v1().transfers()
                .create(transfer(14_000, celeb.getId(), charge.getId(), "b-2"), key))).isNotNull();

        // 25,000 − 5,000 refunded − 15,000 transferred = 5,000 left
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().transfers()
                .create(transfer(5_001, celeb.getId(), charge.getId(), "b-2"))).getCode()).isEqualTo("amount_too_large");
        Transfer second = stripe.v1().transfers().create(transfer(5_000, celeb.getId(), charge.getId(), "b-2"));
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().transfers()
                .create(transfer(1, celeb.getId(), charge.getId(), "b-2"))).getCode()).isEqualTo("amount_too_large");

        assertThat(stripe.v1().transfers().retrieve(first.getId()).getAmount()).isEqualTo(15_000L);
        StripeCollection<Transfer> group = stripe.v1().transfers().list(TransferListParams.builder().setTransferGroup("b-2").build());
        assertThat(group.getData()).extracting(Transfer::getId).containsExactly(second.getId(), first.getId());
        assertThat(stripe.v1().transfers().list(TransferListParams.builder().setTransferGroup("other").build()).getData()).isEmpty();

        Transfer created1 = object(awaitEvent("transfer.created", 1), Transfer.class);
        Transfer created2 = object(awaitEvent("transfer.created", 2), Transfer.class);
        assertThat(created1.getId()).isEqualTo(first.getId());
        assertThat(created1.getSourceTransaction()).isEqualTo(charge.getId());
        assertThat(created2.getId()).isEqualTo(second.getId());
        assertThat(receiver.events("transfer.created")).hasSize(2); // the replay sent nothing
        assertThat(awaitEvent("transfer.created", 1).getRequest().getIdempotencyKey()).isEqualTo("transfer-b-2");
    }

    @Test
    void a_transfer_needs_a_succeeded_charge_in_its_currency_and_an_existing_destination() throws Exception {
        Account celeb = onboarded("celeb-3");
        PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(9_000L)
                .setCurrency("usd").addPaymentMethodType("card").build());
        CardException declined = catchThrowableOfType(CardException.class, () -> stripe.v1().paymentIntents().confirm(pi.getId(),
                PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_chargeDeclined").build()));
        InvalidRequestException failed = catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().transfers()
                .create(transfer(1_000, celeb.getId(), declined.getCharge(), "b-3")));
        assertThat(failed.getStatusCode()).isEqualTo(400);
        assertThat(failed.getParam()).isEqualTo("source_transaction");
        InvalidRequestException unknown = catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().transfers()
                .create(transfer(1_000, celeb.getId(), "ch_nope", "b-3")));
        assertThat(unknown.getCode()).isEqualTo("resource_missing");
        assertThat(unknown.getParam()).isEqualTo("source_transaction");
        Charge charge = paidCharge(9_000);
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().transfers().create(
                TransferCreateParams.builder().setAmount(1_000L).setCurrency("eur").setDestination(celeb.getId())
                        .setSourceTransaction(charge.getId()).build())).getParam()).isEqualTo("currency");
        InvalidRequestException noAccount = catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().transfers()
                .create(transfer(1_000, "acct_nope", charge.getId(), "b-3")));
        assertThat(noAccount.getCode()).isEqualTo("resource_missing");
        assertThat(noAccount.getParam()).isEqualTo("destination");
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().transfers().retrieve("tr_nope"))
                .getStatusCode()).isEqualTo(404);
    }

    static TransferCreateParams transfer(long amount, String destination, String charge, String booking) {
        return TransferCreateParams.builder().setAmount(amount).setCurrency("usd").setDestination(destination)
                .setSourceTransaction(charge).setTransferGroup(booking).putMetadata("booking_id", booking).build();
    }

    @Test
    void concurrent_transfers_and_reversals_never_take_more_than_there_is() throws Exception {
        Account celeb = onboarded("celeb-7");
        Charge charge = paidCharge(10_000);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Transfer>> sent = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                sent.add(pool.submit(() -> {
                    gate.await();
                    return stripe.v1().transfers().create(transfer(3_000, celeb.getId(), charge.getId(), "b-7"));
                }));
            }
            gate.countDown();
        }
        List<Transfer> made = new ArrayList<>();
        for (Future<Transfer> f : sent) {
            try {
                made.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(InvalidRequestException.class);
                assertThat(((InvalidRequestException) e.getCause()).getCode()).isEqualTo("amount_too_large");
            }
        }
        assertThat(made).hasSize(3); // 3 × 3,000 ≤ 10,000 < 4 × 3,000
        assertThat(stripe.v1().transfers().list(TransferListParams.builder().setTransferGroup("b-7").build()).getData()).hasSize(3);

        String target = made.getFirst().getId();
        CountDownLatch gate2 = new CountDownLatch(1);
        List<Future<TransferReversal>> reversed = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                reversed.add(pool.submit(() -> {
                    gate2.await();
                    return stripe.v1().transfers().reversals().create(target,
                            TransferReversalCreateParams.builder().setAmount(700L).build());
                }));
            }
            gate2.countDown();
        }
        long ok = reversed.stream().filter(f -> {
            try {
                f.get();
                return true;
            } catch (Exception e) {
                return false;
            }
        }).count();
        assertThat(ok).isEqualTo(4); // 4 × 700 ≤ 3,000 < 5 × 700
        Transfer after = stripe.v1().transfers().retrieve(target);
        assertThat(after.getAmountReversed()).isEqualTo(2_800L);
        assertThat(after.getReversals().getData()).hasSize(4);
    }

    // ------------------------------------------------------------------ reversals

    @Test
    void a_transfer_is_reversed_partly_then_the_rest_and_never_more() throws Exception {
        Account celeb = onboarded("celeb-4");
        Charge charge = paidCharge(10_000);
        Transfer t = stripe.v1().transfers().create(transfer(10_000, celeb.getId(), charge.getId(), "b-4"));

        RequestOptions key = RequestOptions.builder().setIdempotencyKey("reversal-" + t.getId()).build();
        TransferReversal partial = stripe.v1().transfers().reversals().create(t.getId(),
                TransferReversalCreateParams.builder().setAmount(4_000L).putMetadata("reason", "dispute").build(), key);
        assertThat(partial.getId()).startsWith("trr_");
        assertThat(partial.getAmount()).isEqualTo(4_000L);
        assertThat(partial.getTransfer()).isEqualTo(t.getId());
        assertThat(partial.getMetadata()).containsEntry("reason", "dispute");
        TransferReversal replay = stripe.v1().transfers().reversals().create(t.getId(),
                TransferReversalCreateParams.builder().setAmount(4_000L).putMetadata("reason", "dispute").build(), key);
        assertThat(replay.getId()).isEqualTo(partial.getId());
        assertThat(replay.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");

        Transfer afterPartial = stripe.v1().transfers().retrieve(t.getId());
        assertThat(afterPartial.getAmountReversed()).isEqualTo(4_000L);
        assertThat(afterPartial.getReversed()).isFalse();

        InvalidRequestException over = catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().transfers()
                .reversals().create(t.getId(), TransferReversalCreateParams.builder().setAmount(6_001L).build()));
        assertThat(over.getStatusCode()).isEqualTo(400);
        assertThat(over.getCode()).isEqualTo("amount_too_large");

        // the reversed 4,000 is back on the charge: it can fund another transfer
        Transfer refill = stripe.v1().transfers().create(transfer(4_000, celeb.getId(), charge.getId(), "b-4"));
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().transfers()
                .create(transfer(1, celeb.getId(), charge.getId(), "b-4"))).getCode()).isEqualTo("amount_too_large");

        TransferReversal rest = stripe.v1().transfers().reversals().create(t.getId()); // no amount = what is left
        assertThat(rest.getAmount()).isEqualTo(6_000L);
        Transfer full = stripe.v1().transfers().retrieve(t.getId());
        assertThat(full.getAmountReversed()).isEqualTo(10_000L);
        assertThat(full.getReversed()).isTrue();
        assertThat(full.getReversals().getData()).extracting(TransferReversal::getId).containsExactly(rest.getId(), partial.getId());
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().transfers().reversals()
                .create(t.getId(), TransferReversalCreateParams.builder().setAmount(1L).build())).getCode())
                .isEqualTo("amount_too_large");
        assertThat(stripe.v1().transfers().reversals().retrieve(t.getId(), partial.getId()).getAmount()).isEqualTo(4_000L);
        assertThat(stripe.v1().transfers().reversals().list(t.getId()).getData()).hasSize(2);
        assertThat(refill.getAmount()).isEqualTo(4_000L);

        Transfer reversed1 = object(awaitEvent("transfer.reversed", 1), Transfer.class);
        Transfer reversed2 = object(awaitEvent("transfer.reversed", 2), Transfer.class);
        assertThat(reversed1.getAmountReversed()).isEqualTo(4_000L);
        assertThat(reversed1.getReversed()).isFalse();
        assertThat(reversed2.getAmountReversed()).isEqualTo(10_000L);
        assertThat(reversed2.getReversed()).isTrue();
        assertThat(receiver.events("transfer.reversed")).hasSize(2);
    }

    // ------------------------------------------------------------------ disputes

    @Test
    void a_dispute_is_opened_on_a_charge_retrievable_and_closed_won() throws Exception {
        Charge charge = paidCharge(25_000);
        String id = sim.openDispute(charge.getId(), "fraudulent");
        assertThat(id).startsWith("dp_");

        Dispute created = object(awaitEvent("charge.dispute.created", 1), Dispute.class);
        assertThat(created.getId()).isEqualTo(id);
        assertThat(created.getCharge()).isEqualTo(charge.getId());
        assertThat(created.getPaymentIntent()).isEqualTo(charge.getPaymentIntent());
        assertThat(created.getAmount()).isEqualTo(25_000L);
        assertThat(created.getStatus()).isEqualTo("needs_response");
        assertThat(created.getReason()).isEqualTo("fraudulent");

        Dispute read = stripe.v1().disputes().retrieve(id);
        assertThat(read.getStatus()).isEqualTo("needs_response");
        assertThat(read.getCharge()).isEqualTo(charge.getId());
        assertThat(stripe.v1().charges().retrieve(charge.getId()).getDisputed()).isTrue();
        assertThatThrownBy(() -> sim.openDispute(charge.getId(), "general")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has a dispute");

        sim.closeDispute(id, true);
        Dispute closed = object(awaitEvent("charge.dispute.closed", 1), Dispute.class);
        assertThat(closed.getId()).isEqualTo(id);
        assertThat(closed.getStatus()).isEqualTo("won");
        assertThat(stripe.v1().disputes().retrieve(id).getStatus()).isEqualTo("won");
        assertThatThrownBy(() -> sim.closeDispute(id, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.openDispute("ch_nope", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_dispute_is_opened_and_closed_lost_through_the_control_endpoints() throws Exception {
        Charge charge = paidCharge(8_000);
        HttpResponse<String> opened = postJson(sim.baseUrl() + "/_sim/charges/" + charge.getId() + "/dispute",
                "{\"reason\":\"product_not_received\",\"amount\":3000}");
        assertThat(opened.statusCode()).isEqualTo(200);
        String id = Json.text(Json.MAPPER.readTree(opened.body()), "id");
        Dispute created = object(awaitEvent("charge.dispute.created", 1), Dispute.class);
        assertThat(created.getId()).isEqualTo(id);
        assertThat(created.getAmount()).isEqualTo(3_000L);
        assertThat(created.getReason()).isEqualTo("product_not_received");

        assertThat(postForm(sim.baseUrl() + "/_sim/disputes/" + id + "/close", "status=maybe").statusCode()).isEqualTo(400);
        assertThat(postForm(sim.baseUrl() + "/_sim/disputes/" + id + "/close", "status=lost").statusCode()).isEqualTo(200);
        Dispute closed = object(awaitEvent("charge.dispute.closed", 1), Dispute.class);
        assertThat(closed.getStatus()).isEqualTo("lost");
        assertThat(postForm(sim.baseUrl() + "/_sim/disputes/" + id + "/close", "status=won").statusCode()).isEqualTo(400);
        assertThat(postJson(sim.baseUrl() + "/_sim/charges/ch_nope/dispute", "{}").statusCode()).isEqualTo(404);
        assertThat(postJson(sim.baseUrl() + "/_sim/charges/" + paidCharge(500).getId() + "/dispute",
                "{\"amount\":501}").statusCode()).isEqualTo(400);
    }

    // ------------------------------------------------------------------ restart

    @Test
    void accounts_transfers_reversals_and_disputes_survive_a_restart_on_the_state_file() throws Exception {
        Account ready = onboarded("celeb-5");
        Account waiting = expressAccount(stripe, "celeb-6");
        link(stripe, waiting.getId());
        Charge charge = paidCharge(20_000);
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("transfer-b-5").build();
        Transfer t = stripe.v1().transfers().create(transfer(12_000, ready.getId(), charge.getId(), "b-5"), key);
        TransferReversal partial = stripe.v1().transfers().reversals().create(t.getId(),
                TransferReversalCreateParams.builder().setAmount(2_000L).build());
        String dispute = sim.openDispute(charge.getId(), "general");
        awaitEvent("charge.dispute.created", 1);

        List<String> paths = List.of("/v1/accounts/" + ready.getId(), "/v1/accounts/" + waiting.getId(),
                "/v1/transfers/" + t.getId(), "/v1/transfers/" + t.getId() + "/reversals/" + partial.getId(),
                "/v1/disputes/" + dispute, "/v1/charges/" + charge.getId());
        List<JsonNode> before = new ArrayList<>();
        for (String p : paths) before.add(raw(sim, p));
        sim.close();
        receiver.clear();

        StripeSimulator again = start(dir.resolve("state.jsonl"));
        StripeClient stripe2 = client(again);
        for (int i = 0; i < paths.size(); i++) assertThat(raw(again, paths.get(i))).as(paths.get(i)).isEqualTo(before.get(i));

        Transfer replay = stripe2.v1().transfers().create(transfer(12_000, ready.getId(), charge.getId(), "b-5"), key);
        assertThat(replay.getId()).isEqualTo(t.getId());
        assertThat(replay.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
        // 20,000 − (12,000 − 2,000) = 10,000 still on the charge
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> stripe2.v1().transfers()
                .create(transfer(10_001, ready.getId(), charge.getId(), "b-5"))).getCode()).isEqualTo("amount_too_large");
        assertThat(stripe2.v1().transfers().create(transfer(10_000, ready.getId(), charge.getId(), "b-5")).getAmount())
                .isEqualTo(10_000L);
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> stripe2.v1().transfers().reversals()
                .create(t.getId(), TransferReversalCreateParams.builder().setAmount(10_001L).build())).getCode())
                .isEqualTo("amount_too_large");
        assertThat(stripe2.v1().transfers().list(TransferListParams.builder().setTransferGroup("b-5").build()).getData())
                .hasSize(2);
        assertThatThrownBy(() -> again.openDispute(charge.getId(), "general")).isInstanceOf(IllegalArgumentException.class);

        HttpResponse<String> done = postForm(again.baseUrl() + "/_sim/connect/" + waiting.getId() + "/onboard", "via=page");
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).contains("https://app.example/connect/done");
        assertThat(object(awaitEvent("account.updated", 1), Account.class).getPayoutsEnabled()).isTrue();
        again.closeDispute(dispute, false);
        assertThat(object(awaitEvent("charge.dispute.closed", 1), Dispute.class).getStatus()).isEqualTo("lost");
        again.close();

        StripeSimulator third = start(dir.resolve("state.jsonl"));
        StripeClient stripe3 = client(third);
        assertThat(stripe3.v1().accounts().retrieve(waiting.getId()).getPayoutsEnabled()).isTrue();
        assertThat(stripe3.v1().disputes().retrieve(dispute).getStatus()).isEqualTo("lost");
        assertThat(stripe3.v1().transfers().retrieve(t.getId()).getReversals().getData()).hasSize(1);
    }
}

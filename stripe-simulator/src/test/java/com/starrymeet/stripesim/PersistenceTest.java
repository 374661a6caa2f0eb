package com.starrymeet.stripesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PaymentMethodListParams;
import com.stripe.param.RefundCreateParams;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state file: everything payment-service keeps Stripe ids of survives a restart of the simulator (clean close,
 * or a "crash" — the file as it stands while the first simulator still runs), a corrupt file stops the start with
 * its name, and the memory bounds (events kept, idempotency answers' 24 hours) hold across restarts.
 */
class PersistenceTest {

    static final String KEY = "sk_test_sim_persistence";
    static final String SECRET = "whsec_persistence";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void noTelemetry() {
        Stripe.enableTelemetry = false;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened.reversed()) c.close();
    }

    StripeSimulator start(Path stateFile) {
        return start(settings(stateFile));
    }

    StripeSimulator start(StripeSimulator.Settings settings) {
        StripeSimulator sim = StripeSimulator.start(settings);
        opened.add(sim);
        return sim;
    }

    static StripeSimulator.Settings settings(Path stateFile) {
        return new StripeSimulator.Settings(0, KEY, SECRET, List.of())
                .withRetries(Duration.ofMillis(100), Duration.ofMillis(400), 4).withStateFile(stateFile);
    }

    WebhookReceiver receiver() throws IOException {
        WebhookReceiver r = new WebhookReceiver(SECRET);
        opened.add(r);
        return r;
    }

    static StripeClient client(StripeSimulator sim) {
        return StripeClient.builder().setApiKey(KEY).setApiBase(sim.baseUrl()).setMaxNetworkRetries(0).build();
    }

    /** The object exactly as the simulator answers it (raw JSON), to compare before and after a restart. */
    static JsonNode raw(StripeSimulator sim, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    static HttpResponse<String> post(StripeSimulator sim, String path, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the first run leaves behind: one object of each kind, in the states payment-service meets. */
    record Before(String customer, String card, String open, String threeDs, String paid, String charge, String refund,
                  String succeededEvent, Map<String, JsonNode> objects) {
    }

    Before populate(StripeSimulator sim, WebhookReceiver receiver) throws Exception {
        StripeClient stripe = client(sim);
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("fan@example.com")
                .setName("A Fan").putMetadata("user_id", "u-1").build());
        PaymentMethod card = stripe.v1().paymentMethods().attach("pm_card_visa",
                PaymentMethodAttachParams.builder().setCustomer(customer.getId()).build());
        stripe.v1().customers().update(customer.getId(), CustomerUpdateParams.builder().setInvoiceSettings(
                CustomerUpdateParams.InvoiceSettings.builder().setDefaultPaymentMethod(card.getId()).build()).build());

        PaymentIntent open = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(25_000L)
                .setCurrency("usd").setCustomer(customer.getId()).addPaymentMethodType("card")
                .putMetadata("booking_id", "b-open").build(), RequestOptions.builder().setIdempotencyKey("create-b-open").build());
        PaymentIntent threeDs = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(12_000L)
                .setCurrency("usd").addPaymentMethodType("card").setReturnUrl("https://app.example/back")
                .setPaymentMethod("pm_card_threeDSecure2Required").setConfirm(true).build());
        assertThat(threeDs.getStatus()).isEqualTo("requires_action");

        PaymentIntent paid = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(10_000L)
                .setCurrency("usd").setCustomer(customer.getId()).addPaymentMethodType("card")
                .putMetadata("booking_id", "b-paid").build());
        paid = stripe.v1().paymentIntents().confirm(paid.getId(),
                PaymentIntentConfirmParams.builder().setPaymentMethod(card.getId()).build());
        assertThat(paid.getStatus()).isEqualTo("succeeded");
        Refund refund = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(paid.getId())
                .setAmount(3_000L).build(), RequestOptions.builder().setIdempotencyKey("refund-b-paid-1").build());

        String paidId = paid.getId();
        await().atMost(WAIT).until(() -> receiver.eventsAbout(paidId).size() >= 1);
        String succeededEvent = receiver.events("payment_intent.succeeded").getFirst().getId();

        Map<String, JsonNode> objects = new LinkedHashMap<>();
        for (String path : List.of("/v1/customers/" + customer.getId(), "/v1/payment_methods/" + card.getId(),
                "/v1/payment_intents/" + open.getId(), "/v1/payment_intents/" + threeDs.getId(),
                "/v1/payment_intents/" + paid.getId(), "/v1/charges/" + paid.getLatestCharge(),
                "/v1/refunds/" + refund.getId(), "/v1/events/" + succeededEvent,
                "/v1/customers/" + customer.getId() + "/payment_methods")) {
            objects.put(path, raw(sim, path));
        }
        return new Before(customer.getId(), card.getId(), open.getId(), threeDs.getId(), paid.getId(),
                paid.getLatestCharge(), refund.getId(), succeededEvent, objects);
    }

    /** The second run answers every object as the first left it, and carries on from there. */
    void assertCarriesOn(StripeSimulator sim, Before before) throws Exception {
        for (var e : before.objects().entrySet()) {
            assertThat(raw(sim, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        StripeClient stripe = client(sim);
        assertThat(stripe.v1().customers().retrieve(before.customer()).getInvoiceSettings().getDefaultPaymentMethod())
                .isEqualTo(before.card());
        assertThat(stripe.v1().paymentMethods().list(PaymentMethodListParams.builder().setCustomer(before.customer())
                .setType(PaymentMethodListParams.Type.CARD).build()).getData()).extracting(PaymentMethod::getId)
                .containsExactly(before.card());
        Event event = stripe.v1().events().retrieve(before.succeededEvent());
        assertThat(event.getType()).isEqualTo("payment_intent.succeeded");

        // the idempotency key replays the first answer: the same refund, nothing refunded twice
        Refund again = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(before.paid())
                .setAmount(3_000L).build(), RequestOptions.builder().setIdempotencyKey("refund-b-paid-1").build());
        assertThat(again.getId()).isEqualTo(before.refund());
        assertThat(again.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
        PaymentIntent openAgain = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(25_000L)
                .setCurrency("usd").setCustomer(before.customer()).addPaymentMethodType("card")
                .putMetadata("booking_id", "b-open").build(), RequestOptions.builder().setIdempotencyKey("create-b-open").build());
        assertThat(openAgain.getId()).isEqualTo(before.open());
        assertThat(openAgain.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(stripe.v1().charges().retrieve(before.charge()).getAmountRefunded()).isEqualTo(3_000L);

        // the partial refund counts: 7,000 remain, more is refused, exactly that is accepted
        InvalidRequestException tooMuch = catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().refunds()
                .create(RefundCreateParams.builder().setPaymentIntent(before.paid()).setAmount(7_001L).build()));
        assertThat(tooMuch.getCode()).isEqualTo("amount_too_large");
        stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(before.paid()).setAmount(7_000L).build());
        var charge = stripe.v1().charges().retrieve(before.charge());
        assertThat(charge.getAmountRefunded()).isEqualTo(10_000L);
        assertThat(charge.getRefunded()).isTrue();

        // the open intent is still confirmable, its webhook reaches an endpoint registered after the restart
        WebhookReceiver after = receiver();
        sim.addWebhookEndpoint(after.uri());
        PaymentIntent confirmed = stripe.v1().paymentIntents().confirm(before.open(),
                PaymentIntentConfirmParams.builder().setPaymentMethod(before.card()).build());
        assertThat(confirmed.getStatus()).isEqualTo("succeeded");
        assertThat(confirmed.getMetadata()).containsEntry("booking_id", "b-open");
        await().atMost(WAIT).until(() -> after.eventsAbout(before.open()).stream()
                .anyMatch(e -> e.getType().equals("payment_intent.succeeded")));

        // the 3-D Secure intent completes, back to where it was created to return
        HttpResponse<String> done = post(sim, "/_sim/3ds/" + before.threeDs(), "outcome=complete&via=page");
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .startsWith("https://app.example/back?payment_intent=" + before.threeDs()));
        assertThat(stripe.v1().paymentIntents().retrieve(before.threeDs()).getStatus()).isEqualTo("succeeded");
    }

    @Test
    void a_restart_on_the_same_file_keeps_every_object_its_state_and_the_idempotency_keys() throws Exception {
        Path file = dir.resolve("stripe-state.jsonl");
        WebhookReceiver receiver = receiver();
        StripeSimulator first = start(file);
        first.addWebhookEndpoint(receiver.uri());
        Before before = populate(first, receiver);
        first.close();

        StripeSimulator second = start(file);
        assertThat(second.stateFile()).isEqualTo(file.toAbsolutePath());
        assertThat(second.webhookEndpoints()).isEmpty();
        assertCarriesOn(second, before);
        second.close();

        // and once more: what the second run did survives too
        StripeSimulator third = start(file);
        StripeClient stripe = client(third);
        assertThat(stripe.v1().paymentIntents().retrieve(before.open()).getStatus()).isEqualTo("succeeded");
        assertThat(stripe.v1().charges().retrieve(before.charge()).getRefunded()).isTrue();
        assertThat(stripe.v1().paymentIntents().retrieve(before.threeDs()).getStatus()).isEqualTo("succeeded");
    }

    @Test
    void a_crash_keeps_everything_flushed_before_it() throws Exception {
        Path file = dir.resolve("state.jsonl");
        WebhookReceiver receiver = receiver();
        StripeSimulator first = start(file);
        first.addWebhookEndpoint(receiver.uri());
        Before before = populate(first, receiver);

        // the file as a SIGKILL would leave it: copied while the first simulator still runs, never closed;
        // plus a last line torn in the middle of a write
        Path crashed = dir.resolve("crashed.jsonl");
        Files.copy(file, crashed);
        Files.writeString(crashed, "{\"t\":\"payment_intent\",\"o\":{\"id\":\"pi_torn", StandardOpenOption.APPEND);

        StripeSimulator second = start(crashed);
        assertCarriesOn(second, before);
    }

    @Test
    void compactions_racing_with_requests_lose_nothing() throws Exception {
        Path file = dir.resolve("racing.jsonl");
        StripeSimulator sim = start(file);
        StripeClient stripe = client(sim);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger compactions = new java.util.concurrent.atomic.AtomicInteger();
        Thread compactor = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                try {
                    sim.compactStateFile();
                    compactions.incrementAndGet();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        List<java.util.concurrent.Future<List<String>>> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            work.add(pool.submit(() -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                            .setAmount(2_000L + i).setCurrency("usd").addPaymentMethodType("card").build());
                    stripe.v1().paymentIntents().confirm(pi.getId(),
                            PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_visa").build());
                    stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(pi.getId())
                            .setAmount(500L).build());
                    ids.add(pi.getId());
                }
                return ids;
            }));
        }
        List<String> intents = new ArrayList<>();
        for (var f : work) intents.addAll(f.get());
        running.set(false);
        compactor.join();
        pool.shutdown();
        assertThat(compactions.get()).isGreaterThan(1);

        Path crashed = dir.resolve("racing-copy.jsonl");
        Files.copy(file, crashed);
        StripeClient after = client(start(crashed));
        for (String id : intents) {
            PaymentIntent pi = after.v1().paymentIntents().retrieve(id);
            assertThat(pi.getStatus()).as(id).isEqualTo("succeeded");
            assertThat(after.v1().charges().retrieve(pi.getLatestCharge()).getAmountRefunded()).as(id).isEqualTo(500L);
        }
        assertThat(intents).hasSize(160).doesNotHaveDuplicates();
    }

    @Test
    void a_second_simulator_cannot_share_a_file_in_use() {
        Path file = dir.resolve("shared.jsonl");
        start(file);
        assertThatThrownBy(() -> start(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toAbsolutePath().toString()).hasMessageContaining("in use");
    }

    @Test
    void a_corrupt_or_foreign_file_fails_the_start_naming_the_file() throws Exception {
        Path file = dir.resolve("corrupt.jsonl");
        StripeSimulator sim = start(file);
        client(sim).v1().customers().create(CustomerCreateParams.builder().setEmail("x@example.com").build());
        sim.close();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(1, "{\"t\":\"customer\",\"o\":{\"id\":\"cus_1\"");
        Files.write(file, lines);
        assertThatThrownBy(() -> start(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toAbsolutePath().toString()).hasMessageContaining("line 2")
                .hasMessageContaining("corrupt");

        Path foreign = dir.resolve("notes.txt");
        Files.writeString(foreign, "hello\n");
        assertThatThrownBy(() -> start(foreign)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(foreign.toAbsolutePath().toString());
        assertThat(Files.readString(foreign)).isEqualTo("hello\n"); // left as it was

        Path unknown = dir.resolve("unknown.jsonl");
        Files.writeString(unknown, "{\"t\":\"stripe-simulator-state\",\"version\":1}\n{\"t\":\"payout\",\"o\":{}}\n");
        assertThatThrownBy(() -> start(unknown)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(unknown.toAbsolutePath().toString()).hasMessageContaining("payout");

        Path unreadable = dir.resolve("a-directory");
        Files.createDirectories(unreadable);
        assertThatThrownBy(() -> start(unreadable)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(unreadable.toAbsolutePath().toString());

        // an empty file (say from mktemp) is an empty simulator
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        assertThat(client(start(empty)).v1().customers().create(CustomerCreateParams.builder().build()).getId())
                .startsWith("cus_");
    }

    @Test
    void only_the_latest_events_are_kept_even_across_a_restart() throws Exception {
        Path file = dir.resolve("bounded.jsonl");
        WebhookReceiver receiver = receiver();
        StripeSimulator sim = start(settings(file).withMaxEvents(3));
        sim.addWebhookEndpoint(receiver.uri());
        StripeClient stripe = client(sim);
        List<String> intents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(1_000L + i)
                    .setCurrency("usd").addPaymentMethodType("card").build());
            stripe.v1().paymentIntents().cancel(pi.getId());
            intents.add(pi.getId());
        }
        await().atMost(WAIT).until(() -> receiver.events("payment_intent.canceled").size() == 5);
        List<String> events = receiver.events("payment_intent.canceled").stream().map(Event::getId).toList();
        assertThat(sim.deliveries()).hasSize(3);
        sim.close();

        StripeClient after = client(start(file));
        for (String old : events.subList(0, 2)) {
            assertThat(catchThrowableOfType(InvalidRequestException.class, () -> after.v1().events().retrieve(old))
                    .getStatusCode()).isEqualTo(404);
        }
        for (String kept : events.subList(2, 5)) assertThat(after.v1().events().retrieve(kept).getId()).isEqualTo(kept);
        for (String pi : intents) assertThat(after.v1().paymentIntents().retrieve(pi).getStatus()).isEqualTo("canceled");
    }

    @Test
    void idempotency_answers_older_than_24_hours_are_forgotten_at_load() throws Exception {
        Path file = dir.resolve("idem.jsonl");
        StripeSimulator sim = start(file);
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("old-key").build();
        Customer first = client(sim).v1().customers().create(CustomerCreateParams.builder().build(), key);
        sim.close();

        // age the saved answer by 25 hours
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode node = Json.MAPPER.readTree(line);
            if ("idempotency".equals(Json.text(node, "t"))) {
                ((ObjectNode) node).put("created", Instant.now().minus(Duration.ofHours(25)).toEpochMilli());
                line = Json.MAPPER.writeValueAsString(node);
            }
            lines.add(line);
        }
        Files.write(file, lines);

        Customer second = client(start(file)).v1().customers().create(CustomerCreateParams.builder().build(), key);
        assertThat(second.getId()).isNotEqualTo(first.getId());
        assertThat(second.getLastResponse().headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void the_file_holds_no_secret_key_and_main_takes_the_state_file() throws Exception {
        Path file = dir.resolve("secret.jsonl");
        StripeSimulator sim = start(file);
        client(sim).v1().customers().create(CustomerCreateParams.builder().build(),
                RequestOptions.builder().setIdempotencyKey("k").build());
        sim.close();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain(KEY).doesNotContain(SECRET);

        StripeSimulator.Settings fromArgs = StripeSimulatorMain.settings(new String[] {"--secret-key=sk", "--webhook-secret=wh",
                "--state-file=/tmp/a.jsonl", "--max-events=50"}, Map.of("STRIPE_SIM_STATE_FILE", "/tmp/env.jsonl"));
        assertThat(fromArgs.stateFile()).isEqualTo(Path.of("/tmp/a.jsonl"));
        assertThat(fromArgs.maxEvents()).isEqualTo(50);
        StripeSimulator.Settings fromEnv = StripeSimulatorMain.settings(new String[] {"--secret-key=sk", "--webhook-secret=wh"},
                Map.of("STRIPE_SIM_STATE_FILE", "/tmp/env.jsonl"));
        assertThat(fromEnv.stateFile()).isEqualTo(Path.of("/tmp/env.jsonl"));
        assertThat(fromEnv.maxEvents()).isEqualTo(StripeSimulator.DEFAULT_MAX_EVENTS);
        assertThat(StripeSimulatorMain.settings(new String[] {"--secret-key=sk", "--webhook-secret=wh"}, Map.of()).stateFile())
                .isNull();
    }
}

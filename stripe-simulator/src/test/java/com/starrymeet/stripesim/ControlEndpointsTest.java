package com.starrymeet.stripesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.exception.ApiException;
import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The /_sim controls, for tests in another JVM (FleetIT), and the main class's settings. */
class ControlEndpointsTest {

    static final String KEY = "sk_test_sim_controls";
    static final String SECRET = "whsec_controls";
    final HttpClient http = HttpClient.newHttpClient();
    StripeSimulator sim;
    WebhookReceiver receiver;
    StripeClient stripe;

    @BeforeEach
    void start() throws Exception {
        Stripe.enableTelemetry = false;
        receiver = new WebhookReceiver(SECRET);
        sim = StripeSimulator.start(new StripeSimulator.Settings(0, KEY, SECRET, List.of())
                .withRetries(Duration.ofMillis(100), Duration.ofMillis(200), 3));
        stripe = StripeClient.builder().setApiKey(KEY).setApiBase(sim.baseUrl()).setMaxNetworkRetries(0).build();
    }

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path));
        if (contentType != null) b.header("Content-Type", contentType);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> form(String path, String body) throws Exception {
        return send("POST", path, "application/x-www-form-urlencoded", body);
    }

    PaymentIntent cancelNewIntent(long amount) throws Exception {
        PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(amount)
                .setCurrency("usd").build());
        return stripe.v1().paymentIntents().cancel(pi.getId());
    }

    @Test
    void health_endpoints_and_deliveries_over_http() throws Exception {
        assertThat(send("GET", "/_sim/health", null, null).statusCode()).isEqualTo(200);
        assertThat(form("/_sim/webhooks/endpoints", "url=" + receiver.uri()).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/_sim/webhooks/endpoints", null, null).body()).contains(receiver.uri().toString());

        PaymentIntent canceled = cancelNewIntent(1_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> sim.deliveries().size() == 1);
        JsonNode log = Json.parse(send("GET", "/_sim/deliveries", null, null).body().getBytes());
        assertThat(log.size()).isEqualTo(1);
        JsonNode d = log.get(0);
        assertThat(d.get("eventType").asString()).isEqualTo("payment_intent.canceled");
        assertThat(d.get("eventId").asString()).startsWith("evt_");
        assertThat(d.get("endpoint").asString()).isEqualTo(receiver.uri().toString());
        assertThat(d.get("statusCode").asInt()).isEqualTo(200);
        assertThat(d.get("attempt").asInt()).isEqualTo(1);
        assertThat(receiver.eventsAbout(canceled.getId())).hasSize(1);
    }

    @Test
    void webhook_faults_over_http_with_form_or_json_parameters() throws Exception {
        sim.addWebhookEndpoint(receiver.uri());
        assertThat(form("/_sim/webhooks/duplicate", "times=3").statusCode()).isEqualTo(200);
        PaymentIntent duplicated = cancelNewIntent(2_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.eventsAbout(duplicated.getId()).size() == 3);

        assertThat(send("POST", "/_sim/webhooks/reorder", "application/json", "{\"count\":2}").statusCode()).isEqualTo(200);
        PaymentIntent a = cancelNewIntent(2_001);
        PaymentIntent b = cancelNewIntent(2_002);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.eventsAbout(a.getId()).size() == 1
                && receiver.eventsAbout(b.getId()).size() == 1);
        List<String> order = receiver.events("payment_intent.canceled").stream()
                .map(e -> ((PaymentIntent) e.getDataObjectDeserializer().getObject().orElseThrow()).getId())
                .filter(id -> id.equals(a.getId()) || id.equals(b.getId())).toList();
        assertThat(order).containsExactly(b.getId(), a.getId());

        assertThat(form("/_sim/webhooks/drop", "").statusCode()).isEqualTo(200);
        PaymentIntent dropped = cancelNewIntent(2_003);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.eventsAbout(dropped.getId()).size() == 1);
        assertThat(sim.deliveries()).anySatisfy(d -> assertThat(d.detail()).isEqualTo("dropped"));

        assertThat(form("/_sim/webhooks/delay", "millis=300&type=payment_intent.canceled").statusCode()).isEqualTo(200);
        assertThat(form("/_sim/webhooks/pause", "").statusCode()).isEqualTo(200);
        PaymentIntent held = cancelNewIntent(2_004);
        assertThat(form("/_sim/webhooks/resume", "").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.eventsAbout(held.getId()).size() == 1);

        assertThat(form("/_sim/webhooks/duplicate", "times=zero").statusCode()).isEqualTo(400);
        assertThat(form("/_sim/webhooks/explode", "").statusCode()).isEqualTo(404);
    }

    @Test
    void fail_next_over_http() throws Exception {
        assertThat(form("/_sim/fail-next", "status=503").statusCode()).isEqualTo(200);
        ApiException e = catchThrowableOfType(ApiException.class, () -> stripe.v1().customers().create());
        assertThat(e.getStatusCode()).isEqualTo(503);
        assertThat(stripe.v1().customers().create().getId()).startsWith("cus_");
        assertThat(send("POST", "/_sim/fail-next", "application/json", "{\"status\":200}").statusCode()).isEqualTo(400);
    }

    @Test
    void the_three_d_secure_page_sends_the_customer_back_to_the_return_url() throws Exception {
        PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(3_000L)
                .setCurrency("usd").build());
        PaymentIntent pending = stripe.v1().paymentIntents().confirm(pi.getId(), PaymentIntentConfirmParams.builder()
                .setPaymentMethod("pm_card_threeDSecure2Required").setReturnUrl("https://app.example/done?x=1").build());
        String path = URI.create(pending.getNextAction().getRedirectToUrl().getUrl()).getPath();
        HttpResponse<String> page = send("GET", path, null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(pi.getId()).contains("outcome");

        HttpResponse<String> back = form(path, "via=page&outcome=complete");
        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .startsWith("https://app.example/done?x=1&payment_intent=" + pi.getId())
                .contains("redirect_status=succeeded"));
        assertThat(stripe.v1().paymentIntents().retrieve(pi.getId()).getStatus()).isEqualTo("succeeded");
    }

    @Test
    void main_reads_arguments_or_the_environment() {
        StripeSimulator.Settings fromArgs = StripeSimulatorMain.settings(new String[] {"--port=12111",
                "--secret-key=sk_test_a", "--webhook-secret=whsec_a", "--webhook-url=http://localhost:8084/v1/webhooks/stripe",
                "--webhook-url=http://localhost:9999/hook"}, Map.of("STRIPE_SIM_SECRET_KEY", "sk_test_env"));
        assertThat(fromArgs.port()).isEqualTo(12111);
        assertThat(fromArgs.secretKey()).isEqualTo("sk_test_a");
        assertThat(fromArgs.webhookEndpoints()).containsExactly(URI.create("http://localhost:8084/v1/webhooks/stripe"),
                URI.create("http://localhost:9999/hook"));

        StripeSimulator.Settings fromEnv = StripeSimulatorMain.settings(new String[0], Map.of("STRIPE_SIM_PORT", "0",
                "STRIPE_SIM_SECRET_KEY", "sk_test_env", "STRIPE_SIM_WEBHOOK_SECRET", "whsec_env",
                "STRIPE_SIM_WEBHOOK_URL", "http://a/hook, http://b/hook"));
        assertThat(fromEnv.port()).isZero();
        assertThat(fromEnv.webhookSecret()).isEqualTo("whsec_env");
        assertThat(fromEnv.webhookEndpoints()).containsExactly(URI.create("http://a/hook"), URI.create("http://b/hook"));
        assertThat(fromEnv.host()).isEqualTo("127.0.0.1");

        assertThatThrownBy(() -> StripeSimulatorMain.settings(new String[] {"--secret-key=sk"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("webhook-secret");
        assertThatThrownBy(() -> StripeSimulatorMain.settings(new String[] {"--what=1"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

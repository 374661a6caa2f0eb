package com.starrymeet.stripesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Refund;
import com.stripe.model.StripeCollection;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PaymentMethodListParams;
import com.stripe.param.RefundCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's Stripe API, driven by stripe-java itself, the way payment-service calls it. */
class StripeApiTest {

    static final String KEY = "sk_test_sim_api";
    static StripeSimulator sim;
    static StripeClient stripe;

    @BeforeAll
    static void start() {
        Stripe.enableTelemetry = false;
        sim = StripeSimulator.start(new StripeSimulator.Settings(0, KEY, "whsec_api_test", List.of()));
        stripe = client(KEY, 0);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static StripeClient client(String key, int retries) {
        return StripeClient.builder().setApiKey(key).setApiBase(sim.baseUrl()).setMaxNetworkRetries(retries).build();
    }

    static PaymentIntent newIntent(long amount, String customer) throws Exception {
        PaymentIntentCreateParams.Builder b = PaymentIntentCreateParams.builder().setAmount(amount).setCurrency("usd")
                .putMetadata("booking_id", "b-" + amount).addPaymentMethodType("card");
        if (customer != null) b.setCustomer(customer);
        return stripe.v1().paymentIntents().create(b.build());
    }

    static PaymentIntent confirm(String intentId, String paymentMethod) throws Exception {
        return stripe.v1().paymentIntents().confirm(intentId,
                PaymentIntentConfirmParams.builder().setPaymentMethod(paymentMethod).build());
    }

    @Test
    void the_event_api_version_is_the_one_stripe_java_pins() {
        assertThat(StripeSimulator.DEFAULT_API_VERSION).isEqualTo(Stripe.API_VERSION);
    }

    @Test
    void customers_are_created_retrieved_and_updated() throws Exception {
        Customer created = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("fan@example.com")
                .setName("A Fan").putMetadata("user_id", "u-1").build());
        assertThat(created.getId()).startsWith("cus_");
        assertThat(created.getLivemode()).isFalse();
        assertThat(created.getCreated()).isGreaterThan(1_700_000_000L);
        assertThat(created.getMetadata()).containsEntry("user_id", "u-1");

        Customer updated = stripe.v1().customers().update(created.getId(),
                CustomerUpdateParams.builder().setEmail("new@example.com").putMetadata("tier", "gold").build());
        assertThat(updated.getEmail()).isEqualTo("new@example.com");
        assertThat(updated.getMetadata()).containsEntry("user_id", "u-1").containsEntry("tier", "gold");

        Customer read = stripe.v1().customers().retrieve(created.getId());
        assertThat(read.getEmail()).isEqualTo("new@example.com");
        assertThat(read.getName()).isEqualTo("A Fan");
    }

    @Test
    void an_unknown_object_is_a_404_resource_missing() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> stripe.v1().customers().retrieve("cus_doesnotexist"));
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getCode()).isEqualTo("resource_missing");
        assertThat(catchThrowableOfType(InvalidRequestException.class,
                () -> stripe.v1().paymentIntents().retrieve("pi_nope")).getStatusCode()).isEqualTo(404);
    }

    @Test
    void payment_methods_are_attached_listed_made_default_and_detached() throws Exception {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("c@example.com").build());
        PaymentMethod visa = stripe.v1().paymentMethods().attach("pm_card_visa",
                PaymentMethodAttachParams.builder().setCustomer(customer.getId()).build());
        PaymentMethod mc = stripe.v1().paymentMethods().attach("pm_card_mastercard",
                PaymentMethodAttachParams.builder().setCustomer(customer.getId()).build());
        assertThat(visa.getId()).startsWith("pm_").isNotEqualTo("pm_card_visa");
        assertThat(visa.getCustomer()).isEqualTo(customer.getId());
        assertThat(visa.getCard().getBrand()).isEqualTo("visa");
        assertThat(visa.getCard().getLast4()).isEqualTo("4242");
        assertThat(mc.getCard().getBrand()).isEqualTo("mastercard");
        assertThat(mc.getCard().getLast4()).isEqualTo("4444");

        StripeCollection<PaymentMethod> listed = stripe.v1().paymentMethods().list(PaymentMethodListParams.builder()
                .setCustomer(customer.getId()).setType(PaymentMethodListParams.Type.CARD).build());
        assertThat(listed.getData()).extracting(PaymentMethod::getId).containsExactly(mc.getId(), visa.getId());
        assertThat(stripe.v1().customers().paymentMethods().list(customer.getId()).getData())
                .extracting(PaymentMethod::getId).containsExactly(mc.getId(), visa.getId());

        Customer withDefault = stripe.v1().customers().update(customer.getId(), CustomerUpdateParams.builder()
                .setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder().setDefaultPaymentMethod(visa.getId())
                        .build()).build());
        assertThat(withDefault.getInvoiceSettings().getDefaultPaymentMethod()).isEqualTo(visa.getId());

        PaymentMethod detached = stripe.v1().paymentMethods().detach(visa.getId());
        assertThat(detached.getCustomer()).isNull();
        assertThat(stripe.v1().customers().retrieve(customer.getId()).getInvoiceSettings().getDefaultPaymentMethod())
                .isNull();
        assertThat(stripe.v1().customers().paymentMethods().list(customer.getId()).getData())
                .extracting(PaymentMethod::getId).containsExactly(mc.getId());

        // a method of another customer cannot be made default; a detached one cannot be detached again
        Customer other = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().customers().update(other.getId(),
                CustomerUpdateParams.builder().setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder()
                        .setDefaultPaymentMethod(mc.getId()).build()).build())).getStatusCode()).isEqualTo(400);
        assertThat(catchThrowableOfType(InvalidRequestException.class,
                () -> stripe.v1().paymentMethods().detach(visa.getId())).getStatusCode()).isEqualTo(400);
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().paymentMethods().attach(mc.getId(),
                PaymentMethodAttachParams.builder().setCustomer(other.getId()).build())).getStatusCode()).isEqualTo(400);
    }

    @Test
    void an_intent_is_created_with_a_client_secret_and_paid_with_pm_card_visa() throws Exception {
        PaymentIntent created = newIntent(25_000, null);
        assertThat(created.getId()).startsWith("pi_");
        assertThat(created.getClientSecret()).startsWith(created.getId() + "_secret_");
        assertThat(created.getStatus()).isEqualTo("requires_payment_method");
        assertThat(created.getAmount()).isEqualTo(25_000L);
        assertThat(created.getCurrency()).isEqualTo("usd");
        assertThat(created.getMetadata()).containsEntry("booking_id", "b-25000");
        assertThat(created.getLatestCharge()).isNull();

        PaymentIntent paid = confirm(created.getId(), "pm_card_visa");
        assertThat(paid.getStatus()).isEqualTo("succeeded");
        assertThat(paid.getAmountReceived()).isEqualTo(25_000L);
        assertThat(paid.getLatestCharge()).startsWith("ch_");
        assertThat(paid.getPaymentMethod()).startsWith("pm_").isNotEqualTo("pm_card_visa");

        PaymentIntent expanded = stripe.v1().paymentIntents().retrieve(created.getId(),
                PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build());
        Charge charge = expanded.getLatestChargeObject();
        assertThat(charge.getId()).isEqualTo(paid.getLatestCharge());
        assertThat(charge.getCaptured()).isTrue();
        assertThat(charge.getPaid()).isTrue();
        assertThat(charge.getStatus()).isEqualTo("succeeded");
        assertThat(charge.getAmountCaptured()).isEqualTo(25_000L);
        assertThat(charge.getPaymentIntent()).isEqualTo(created.getId());
        assertThat(charge.getPaymentMethodDetails().getCard().getBrand()).isEqualTo("visa");
        assertThat(charge.getPaymentMethodDetails().getCard().getLast4()).isEqualTo("4242");
        assertThat(stripe.v1().charges().retrieve(charge.getId()).getAmount()).isEqualTo(25_000L);

        InvalidRequestException again = catchThrowableOfType(InvalidRequestException.class,
                () -> confirm(created.getId(), "pm_card_visa"));
        assertThat(again.getCode()).isEqualTo("payment_intent_unexpected_state");
    }

    @Test
    void an_intent_can_be_created_and_confirmed_in_one_call_with_a_customer_s_saved_card() throws Exception {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        PaymentMethod saved = stripe.v1().paymentMethods().attach("pm_card_mastercard",
                PaymentMethodAttachParams.builder().setCustomer(customer.getId()).build());
        PaymentIntent paid = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(5000L)
                .setCurrency("usd").setCustomer(customer.getId()).setPaymentMethod(saved.getId()).setConfirm(true)
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder().setEnabled(true)
                        .setAllowRedirects(PaymentIntentCreateParams.AutomaticPaymentMethods.AllowRedirects.NEVER).build())
                .build());
        assertThat(paid.getStatus()).isEqualTo("succeeded");
        assertThat(paid.getPaymentMethod()).isEqualTo(saved.getId());
        assertThat(paid.getCustomer()).isEqualTo(customer.getId());

        // someone else's saved card cannot pay
        PaymentIntent foreign = newIntent(5100, null);
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> confirm(foreign.getId(), saved.getId()))
                .getStatusCode()).isEqualTo(400);
    }

    @Test
    void automatic_payment_methods_need_a_return_url_to_confirm_as_at_stripe() throws Exception {
        PaymentIntent automatic = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(4_000L)
                .setCurrency("usd").build());
        assertThat(automatic.getAutomaticPaymentMethods().getEnabled()).isTrue();
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> confirm(automatic.getId(), "pm_card_visa"));
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getParam()).isEqualTo("return_url");
        assertThat(stripe.v1().paymentIntents().retrieve(automatic.getId()).getStatus()).isEqualTo("requires_payment_method");

        PaymentIntent paid = stripe.v1().paymentIntents().confirm(automatic.getId(), PaymentIntentConfirmParams.builder()
                .setPaymentMethod("pm_card_visa").setReturnUrl("https://app.example/back").build());
        assertThat(paid.getStatus()).isEqualTo("succeeded");
    }

    @Test
    void declined_cards_answer_402_card_errors_and_the_intent_can_be_paid_with_another_card() throws Exception {
        PaymentIntent intent = newIntent(7_500, null);

        CardException generic = catchThrowableOfType(CardException.class, () -> confirm(intent.getId(), "pm_card_chargeDeclined"));
        assertThat(generic.getStatusCode()).isEqualTo(402);
        assertThat(generic.getCode()).isEqualTo("card_declined");
        assertThat(generic.getDeclineCode()).isEqualTo("generic_decline");
        assertThat(generic.getCharge()).startsWith("ch_");
        assertThat(generic.getStripeError().getPaymentIntent().getStatus()).isEqualTo("requires_payment_method");
        assertThat(generic.getStripeError().getPaymentIntent().getId()).isEqualTo(intent.getId());

        CardException funds = catchThrowableOfType(CardException.class,
                () -> confirm(intent.getId(), "pm_card_chargeDeclinedInsufficientFunds"));
        assertThat(funds.getCode()).isEqualTo("card_declined");
        assertThat(funds.getDeclineCode()).isEqualTo("insufficient_funds");

        PaymentIntent afterDecline = stripe.v1().paymentIntents().retrieve(intent.getId());
        assertThat(afterDecline.getStatus()).isEqualTo("requires_payment_method");
        assertThat(afterDecline.getPaymentMethod()).isNull();
        assertThat(afterDecline.getLastPaymentError().getCode()).isEqualTo("card_declined");
        assertThat(afterDecline.getLastPaymentError().getDeclineCode()).isEqualTo("insufficient_funds");
        assertThat(afterDecline.getLastPaymentError().getPaymentMethod().getCard().getLast4()).isEqualTo("9995");

        PaymentIntent paid = confirm(intent.getId(), "pm_card_visa");
        assertThat(paid.getStatus()).isEqualTo("succeeded");
        assertThat(paid.getLastPaymentError()).isNull();
        Charge charge = stripe.v1().charges().retrieve(paid.getLatestCharge());
        assertThat(charge.getPaid()).isTrue();
    }

    @Test
    void three_d_secure_requires_an_action_then_the_redirect_page_completes_or_fails_it() throws Exception {
        PaymentIntent intent = newIntent(9_900, null);
        PaymentIntent pending = stripe.v1().paymentIntents().confirm(intent.getId(), PaymentIntentConfirmParams.builder()
                .setPaymentMethod("pm_card_threeDSecure2Required").setReturnUrl("https://app.example/return").build());
        assertThat(pending.getStatus()).isEqualTo("requires_action");
        assertThat(pending.getNextAction().getType()).isEqualTo("redirect_to_url");
        String url = pending.getNextAction().getRedirectToUrl().getUrl();
        assertThat(url).isEqualTo(sim.baseUrl() + "/_sim/3ds/" + intent.getId());
        assertThat(pending.getNextAction().getRedirectToUrl().getReturnUrl()).isEqualTo("https://app.example/return");

        assertThat(post(url, "outcome=fail").statusCode()).isEqualTo(200);
        PaymentIntent failed = stripe.v1().paymentIntents().retrieve(intent.getId());
        assertThat(failed.getStatus()).isEqualTo("requires_payment_method");
        assertThat(failed.getLastPaymentError().getCode()).isEqualTo("payment_intent_authentication_failure");
        assertThat(post(url, "outcome=complete").statusCode()).isEqualTo(400); // nothing to authenticate any more

        PaymentIntent again = confirm(intent.getId(), "pm_card_threeDSecure2Required");
        assertThat(again.getStatus()).isEqualTo("requires_action");
        HttpResponse<String> completed = post(url, "");
        assertThat(completed.statusCode()).isEqualTo(200);
        assertThat(completed.body()).contains("\"status\":\"succeeded\"");

        PaymentIntent paid = stripe.v1().paymentIntents().retrieve(intent.getId(),
                PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build());
        assertThat(paid.getStatus()).isEqualTo("succeeded");
        assertThat(paid.getLatestChargeObject().getPaymentMethodDetails().getCard().getThreeDSecure().getResult())
                .isEqualTo("authenticated");
    }

    @Test
    void off_session_three_d_secure_is_declined_with_authentication_required() throws Exception {
        PaymentIntent intent = newIntent(1_234, null);
        CardException e = catchThrowableOfType(CardException.class, () -> stripe.v1().paymentIntents().confirm(
                intent.getId(), PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_threeDSecure2Required")
                        .setOffSession(true).build()));
        assertThat(e.getCode()).isEqualTo("authentication_required");
    }

    @Test
    void an_open_intent_is_canceled_but_a_succeeded_one_is_not() throws Exception {
        PaymentIntent open = newIntent(3_000, null);
        PaymentIntent canceled = stripe.v1().paymentIntents().cancel(open.getId(), PaymentIntentCancelParams.builder()
                .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED).build());
        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(canceled.getCancellationReason()).isEqualTo("abandoned");
        assertThat(canceled.getCanceledAt()).isNotNull();
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> confirm(open.getId(), "pm_card_visa"))
                .getCode()).isEqualTo("payment_intent_unexpected_state");

        PaymentIntent paid = confirm(newIntent(3_100, null).getId(), "pm_card_visa");
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> stripe.v1().paymentIntents().cancel(paid.getId()));
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getCode()).isEqualTo("payment_intent_unexpected_state");
        assertThat(stripe.v1().paymentIntents().retrieve(paid.getId()).getStatus()).isEqualTo("succeeded");
    }

    @Test
    void refunds_may_be_partial_and_never_exceed_what_was_captured() throws Exception {
        PaymentIntent paid = confirm(newIntent(2_500, null).getId(), "pm_card_visa");

        InvalidRequestException tooMuch = catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().refunds()
                .create(RefundCreateParams.builder().setPaymentIntent(paid.getId()).setAmount(2_501L).build()));
        assertThat(tooMuch.getStatusCode()).isEqualTo(400);
        assertThat(tooMuch.getCode()).isEqualTo("amount_too_large");

        Refund partial = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(paid.getId())
                .setAmount(1_000L).setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER).build());
        assertThat(partial.getId()).startsWith("re_");
        assertThat(partial.getAmount()).isEqualTo(1_000L);
        assertThat(partial.getStatus()).isEqualTo("succeeded");
        assertThat(partial.getCharge()).isEqualTo(paid.getLatestCharge());
        assertThat(partial.getPaymentIntent()).isEqualTo(paid.getId());
        Charge afterPartial = stripe.v1().charges().retrieve(paid.getLatestCharge());
        assertThat(afterPartial.getAmountRefunded()).isEqualTo(1_000L);
        assertThat(afterPartial.getRefunded()).isFalse();

        Refund rest = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(paid.getId()).build());
        assertThat(rest.getAmount()).isEqualTo(1_500L);
        Charge afterFull = stripe.v1().charges().retrieve(paid.getLatestCharge());
        assertThat(afterFull.getAmountRefunded()).isEqualTo(2_500L);
        assertThat(afterFull.getRefunded()).isTrue();
        assertThat(stripe.v1().refunds().retrieve(partial.getId()).getAmount()).isEqualTo(1_000L);

        InvalidRequestException none = catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().refunds()
                .create(RefundCreateParams.builder().setPaymentIntent(paid.getId()).setAmount(1L).build()));
        assertThat(none.getCode()).isEqualTo("charge_already_refunded");

        PaymentIntent unpaid = newIntent(2_600, null);
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> stripe.v1().refunds()
                .create(RefundCreateParams.builder().setPaymentIntent(unpaid.getId()).build())).getStatusCode()).isEqualTo(400);
    }

    @Test
    void an_idempotency_key_replays_the_first_answer_and_refuses_other_parameters() throws Exception {
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("intent-booking-1").build();
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder().setAmount(4_200L).setCurrency("usd")
                .putMetadata("booking_id", "booking-1").build();
        PaymentIntent first = stripe.v1().paymentIntents().create(params, key);
        PaymentIntent second = stripe.v1().paymentIntents().create(params, key);
        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(second.getClientSecret()).isEqualTo(first.getClientSecret());
        assertThat(first.getLastResponse().headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(second.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");

        IdempotencyException mismatch = catchThrowableOfType(IdempotencyException.class, () -> stripe.v1().paymentIntents()
                .create(PaymentIntentCreateParams.builder().setAmount(9_999L).setCurrency("usd").build(), key));
        assertThat(mismatch.getStatusCode()).isEqualTo(400);

        // a decline is an answer too: the same key replays the 402
        PaymentIntent intent = newIntent(4_300, null);
        RequestOptions confirmKey = RequestOptions.builder().setIdempotencyKey("confirm-" + intent.getId()).build();
        PaymentIntentConfirmParams declined = PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_chargeDeclined").build();
        CardException once = catchThrowableOfType(CardException.class,
                () -> stripe.v1().paymentIntents().confirm(intent.getId(), declined, confirmKey));
        CardException twice = catchThrowableOfType(CardException.class,
                () -> stripe.v1().paymentIntents().confirm(intent.getId(), declined, confirmKey));
        assertThat(twice.getCharge()).isEqualTo(once.getCharge());

        // keys belong to one endpoint: the same key on another path is refused
        assertThat(catchThrowableOfType(IdempotencyException.class, () -> stripe.v1().customers()
                .create(CustomerCreateParams.builder().build(), key))).isNotNull();
    }

    @Test
    void a_wrong_or_missing_secret_key_is_401() throws Exception {
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> client("sk_test_wrong", 0).v1().customers().create(CustomerCreateParams.builder().build()));
        assertThat(e.getStatusCode()).isEqualTo(401);

        HttpResponse<String> none = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                + "/v1/customers")).POST(HttpRequest.BodyPublishers.ofString("email=x%40y.z"))
                .header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("\"type\":\"invalid_request_error\"").contains("API key");
    }

    @Test
    void fail_next_api_call_answers_an_api_error_once_and_a_retry_with_the_same_key_runs_for_real() throws Exception {
        sim.failNextApiCall(500);
        ApiException e500 = catchThrowableOfType(ApiException.class, () -> newIntent(6_000, null));
        assertThat(e500.getStatusCode()).isEqualTo(500);

        sim.failNextApiCall(503);
        ApiException e503 = catchThrowableOfType(ApiException.class, () -> stripe.v1().customers().retrieve("cus_any"));
        assertThat(e503.getStatusCode()).isEqualTo(503);

        assertThat(newIntent(6_001, null).getStatus()).isEqualTo("requires_payment_method");

        // stripe-java retries a 5xx with the same Idempotency-Key: the failed attempt saved nothing, the retry runs
        sim.failNextApiCall(500);
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("retry-me").build();
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder().setAmount(6_002L).setCurrency("usd").build();
        PaymentIntent retried = client(KEY, 2).v1().paymentIntents().create(params, key);
        assertThat(retried.getStatus()).isEqualTo("requires_payment_method");
        assertThat(stripe.v1().paymentIntents().create(params, key).getId()).isEqualTo(retried.getId());
    }

    static HttpResponse<String> post(String url, String form) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

package com.starrymeet.payment.method;

import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import com.starrymeet.payment.PaymentTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saved cards live at Stripe on the fan's one Customer (created once, even by concurrent first saves); we hand out
 * ids, brand, last 4 and expiry only; another fan's card is 404.
 */
class SavedMethodsTest extends PaymentTestSupport {

	@Test
	void aFanSavesListsDefaultsAndRemovesOwnCardsOnly() {
		var fan = UUID.randomUUID();
		var token = TestTokens.token(fan.toString(), "USER");
		assertThat(list(token)).as("nothing yet, and reading creates no Customer").isEmpty();
		assertThat(customers(fan)).isZero();

		var visa = add(token, "{\"paymentMethodId\":\"pm_card_visa\"}");
		assertThat(visa.get("brand").asString()).isEqualTo("visa");
		assertThat(visa.get("last4").asString()).isEqualTo("4242");
		assertThat(visa.get("expYear").asLong()).isPositive();
		assertThat(visa.get("isDefault").asBoolean()).as("the first card is the default").isTrue();
		var mastercard = add(token, "{\"paymentMethodId\":\"pm_card_mastercard\",\"makeDefault\":false}");
		assertThat(mastercard.get("brand").asString()).isEqualTo("mastercard");
		assertThat(mastercard.get("isDefault").asBoolean()).isFalse();
		assertThat(list(token)).hasSize(2);
		assertThat(customers(fan)).isEqualTo(1);

		var mcId = mastercard.get("id").asString();
		var visaId = visa.get("id").asString();
		var made = http.post("/v1/payments/methods/" + mcId + "/default", "", "application/json", "Authorization",
				TestHttp.bearer(token));
		assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
		assertThat(list(token).stream().filter(m -> m.get("isDefault").asBoolean()).map(m -> m.get("id").asString()))
			.containsExactly(mcId);

		// another fan: as if the card did not exist
		var stranger = TestHttp.bearer(TestTokens.token("USER"));
		assertThat(http.method("DELETE", "/v1/payments/methods/" + mcId, "", "Authorization", stranger).statusCode())
			.isEqualTo(404);
		assertThat(http.post("/v1/payments/methods/" + mcId + "/default", "", "application/json", "Authorization",
				stranger).statusCode()).isEqualTo(404);
		assertThat(http.method("DELETE", "/v1/payments/methods/pm_nothing_here", "", "Authorization",
				TestHttp.bearer(token)).statusCode()).isEqualTo(404);

		assertThat(http.method("DELETE", "/v1/payments/methods/" + visaId, "", "Authorization", TestHttp.bearer(token))
			.statusCode()).isEqualTo(204);
		assertThat(list(token).stream().map(m -> m.get("id").asString())).containsExactly(mcId);

		// bad bodies, no token, wrong role
		var bad = http.post("/v1/payments/methods", "{\"paymentMethodId\":\"4242424242424242\"}", "application/json",
				"Authorization", TestHttp.bearer(token));
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(json.readTree(bad.body()).get("errors").findValuesAsString("field")).containsExactly("paymentMethodId");
		var unknownField = http.post("/v1/payments/methods", "{\"paymentMethodId\":\"pm_card_visa\",\"cardNumber\":\"4242\"}",
				"application/json", "Authorization", TestHttp.bearer(token));
		assertThat(unknownField.statusCode()).isEqualTo(400);
		assertThat(http.get("/v1/payments/methods").statusCode()).isEqualTo(401);
		assertThat(http.get("/v1/payments/methods", "Authorization",
				TestHttp.bearer(TestTokens.token("CELEBRITY"))).statusCode()).isEqualTo(403);
	}

	@Test
	void concurrentFirstSavesMakeOneCustomer() throws Exception {
		var fan = UUID.randomUUID();
		var token = TestTokens.token(fan.toString(), "USER");
		var answers = new ArrayList<java.util.concurrent.Future<java.net.http.HttpResponse<String>>>();
		try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (var card : new String[] { "pm_card_visa", "pm_card_mastercard", "pm_card_visa", "pm_card_mastercard",
					"pm_card_visa" }) {
				answers.add(pool.submit((Callable<java.net.http.HttpResponse<String>>) () -> http.post(
						"/v1/payments/methods", "{\"paymentMethodId\":\"" + card + "\"}", "application/json",
						"Authorization", TestHttp.bearer(token))));
			}
		}
		for (var answer : answers) {
			assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(201);
		}
		assertThat(customers(fan)).isEqualTo(1);
		assertThat(list(token)).as("every saved card on the one Customer").isNotEmpty();
	}

	@Test
	void aCardUsedToPayCanBeSaved() {
		var booking = booking();
		intent(booking);
		assertThat(confirmed(booking, "pm_card_visa", ",\"savePaymentMethod\":true").get("status").asString())
			.isEqualTo("succeeded");
		var saved = list(booking.token());
		assertThat(saved).hasSize(1);
		assertThat(saved.getFirst().get("last4").asString()).isEqualTo("4242");
	}

	private java.util.List<JsonNode> list(String token) {
		var response = http.get("/v1/payments/methods", "Authorization", TestHttp.bearer(token));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		var out = new ArrayList<JsonNode>();
		json.readTree(response.body()).get("data").forEach(out::add);
		return out;
	}

	private JsonNode add(String token, String body) {
		var response = http.post("/v1/payments/methods", body, "application/json", "Authorization",
				TestHttp.bearer(token));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json.readTree(response.body()).get("data");
	}

	private long customers(UUID fan) {
		return jdbc.sql("SELECT count(*) FROM stripe_customer WHERE user_id = :u").param("u", fan).query(Long.class)
			.single();
	}
}

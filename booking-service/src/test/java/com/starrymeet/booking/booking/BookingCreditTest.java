package com.starrymeet.booking.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.PaymentSucceeded;
import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.starrymeet.booking.booking.BookingApi.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Credits (issue 10, contract 1): the booking answer shows {@code credit} and {@code amountDue} when payment-service
 * reports them; a booking paid entirely by credit has no PaymentIntent and is confirmed by a PaymentSucceeded without
 * {@code paymentIntentId}.
 */
@ServiceTest
class BookingCreditTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void creditPaysPartOrAllOfABooking() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 95, 3);

		var partFan = UUID.randomUUID();
		Stubs.paymentWithCreditFor(partFan, 2500, BookingApi.PRICE);
		var part = api.booked(TestTokens.token(partFan.toString(), "USER"), celebrity, window, "10:00");
		assertThat(part.at("/credit/appliedCents").asLong()).isEqualTo(2500);
		assertThat(part.at("/amountDue/amountCents").asLong()).isEqualTo(BookingApi.PRICE - 2500);
		assertThat(part.at("/amountDue/formatted").asString()).isEqualTo("$225.00");
		assertThat(part.at("/paymentIntent/clientSecret").asString()).endsWith("_secret_test");
		var partId = part.get("id").asString();
		assertThat(data(api.get("/v1/bookings/" + partId, celebrity.token())).at("/credit/appliedCents").asLong())
			.isEqualTo(2500);

		var allFan = UUID.randomUUID();
		Stubs.paymentWithCreditFor(allFan, BookingApi.PRICE, BookingApi.PRICE);
		var all = api.booked(TestTokens.token(allFan.toString(), "USER"), celebrity, window, "10:30");
		assertThat(all.get("paymentIntent").isNull()).isTrue();
		assertThat(all.at("/credit/appliedCents").asLong()).isEqualTo(BookingApi.PRICE);
		assertThat(all.at("/amountDue/amountCents").asLong()).isZero();
		var id = UUID.fromString(all.get("id").asString());
		var payment = UUID.randomUUID();
		BookingApi.publishPayment(new EventEnvelope<>(UUID.randomUUID(), "PaymentSucceeded", Instant.now(),
				PaymentSucceeded.AGGREGATE, payment.toString(), 1, new PaymentSucceeded(payment, id, allFan, null,
						BookingApi.PRICE, "USD", null, null, Instant.now())));
		await().atMost(Duration.ofSeconds(60)).until(() -> "confirmed".equals(api.status(id)));

		// a booking without credit shows none
		var plain = api.booked(TestTokens.token("USER"), celebrity, window, "11:00");
		assertThat(plain.get("credit").isNull()).isTrue();
		assertThat(plain.get("amountDue").isNull()).isTrue();
	}
}

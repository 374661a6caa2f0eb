package com.starrymeet.payment.payment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.starrymeet.common.events.contract.BookingMeeting;
import com.starrymeet.common.events.contract.BookingPrice;
import com.starrymeet.common.events.contract.BookingRequested;
import com.starrymeet.common.events.contract.BookingRescheduled;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import com.starrymeet.payment.PaymentTestSupport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import static com.starrymeet.payment.payment.PaymentFlowTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The receipt PDF, fetched through the API as the fan downloads it and read back with PDFBox's text extraction:
 * every figure (booking, meeting in the venue's zone, price, fee, credit, card, refunds with dates, net paid, payment
 * id and date) is checked, before and after a partial refund and after a reschedule; names outside the font's
 * encoding do not break it; another fan gets 404, no token 401, notification-service's internal path needs none.
 */
class ReceiptTest extends PaymentTestSupport {

	private static final String ADMIN = TestTokens.token(UUID.randomUUID().toString(), "ADMIN");

	private static final HttpClient client = HttpClient.newHttpClient();

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.ENGLISH);

	private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

	@Test
	void theFanDownloadsAReceiptWithEveryFigureAndItFollowsRefundsAndReschedules() throws Exception {
		var booking = booking(15_000);
		grantCredit(booking.fanId(), 2_500);
		// 18:30 in São Paulo (UTC-3, no daylight saving) on Saturday 12 December 2026
		var startsAt = Instant.parse("2026-12-12T21:30:00Z");
		var meeting = meeting(booking, "Zoë Saldaña", "Café chat ✨ with Ődön", startsAt, "São Paulo");
		var price = new BookingPrice(15_000, "USD", 2_250, 12_750);
		var requested = publishBookingEvent(booking.id(), 1, new BookingRequested(booking.id(), booking.number(),
				booking.fanId(), meeting, price, booking.holdExpiresAt(), Instant.now()));
		var payment = paymentId(intent(booking));
		confirmed(booking, "pm_card_visa");
		awaitStatus(payment, "succeeded");
		awaitProcessed(requested);

		var response = download("/v1/payments/" + payment + "/receipt.pdf", booking.token());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(response.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"receipt-" + booking.number() + ".pdf\"");
		var paidAt = jdbc.sql("SELECT succeeded_at FROM payment WHERE id = :id").param("id", payment)
			.query(java.sql.Timestamp.class).single().toInstant();
		var text = text(response.body());
		assertThat(text).contains("Receipt number: " + payment, "Booking number: " + booking.number(),
				"Payment date: " + DAY.format(paidAt.atZone(SAO_PAULO)) + " (America/Sao_Paulo, Brasilia Standard Time)",
				"Celebrity: Zoë Saldaña",
				// the sparkles are outside WinAnsiEncoding: "?"; Ő (not Latin-1) is written as its base letter, ö stays
				"Meeting type: Café chat ? with Odön (30 min)",
				"Date and time: Saturday 12 December 2026, 18:30 (America/Sao_Paulo, Brasilia Standard Time)",
				"City: São Paulo, BR",
				"Price: USD 150.00", "Platform fee (included): USD 22.50", "Credit applied: USD 25.00",
				"Card charged: USD 125.00", "Card: Visa ending in 4242", "None", "Net paid: USD 150.00");

		// a partial refund by an admin: listed with its date, the net paid follows
		var refund = http.post("/v1/admin/payments/" + payment + "/refund",
				"{\"amountCents\":3000,\"reason\":\"Started late\"}", "application/json", "Authorization",
				TestHttp.bearer(ADMIN));
		assertThat(refund.statusCode()).as(refund.body()).isEqualTo(201);
		// counted once Stripe took it (pending or succeeded), as the payment's refunded total is
		await().atMost(30, TimeUnit.SECONDS).until(() -> jdbc.sql("SELECT refunded_cents FROM payment WHERE id = :p")
			.param("p", payment).query(Long.class).single() == 3000);
		var refundedAt = jdbc.sql("SELECT created_at FROM refund WHERE payment_id = :p").param("p", payment)
			.query(java.sql.Timestamp.class).single().toInstant();
		text = text(download("/v1/payments/" + payment + "/receipt.pdf", booking.token()).body());
		assertThat(text).contains(
				"Refund to card, " + DAY.format(refundedAt.atZone(SAO_PAULO)) + " (America/Sao_Paulo, Brasilia Standard Time): -USD 30.00",
				"Net paid: USD 120.00", "Card charged: USD 125.00", "Price: USD 150.00")
			.doesNotContain("None");

		// rescheduled (version 3) to Lisbon's zone... then the old BookingRequested again (version 1): the newest wins
		var moved = meeting(booking, "Zoë Saldaña", "Café chat", Instant.parse("2027-07-03T16:00:00Z"), "Lisboa");
		moved = new BookingMeeting(moved.celebrityId(), moved.celebrityUserId(), moved.celebrityName(),
				moved.meetingTypeId(), moved.meetingTypeName(), 45, moved.windowId(), LocalDate.of(2027, 7, 3),
				LocalTime.of(17, 0), "Europe/Lisbon", moved.startsAt(), moved.startsAt().plusSeconds(45 * 60),
				"Lisboa", "PT");
		awaitProcessed(publishBookingEvent(booking.id(), 3,
				new BookingRescheduled(booking.id(), booking.number(), booking.fanId(), meeting, moved, 1, Instant.now())));
		awaitProcessed(publishBookingEvent(booking.id(), 1, new BookingRequested(booking.id(), booking.number(),
				booking.fanId(), meeting, price, booking.holdExpiresAt(), Instant.now())));
		text = text(download("/internal/payments/" + payment + "/receipt.pdf", null).body());
		assertThat(text).contains("Date and time: Saturday 3 July 2027, 17:00 (Europe/Lisbon, Western European Summer Time)",
				"City: Lisboa, PT", "Meeting type: Café chat (45 min)", "Platform fee (included): USD 22.50",
				"Net paid: USD 120.00");

		// the internal path (notification-service) needs no token; the admin reads any; nobody else
		var internal = download("/internal/payments/" + payment + "/receipt.pdf", null);
		assertThat(internal.statusCode()).isEqualTo(200);
		assertThat(internal.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(download("/v1/payments/" + payment + "/receipt.pdf", ADMIN).statusCode()).isEqualTo(200);
		var otherFan = TestTokens.token(UUID.randomUUID().toString(), "USER");
		assertProblem(http.get("/v1/payments/" + payment + "/receipt.pdf", "Authorization", TestHttp.bearer(otherFan)),
				404, "NOT_FOUND");
		assertProblem(http.get("/v1/payments/" + payment + "/receipt.pdf"), 401, "UNAUTHORIZED");
		assertProblem(http.get("/internal/payments/" + UUID.randomUUID() + "/receipt.pdf"), 404, "NOT_FOUND");
	}

	@Test
	void aPaymentNotPaidHasNoReceiptAndAReceiptWithoutMeetingDetailsStillRenders() throws Exception {
		var unpaid = booking(9_900);
		var payment = paymentId(intent(unpaid));
		assertProblem(http.get("/v1/payments/" + payment + "/receipt.pdf", "Authorization",
				TestHttp.bearer(unpaid.token())), 409, "PAYMENT_NOT_PAID");

		// no booking event reached us (yet): the money is printed, the meeting said to be not available
		confirmed(unpaid, "pm_card_visa");
		awaitStatus(payment, "succeeded");
		var text = text(download("/v1/payments/" + payment + "/receipt.pdf", unpaid.token()).body());
		assertThat(text).contains("Booking number: " + unpaid.number(), "Details: not available yet",
				"Price: USD 99.00", "Card charged: USD 99.00", "Credit applied: USD 0.00", "Net paid: USD 99.00",
				"Platform fee (included): -");
	}

	private HttpResponse<byte[]> download(String path, String token) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
		if (token != null) {
			request.header("Authorization", TestHttp.bearer(token));
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String text(byte[] pdf) throws Exception {
		assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		try (var document = Loader.loadPDF(pdf)) {
			// label and value are on one baseline: the stripper joins them with a space
			return new PDFTextStripper().getText(document).replaceAll("[ \\t]+", " ");
		}
	}

	private void awaitProcessed(UUID eventId) {
		await().atMost(30, TimeUnit.SECONDS)
			.until(() -> jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = :e").param("e", eventId)
				.query(Long.class).single() == 1);
	}

	private void grantCredit(UUID fan, long cents) {
		var response = http.post("/v1/admin/payments/credits",
				"{\"userId\":\"" + fan + "\",\"amountCents\":" + cents + ",\"reason\":\"goodwill in a test\"}",
				"application/json", "Authorization", TestHttp.bearer(ADMIN));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private static BookingMeeting meeting(Booking booking, String celebrity, String type, Instant startsAt,
			String city) {
		var local = startsAt.atZone(SAO_PAULO);
		return new BookingMeeting(booking.celebrityId(), null, celebrity, UUID.randomUUID(), type, 30,
				UUID.randomUUID(), local.toLocalDate(), local.toLocalTime(), "America/Sao_Paulo", startsAt,
				startsAt.plusSeconds(30 * 60), city, "BR");
	}
}

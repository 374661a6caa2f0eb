package com.starrymeet.notification.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.BookingConfirmed;
import com.starrymeet.common.events.contract.PaymentSucceeded;
import com.starrymeet.notification.NotificationTestSupport;
import com.starrymeet.notification.NotificationType;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The confirmation e-mail carries booking-service's calendar.ics, the receipt e-mail payment-service's receipt.pdf
 * (both stubbed with WireMock, as their internal endpoints answer); when they do not answer, the e-mail goes
 * without them.
 */
class AttachmentsTest extends NotificationTestSupport {

	static final WireMockServer services = started();

	private static WireMockServer started() {
		var server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		return server;
	}

	@DynamicPropertySource
	static void documentServices(DynamicPropertyRegistry registry) {
		registry.add("starrymeet.notification.booking-url", services::baseUrl);
		registry.add("starrymeet.notification.payment-url", services::baseUrl);
	}

	record Attachment(String filename, String contentType, byte[] content) {
	}

	@Test
	void theConfirmationCarriesTheCalendarAndTheReceiptThePdf() throws Exception {
		var fan = registered("Val", "USER");
		var star = registered("Wes", "CELEBRITY");
		var bookingId = UUID.randomUUID();
		var paymentId = UUID.randomUUID();
		var ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:" + bookingId + "@starrymeet\r\nSEQUENCE:0\r\n"
				+ "END:VEVENT\r\nEND:VCALENDAR\r\n";
		var pdf = "%PDF-1.7\n% a receipt\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
		services.stubFor(get(urlEqualTo("/internal/bookings/" + bookingId + "/calendar.ics")).willReturn(aResponse()
			.withStatus(200).withHeader("Content-Type", "text/calendar; charset=UTF-8").withBody(ics)));
		services.stubFor(get(urlEqualTo("/internal/payments/" + paymentId + "/receipt.pdf")).willReturn(aResponse()
			.withStatus(200).withHeader("Content-Type", "application/pdf").withBody(pdf)));

		publish(Topics.PAYMENT, "payment", paymentId, 1, new PaymentSucceeded(paymentId, bookingId, fan.id(), "pi_9",
				20_000, "USD", "visa", "4242", Instant.now()));
		publish(Topics.BOOKING, "booking", bookingId, 2, new BookingConfirmed(bookingId, "BK-2027-000900", fan.id(),
				parisMeeting(star.id()), price(20_000), paymentId, "pi_9", Instant.now()));

		for (var address : List.of(fan.email(), star.email())) {
			var calendar = attachments(awaitMail(address, NotificationType.BOOKING_CONFIRMED));
			assertThat(calendar).hasSize(1);
			assertThat(calendar.getFirst().filename()).isEqualTo("booking.ics");
			assertThat(calendar.getFirst().contentType()).startsWith("text/calendar");
			assertThat(new String(calendar.getFirst().content(), StandardCharsets.UTF_8)).isEqualTo(ics);
		}
		var receipt = attachments(awaitMail(fan.email(), NotificationType.PAYMENT_RECEIPT));
		assertThat(receipt).hasSize(1);
		assertThat(receipt.getFirst().filename()).isEqualTo("receipt.pdf");
		assertThat(receipt.getFirst().contentType()).startsWith("application/pdf");
		assertThat(receipt.getFirst().content()).isEqualTo(pdf);
	}

	@Test
	void withoutTheDocumentsTheMailsGoWithoutThem() throws Exception {
		var fan = registered("Xan", "USER");
		var bookingId = UUID.randomUUID();
		var paymentId = UUID.randomUUID();
		services.stubFor(get(urlEqualTo("/internal/bookings/" + bookingId + "/calendar.ics"))
			.willReturn(aResponse().withStatus(503)));
		// the receipt is not known at all (404)
		publish(Topics.PAYMENT, "payment", paymentId, 1, new PaymentSucceeded(paymentId, bookingId, fan.id(), "pi_10",
				20_000, "USD", "visa", "4242", Instant.now()));
		publish(Topics.BOOKING, "booking", bookingId, 2, new BookingConfirmed(bookingId, "BK-2027-000901", fan.id(),
				parisMeeting(null), price(20_000), paymentId, "pi_10", Instant.now()));
		var confirmation = awaitMail(fan.email(), NotificationType.BOOKING_CONFIRMED);
		assertThat(attachments(confirmation)).isEmpty();
		assertThat(text(confirmation)).contains("BK-2027-000901");
		assertThat(attachments(awaitMail(fan.email(), NotificationType.PAYMENT_RECEIPT))).isEmpty();
	}

	private static List<Attachment> attachments(MimeMessage message) throws Exception {
		var found = new ArrayList<Attachment>();
		collect(message, found);
		return found;
	}

	private static void collect(Part part, List<Attachment> found) throws Exception {
		if (part.isMimeType("multipart/*")) {
			var multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				collect(multipart.getBodyPart(i), found);
			}
		}
		else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			var out = new ByteArrayOutputStream();
			try (var in = part.getInputStream()) {
				in.transferTo(out);
			}
			found.add(new Attachment(part.getFileName(), part.getContentType(), out.toByteArray()));
		}
	}
}

package com.starrymeet.notification.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.BookingCanceled;
import com.starrymeet.common.events.contract.BookingConfirmed;
import com.starrymeet.common.events.contract.UserUpdated;
import com.starrymeet.notification.NotificationTestSupport;
import com.starrymeet.notification.NotificationType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SMS through Twilio's REST API (WireMock answering as Twilio does): the booking confirmation code to the fan's
 * phone, with Basic auth and the form fields Twilio expects; a 5xx is tried again and sent once; a number Twilio
 * refuses (4xx) is dead at once; no phone, no SMS; a last-minute cancellation goes out by SMS too.
 */
class SmsTest extends NotificationTestSupport {

	static final String PATH = "/2010-04-01/Accounts/ACtest123/Messages.json";

	static final WireMockServer twilio = started();

	private static WireMockServer started() {
		var server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		return server;
	}

	@DynamicPropertySource
	static void twilio(DynamicPropertyRegistry registry) {
		registry.add("starrymeet.notification.sms.provider", () -> "twilio");
		registry.add("starrymeet.notification.sms.twilio.api-base", twilio::baseUrl);
		registry.add("starrymeet.notification.sms.twilio.account-sid", () -> "ACtest123");
		registry.add("starrymeet.notification.sms.twilio.auth-token", () -> "secret-token");
		registry.add("starrymeet.notification.sms.twilio.from", () -> "+15005550006");
	}

	@BeforeEach
	void twilioAnswers() {
		twilio.resetAll();
		twilio.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"sid\":\"SM123\",\"status\":\"queued\"}")));
	}

	@Test
	void theConfirmationCodeReachesThePhoneOnceEvenWhenTwilioFailsFirst() {
		var phone = "+336" + String.format("%08d", Math.floorMod(UUID.randomUUID().hashCode(), 100_000_000));
		var fan = withPhone(registered("Quinn", "USER"), phone);
		twilio.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing(encoded(phone)))
			.inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
		twilio.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing(encoded(phone)))
			.inScenario("flaky").whenScenarioStateIs("up")
			.willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM1\"}")));
		var bookingId = UUID.randomUUID();
		publish(Topics.BOOKING, "booking", bookingId, 2, new BookingConfirmed(bookingId, "BK-2027-000500", fan.id(),
				parisMeeting(null), price(20_000), UUID.randomUUID(), "pi_5", Instant.now()));
		await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(status(fan.id(), "BOOKING_CONFIRMED")));
		var requests = twilio.findAll(postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing(encoded(phone))));
		assertThat(requests).hasSize(2); // the 503, then the one that went out
		var request = requests.getLast();
		assertThat(request.getHeader("Authorization")).isEqualTo("Basic "
				+ java.util.Base64.getEncoder().encodeToString("ACtest123:secret-token".getBytes()));
		assertThat(request.getBodyAsString()).contains("To=" + encoded(phone), "From=%2B15005550006",
				"BK-2027-000500");
		assertThat(java.net.URLDecoder.decode(request.getBodyAsString(), java.nio.charset.StandardCharsets.UTF_8))
			.contains("Your confirmation code: BK-2027-000500", "Central European Summer Time (Europe/Paris)");
		assertThat(jdbc.sql("SELECT attempts FROM delivery WHERE recipient_id = :u AND channel = 'SMS'")
			.param("u", fan.id()).query(Integer.class).single()).isEqualTo(2);
		awaitMail(fan.email(), NotificationType.BOOKING_CONFIRMED); // the e-mail goes its own way
	}

	@Test
	void aNumberTwilioRefusesIsDeadAtOnceAndNoPhoneMeansNoSms() {
		var refused = withPhone(registered("Ray", "USER"), "+15005550001");
		twilio.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing(encoded("+15005550001")))
			.willReturn(aResponse().withStatus(400).withBody("{\"code\":21211,\"message\":\"Invalid 'To' Phone Number\"}")));
		var noPhone = registered("Sam", "USER");
		for (var person : java.util.List.of(refused, noPhone)) {
			var bookingId = UUID.randomUUID();
			publish(Topics.BOOKING, "booking", bookingId, 2, new BookingConfirmed(bookingId, "BK-2027-000600",
					person.id(), parisMeeting(null), price(20_000), UUID.randomUUID(), "pi_6", Instant.now()));
		}
		await().until(() -> "dead".equals(status(refused.id(), "BOOKING_CONFIRMED")));
		assertThat(jdbc.sql("SELECT attempts FROM delivery WHERE recipient_id = :u AND channel = 'SMS'")
			.param("u", refused.id()).query(Integer.class).single()).isEqualTo(1);
		await().until(() -> "dropped".equals(status(noPhone.id(), "BOOKING_CONFIRMED")));
	}

	@Test
	void aLastMinuteCancellationGoesOutBySms() {
		var phone = "+447" + String.format("%09d", Math.floorMod(UUID.randomUUID().hashCode(), 1_000_000_000));
		var fan = withPhone(registered("Tia", "USER"), phone);
		var bookingId = UUID.randomUUID();
		var soon = meetingAt(Instant.now().plus(Duration.ofHours(10)), "Europe/London", null);
		publish(Topics.BOOKING, "booking", bookingId, 4, new BookingCanceled(bookingId, "BK-2027-000700", fan.id(), soon,
				price(20_000), "CELEBRITY", null, "CELEBRITY_REQUEST", null, 100, 2_500, UUID.randomUUID(), Instant.now()));
		await().until(() -> "sent".equals(status(fan.id(), "BOOKING_CANCELED")));
		var body = java.net.URLDecoder.decode(twilio.findAll(postRequestedFor(urlEqualTo(PATH))
			.withRequestBody(containing(encoded(phone)))).getFirst().getBodyAsString(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(body).contains("BK-2027-000700", "was canceled", "(Europe/London)");
	}

	private Person withPhone(Person person, String phone) {
		publish(Topics.USER, "user", person.id(), 2, new UserUpdated(person.id(), person.email(), person.firstName(),
				"Tester", phone, null));
		await().until(() -> jdbc.sql("SELECT count(*) FROM contact WHERE user_id = :u AND phone = :p")
			.param("u", person.id()).param("p", phone).query(Long.class).single() == 1);
		return person;
	}

	private String status(UUID userId, String type) {
		return jdbc.sql("SELECT status FROM delivery WHERE recipient_id = :u AND channel = 'SMS' AND type = :t")
			.param("u", userId).param("t", type).query(String.class).optional().orElse(null);
	}

	private static String encoded(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}
}

package com.starrymeet.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.starrymeet.common.crypto.SealedBox;
import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.BookingMeeting;
import com.starrymeet.common.events.contract.BookingPrice;
import com.starrymeet.common.events.contract.UserRegistered;
import com.starrymeet.common.testing.EmbeddedInfrastructure;
import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * What the notification tests share: the service on real PostgreSQL and Kafka, a real SMTP server (GreenMail) on a
 * fixed port of its own (so it can be stopped and started again, as an outage), events published to the topics
 * exactly as the other services publish them, and every e-mail read back from the SMTP server.
 */
@ServiceTest
public abstract class NotificationTestSupport {

	/** user-service's tests seal for this pair too (config/application.yml holds the private half). */
	protected static final String PRIVATE_KEY = "MC4CAQAwBQYDK2VuBCIEIPVHJpcYPFqwwwJTHmu+U8PkpDo8GKcHGiGzLHRmFn8t";

	protected static final JsonMapper json = new JsonMapper();

	private static final ServerSetup smtpSetup = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

	protected static GreenMail smtp = started();

	private static KafkaProducer<String, String> producer;

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	protected TestHttp http;

	@DynamicPropertySource
	static void smtpServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", smtpSetup::getPort);
	}

	@BeforeEach
	void connect() {
		http = TestHttp.at(port);
		smtpUp();
	}

	private static GreenMail started() {
		var server = new GreenMail(smtpSetup);
		server.start();
		return server;
	}

	private static int freePort() {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The SMTP server goes away (everything it received is gone with it). */
	protected static synchronized void smtpDown() {
		smtp.stop();
	}

	/** The SMTP server is back (a no-op when it is running). */
	protected static synchronized void smtpUp() {
		if (!smtp.isRunning()) {
			smtp = new GreenMail(smtpSetup);
			smtp.start();
		}
	}

	// ---------------------------------------------------------------- events

	protected static void publish(String topic, String aggregate, UUID key, long version, Object payload) {
		publish(topic, key, EventEnvelope.of(aggregate, key, version, payload));
	}

	protected static void publish(String topic, UUID key, EventEnvelope<?> envelope) {
		synchronized (NotificationTestSupport.class) {
			if (producer == null) {
				producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
						EmbeddedInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer());
			}
		}
		try {
			producer.send(new ProducerRecord<>(topic, key.toString(), json.writeValueAsString(envelope)))
				.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A new account, known to notification-service through UserRegistered (its welcome e-mail included). */
	protected record Person(UUID id, String email, String firstName) {
	}

	protected Person registered(String firstName, String role) {
		var person = new Person(UUID.randomUUID(), firstName.toLowerCase() + "-" + UUID.randomUUID() + "@example.com",
				firstName);
		publish(com.starrymeet.common.events.Topics.USER, "user", person.id(), 1,
				new UserRegistered(person.id(), person.email(), firstName, "Tester", role, Instant.now()));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("SELECT count(*) FROM contact WHERE user_id = :id").param("id", person.id())
				.query(Long.class).single() == 1);
		return person;
	}

	protected static String seal(String token, String purpose, UUID userId) {
		return SealedBox.seal(SealedBox.publicKeyOf(SealedBox.privateKey(PRIVATE_KEY)), token, purpose + ":" + userId);
	}

	/** A meeting in Paris on 2027-07-03 at 19:00 local time (summer time), 60 minutes. */
	protected static BookingMeeting parisMeeting(UUID celebrityUserId) {
		var date = LocalDate.of(2027, 7, 3);
		var time = LocalTime.of(19, 0);
		var startsAt = date.atTime(time).atZone(ZoneId.of("Europe/Paris")).toInstant();
		return new BookingMeeting(UUID.randomUUID(), celebrityUserId, "Ada Star", UUID.randomUUID(), "Coffee chat", 60,
				UUID.randomUUID(), date, time, "Europe/Paris", startsAt, startsAt.plusSeconds(3600), "Paris", "FR");
	}

	/** A meeting of Ada Star at {@code startsAt} in {@code zone}. */
	protected static BookingMeeting meetingAt(Instant startsAt, String zone, UUID celebrityUserId) {
		var local = startsAt.atZone(ZoneId.of(zone));
		return new BookingMeeting(UUID.randomUUID(), celebrityUserId, "Ada Star", UUID.randomUUID(), "Coffee chat", 60,
				UUID.randomUUID(), local.toLocalDate(), local.toLocalTime(), zone, startsAt, startsAt.plusSeconds(3600),
				"Paris", "FR");
	}

	protected static BookingPrice price(long cents) {
		return new BookingPrice(cents, "USD", cents * 15 / 100, cents - cents * 15 / 100);
	}

	// ---------------------------------------------------------------- mailbox

	/** The e-mails of one type the SMTP server received for one address. */
	protected static List<MimeMessage> mails(String address, NotificationType type) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
			try {
				var to = m.getRecipients(Message.RecipientType.TO);
				return to != null && to.length == 1 && to[0].toString().equals(address)
						&& type.name().equals(m.getHeader("X-StarryMeet-Type", null));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	/** Waits for the one e-mail of {@code type} to {@code address} and returns it. */
	protected static MimeMessage awaitMail(String address, NotificationType type) {
		await().atMost(Duration.ofSeconds(30)).until(() -> !mails(address, type).isEmpty());
		return mails(address, type).getFirst();
	}

	protected static String text(Part part) {
		return part(part, "text/plain");
	}

	protected static String html(Part part) {
		return part(part, "text/html");
	}

	private static String part(Part part, String mime) {
		try {
			if (part.isMimeType(mime)) {
				return (String) part.getContent();
			}
			if (part.isMimeType("multipart/*")) {
				var multipart = (Multipart) part.getContent();
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart body = multipart.getBodyPart(i);
					var found = part(body, mime);
					if (found != null) {
						return found;
					}
				}
			}
			return null;
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	protected static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}
}

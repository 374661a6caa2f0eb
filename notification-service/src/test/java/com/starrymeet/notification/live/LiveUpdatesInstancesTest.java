package com.starrymeet.notification.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.nimbusds.jwt.JWTClaimsSet;
import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.AvailabilityChanged;
import com.starrymeet.common.events.contract.BookingCanceled;
import com.starrymeet.common.events.contract.BookingConfirmed;
import com.starrymeet.common.events.contract.BookingMeeting;
import com.starrymeet.common.events.contract.BookingPrice;
import com.starrymeet.common.events.contract.BookingRequested;
import com.starrymeet.common.events.contract.MessageSent;
import com.starrymeet.common.events.contract.UserRegistered;
import com.starrymeet.common.testing.EmbeddedInfrastructure;
import com.starrymeet.common.testing.InfrastructureInitializer;
import com.starrymeet.common.security.RevokedTokens;
import com.starrymeet.common.testing.TestTokens;
import com.starrymeet.notification.NotificationApplication;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two notification-service instances (two Spring contexts on one PostgreSQL and Kafka), users connected to
 * different ones with the JDK's WebSocket client: each event reaches the sessions of the users it concerns, on
 * whichever instance they are connected, and nobody else's; bad tokens are closed with 4401; a reconnecting client
 * gets the in-app notifications it missed; a revoked token's session closes within a heartbeat; a chat message is
 * e-mailed only to a recipient who is not connected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveUpdatesInstancesTest {

	static final JsonMapper json = new JsonMapper();

	static final Duration START = Duration.ofSeconds(90);

	/** The issue asks for a second; a shared 2-core CI machine gets some slack (Awaitility, not a timed assertion). */
	static final Duration LIVE = Duration.ofSeconds(5);

	GreenMail smtp;

	KafkaProducer<String, String> producer;

	ConfigurableApplicationContext one;

	ConfigurableApplicationContext two;

	final UUID fanA = UUID.randomUUID();

	final UUID fanB = UUID.randomUUID();

	final UUID starA = UUID.randomUUID();

	final UUID starB = UUID.randomUUID();

	final UUID admin = UUID.randomUUID();

	final UUID bookingA = UUID.randomUUID();

	final UUID bookingB = UUID.randomUUID();

	Client a;

	Client b;

	Client celebrityOfA;

	Client admins;

	@BeforeAll
	void startTwoInstances() throws Exception {
		smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				EmbeddedInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer());
		one = start();
		two = start();
		for (var user : List.of(fanA, fanB, starA, starB)) {
			publish(Topics.USER, user, EventEnvelope.of("user", user, 1, new UserRegistered(user,
					"live-" + user + "@example.com", "Live", "Tester", user.equals(starA) || user.equals(starB)
							? "CELEBRITY" : "USER", Instant.now())));
		}
		var jdbc = one.getBean(JdbcClient.class);
		await().atMost(START).until(() -> jdbc.sql("SELECT count(*) FROM contact WHERE user_id IN (:ids)")
			.param("ids", List.of(fanA, fanB, starA, starB)).query(Long.class).single() == 4);

		a = Client.connect(port(one), TestTokens.token(fanA.toString(), "USER"));
		b = Client.connect(port(two), TestTokens.token(fanB.toString(), "USER"));
		celebrityOfA = Client.connect(port(two), TestTokens.token(starA.toString(), "CELEBRITY"));
		admins = Client.connect(port(one), TestTokens.token(admin.toString(), "ADMIN"));
		for (var client : List.of(a, b, celebrityOfA, admins)) {
			await().atMost(LIVE).until(() -> client.first("ready") != null);
		}
		assertThat(a.first("ready").get("userId").asString()).isEqualTo(fanA.toString());
		assertThat(a.first("ready").get("unreadCount").asLong()).isZero();

		// both instances read from the end of the topics once their consumers have a position: a public probe,
		// published until every session has seen it, says so
		var probe = UUID.randomUUID();
		for (var client : List.of(a, b, celebrityOfA, admins)) {
			client.send(Map.of("type", "subscribe", "topic", "availability:" + probe));
		}
		await().atMost(START).pollInterval(Duration.ofMillis(500)).until(() -> {
			publish(Topics.AVAILABILITY, probe, EventEnvelope.of(AvailabilityChanged.AGGREGATE, probe, 1,
					new AvailabilityChanged(probe, List.of(new AvailabilityChanged.Location("Paris", "FR",
							"Europe/Paris", List.of(LocalDate.of(2031, 6, 1)))))));
			return List.of(a, b, celebrityOfA, admins).stream().allMatch(c -> c.first("availability") != null);
		});
		var availability = a.first("availability");
		assertThat(availability.get("celebrityId").asString()).isEqualTo(probe.toString());
		assertThat(availability.toString()).doesNotContain(fanA.toString(), fanB.toString());
	}

	@AfterAll
	void stop() {
		for (var client : new Client[] { a, b, celebrityOfA, admins }) {
			if (client != null) {
				client.socket().abort();
			}
		}
		for (var context : new ConfigurableApplicationContext[] { one, two }) {
			if (context != null) {
				context.close();
			}
		}
		if (producer != null) {
			producer.close();
		}
		if (smtp != null) {
			smtp.stop();
		}
	}

	@Test
	@Order(1)
	void eachBookingReachesItsOwnPeopleOnEitherInstanceAndNobodyElse() {
		publish(Topics.BOOKING, bookingA, EventEnvelope.of("booking", bookingA, 1, new BookingRequested(bookingA,
				"BK-LIVE-A", fanA, meeting(starA), price(), Instant.now().plusSeconds(900), Instant.now())));
		publish(Topics.BOOKING, bookingB, EventEnvelope.of("booking", bookingB, 1, new BookingRequested(bookingB,
				"BK-LIVE-B", fanB, meeting(starB), price(), Instant.now().plusSeconds(900), Instant.now())));
		publish(Topics.BOOKING, bookingA, EventEnvelope.of("booking", bookingA, 2, new BookingConfirmed(bookingA,
				"BK-LIVE-A", fanA, meeting(starA), price(), UUID.randomUUID(), null, Instant.now())));
		publish(Topics.BOOKING, bookingB, EventEnvelope.of("booking", bookingB, 2, new BookingConfirmed(bookingB,
				"BK-LIVE-B", fanB, meeting(starB), price(), UUID.randomUUID(), null, Instant.now())));

		// A on instance 1, the celebrity's account of A's booking and B on instance 2
		await().atMost(LIVE).until(() -> a.booking(bookingA, "confirmed") != null);
		await().atMost(LIVE).until(() -> celebrityOfA.booking(bookingA, "confirmed") != null);
		await().atMost(LIVE).until(() -> b.booking(bookingB, "confirmed") != null);
		// admins get the new bookings (not the confirmations)
		await().atMost(LIVE).until(() -> admins.booking(bookingA, "pending") != null
				&& admins.booking(bookingB, "pending") != null);
		assertThat(a.booking(bookingA, "confirmed").get("bookingNumber").asString()).isEqualTo("BK-LIVE-A");

		// the in-app notifications the confirmations made (stored by whichever instance consumed them), with the count
		await().atMost(LIVE.multipliedBy(2)).until(() -> a.first("notification") != null
				&& b.first("notification") != null && celebrityOfA.first("notification") != null);
		assertThat(a.first("notification").get("title").asString()).isEqualTo("Booking BK-LIVE-A confirmed");
		assertThat(a.first("notification").get("unreadCount").asLong()).isEqualTo(1);
		assertThat(b.first("notification").get("title").asString()).isEqualTo("Booking BK-LIVE-B confirmed");

		assertThat(a.everything()).doesNotContain(bookingB.toString(), "BK-LIVE-B");
		assertThat(celebrityOfA.everything()).doesNotContain(bookingB.toString(), "BK-LIVE-B");
		assertThat(b.everything()).doesNotContain(bookingA.toString(), "BK-LIVE-A");
		assertThat(admins.all("notification")).isEmpty();
	}

	@Test
	@Order(2)
	void aChatMessageReachesTheOtherSideOnly() {
		var message = UUID.randomUUID();
		publish(Topics.BOOKING, bookingA, EventEnvelope.of("booking", bookingA, 3, new MessageSent(message, bookingA,
				"BK-LIVE-A", starA, "CELEBRITY", fanA, "See you at the café", Instant.now())));
		await().atMost(LIVE).until(() -> a.first("message") != null);
		assertThat(a.first("message").get("text").asString()).isEqualTo("See you at the café");
		assertThat(a.first("message").get("messageId").asString()).isEqualTo(message.toString());
		await().atMost(LIVE.multipliedBy(2))
			.until(() -> a.all("notification").stream().anyMatch(n -> n.get("title").asString().startsWith("New message")));
		assertThat(celebrityOfA.all("message")).as("the sender is not the other side").isEmpty();
		assertThat(b.everything()).doesNotContain("See you at the café", bookingA.toString());
		assertThat(admins.all("message")).isEmpty();
		// the fan is connected (to instance 1; the event may have been consumed by instance 2): no e-mail
		var jdbc = one.getBean(JdbcClient.class);
		assertThat(jdbc.sql("SELECT count(*) FROM delivery WHERE recipient_id = :u AND type = 'NEW_MESSAGE'")
			.param("u", fanA).query(Long.class).single()).isZero();

		// B's celebrity is not connected anywhere: their message is e-mailed (to the replicated address, resolved when
		// sending). Whichever instance consumes the event sends it (in a whole test run, a cached context of another
		// test class shares the consumer group and sends through its own SMTP server), so the delivery row they share
		// is what is read; sending itself is AccountAndBookingMailsTest's
		var toStar = UUID.randomUUID();
		publish(Topics.BOOKING, bookingB, EventEnvelope.of("booking", bookingB, 3, new MessageSent(toStar, bookingB,
				"BK-LIVE-B", fanB, "USER", starB, "Running five minutes late", Instant.now())));
		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
			.sql("SELECT count(*) FROM delivery WHERE recipient_id = :u AND type = 'NEW_MESSAGE' AND channel = 'EMAIL'")
			.param("u", starB).query(Long.class).single() == 1);
		assertThat(jdbc.sql("SELECT count(*) FROM delivery WHERE recipient_id = :u AND type = 'NEW_MESSAGE'")
			.param("u", fanA).query(Long.class).single()).as("the connected fan still has none").isZero();
	}

	@Test
	@Order(5)
	void aRevokedTokensSocketClosesWithinAHeartbeatOnEitherInstance() throws Exception {
		var redis = one.getBean(StringRedisTemplate.class);
		// logged out (deny-listed jti) while connected to instance 2
		var jti = UUID.randomUUID().toString();
		var loggedOut = Client.connect(port(two), token(fanB, jti));
		await().atMost(LIVE).until(() -> loggedOut.first("ready") != null);
		redis.opsForValue().set(RevokedTokens.DENIED_PREFIX + jti, "1", Duration.ofMinutes(15));
		assertThat(loggedOut.closed().get(10, TimeUnit.SECONDS)).isEqualTo(4401);
		assertThat(loggedOut.closeReason()).isEqualTo("token revoked");
		// B's other session (another token) stays open
		b.send(Map.of("type", "ping"));
		await().atMost(LIVE).until(() -> b.first("pong") != null);
		assertThat(b.closed()).isNotDone();

		// the same token cannot connect again
		var again = Client.connect(port(one), token(fanB, jti));
		assertThat(again.closed().get(10, TimeUnit.SECONDS)).isEqualTo(4401);
		assertThat(again.everything()).doesNotContain("ready");

		// a suspension cuts off every token issued before it (auth:not-before), on both instances
		var suspended = UUID.randomUUID();
		var first = Client.connect(port(one), TestTokens.token(suspended.toString(), "USER"));
		var second = Client.connect(port(two), TestTokens.token(suspended.toString(), "USER"));
		await().atMost(LIVE).until(() -> first.first("ready") != null && second.first("ready") != null);
		redis.opsForValue().set(RevokedTokens.NOT_BEFORE_PREFIX + suspended,
				Long.toString(Instant.now().getEpochSecond() + 1), Duration.ofMinutes(15));
		assertThat(first.closed().get(10, TimeUnit.SECONDS)).isEqualTo(4401);
		assertThat(second.closed().get(10, TimeUnit.SECONDS)).isEqualTo(4401);
		// and the user is no longer online anywhere once their sessions are gone
		var presence = one.getBean(Presence.class);
		await().atMost(LIVE).until(() -> !presence.online(suspended));
		assertThat(presence.online(fanB)).isTrue();
	}

	@Test
	@Order(3)
	void badTokensAreClosedWith4401() throws Exception {
		var garbage = Client.connect(port(one), "not-a-token");
		assertThat(garbage.closed().get(10, TimeUnit.SECONDS)).isEqualTo(4401);

		var expired = TestTokens.sign(new JWTClaimsSet.Builder().subject(fanA.toString())
			.claim("role", "USER")
			.issuer(TestTokens.ISSUER)
			.audience(TestTokens.AUDIENCE)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(Instant.now().minusSeconds(3600)))
			.expirationTime(Date.from(Instant.now().minusSeconds(1800)))
			.build());
		var late = Client.connect(port(two), expired);
		assertThat(late.closed().get(10, TimeUnit.SECONDS)).isEqualTo(4401);
		assertThat(late.everything()).doesNotContain("ready");

		var wrongAudience = TestTokens.sign(new JWTClaimsSet.Builder().subject(fanA.toString())
			.claim("role", "USER")
			.issuer(TestTokens.ISSUER)
			.audience("someone-else")
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(600)))
			.build());
		assertThat(Client.connect(port(one), wrongAudience).closed().get(10, TimeUnit.SECONDS)).isEqualTo(4401);

		var noAuth = Client.open(port(one));
		noAuth.send(Map.of("type", "subscribe", "topic", "availability:" + UUID.randomUUID()));
		assertThat(noAuth.closed().get(10, TimeUnit.SECONDS)).isEqualTo(4401);

		// a token that expires while connected: the session closes itself at exp
		var shortLived = TestTokens.sign(new JWTClaimsSet.Builder().subject(fanA.toString())
			.claim("role", "USER")
			.issuer(TestTokens.ISSUER)
			.audience(TestTokens.AUDIENCE)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(3)))
			.build());
		var brief = Client.connect(port(two), shortLived);
		await().atMost(LIVE).until(() -> brief.first("ready") != null);
		assertThat(brief.closed().get(15, TimeUnit.SECONDS)).isEqualTo(4401);
		assertThat(brief.closeReason()).isEqualTo("token expired");
	}

	@Test
	@Order(4)
	void aReconnectingClientGetsWhatItMissedInOrder() {
		var lastSeen = a.all("notification").getLast().get("createdAt").asString();
		a.socket().abort();

		var meeting = meeting(starA);
		publish(Topics.BOOKING, bookingA, EventEnvelope.of("booking", bookingA, 4, new MessageSent(UUID.randomUUID(),
				bookingA, "BK-LIVE-A", starA, "CELEBRITY", fanA, "Are you there?", Instant.now())));
		publish(Topics.BOOKING, bookingA, EventEnvelope.of("booking", bookingA, 5, new BookingCanceled(bookingA,
				"BK-LIVE-A", fanA, meeting, price(), "CELEBRITY", starA, "CELEBRITY_REQUEST", null, 100, 0, null,
				Instant.now())));
		var jdbc = two.getBean(JdbcClient.class);
		await().atMost(LIVE.multipliedBy(2)).until(() -> jdbc
			.sql("SELECT count(*) FROM in_app_notification WHERE user_id = :u").param("u", fanA).query(Long.class)
			.single() == 4);
		// B, connected all along, heard nothing of it
		assertThat(b.everything()).doesNotContain("Are you there?", "BK-LIVE-A");

		var again = Client.connect(port(two), TestTokens.token(fanA.toString(), "USER"));
		await().atMost(LIVE).until(() -> again.first("ready") != null);
		assertThat(again.first("ready").get("unreadCount").asLong()).isEqualTo(4);
		again.send(Map.of("type", "resume", "since", lastSeen));
		await().atMost(LIVE).until(() -> again.first("resumed") != null);
		assertThat(again.all("notification")).extracting(n -> n.get("title").asString())
			.containsExactly("New message about BK-LIVE-A", "Booking BK-LIVE-A canceled");
		assertThat(again.first("resumed").get("count").asInt()).isEqualTo(2);
		again.socket().abort();
	}

	// ---- helpers

	ConfigurableApplicationContext start() {
		var context = new SpringApplicationBuilder(NotificationApplication.class)
			.initializers(new InfrastructureInitializer())
			.run("--server.port=0", "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.getSmtp().getPort(),
					"--starrymeet.notification.live.heartbeat=500ms",
					"--logging.structured.format.console=");
		var registry = context.getBean(KafkaListenerEndpointRegistry.class);
		await().atMost(START).until(() -> {
			var container = registry.getListenerContainer("live-updates");
			return container != null && container.getAssignedPartitions() != null
					&& !container.getAssignedPartitions().isEmpty();
		});
		return context;
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	void publish(String topic, UUID key, EventEnvelope<?> envelope) {
		try {
			producer.send(new ProducerRecord<>(topic, key.toString(), json.writeValueAsString(envelope)))
				.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static BookingMeeting meeting(UUID celebrityUserId) {
		var date = LocalDate.of(2031, 7, 3);
		var time = LocalTime.of(19, 0);
		var startsAt = date.atTime(time).atZone(ZoneId.of("Europe/Paris")).toInstant();
		return new BookingMeeting(UUID.randomUUID(), celebrityUserId, "Ada Star", UUID.randomUUID(), "Coffee chat", 60,
				UUID.randomUUID(), date, time, "Europe/Paris", startsAt, startsAt.plusSeconds(3600), "Paris", "FR");
	}

	static String token(UUID user, String jti) {
		return TestTokens.sign(new JWTClaimsSet.Builder().subject(user.toString())
			.claim("role", "USER")
			.issuer(TestTokens.ISSUER)
			.audience(TestTokens.AUDIENCE)
			.jwtID(jti)
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(900)))
			.build());
	}

	static BookingPrice price() {
		return new BookingPrice(20_000, "USD", 3_000, 17_000);
	}

	static int freePort() {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One browser tab: the frames it received, in order, and how it was closed. */
	record Client(WebSocket socket, List<JsonNode> frames, CompletableFuture<Integer> closed, StringBuilder reason) {

		static Client open(int port) {
			var frames = new CopyOnWriteArrayList<JsonNode>();
			var closed = new CompletableFuture<Integer>();
			var reason = new StringBuilder();
			var socket = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.buildAsync(URI.create("ws://localhost:" + port + "/v1/ws"), new WebSocket.Listener() {
					final StringBuilder partial = new StringBuilder();

					@Override
					public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
						partial.append(data);
						if (last) {
							frames.add(json.readTree(partial.toString()));
							partial.setLength(0);
						}
						webSocket.request(1);
						return null;
					}

					@Override
					public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String why) {
						synchronized (reason) {
							reason.append(why);
						}
						closed.complete(statusCode);
						return null;
					}

					@Override
					public void onError(WebSocket webSocket, Throwable error) {
						closed.completeExceptionally(error);
					}
				})
				.join();
			return new Client(socket, frames, closed, reason);
		}

		static Client connect(int port, String token) {
			var client = open(port);
			client.send(Map.of("type", "auth", "token", token));
			return client;
		}

		void send(Map<String, ?> frame) {
			socket.sendText(json.writeValueAsString(frame), true).join();
		}

		List<JsonNode> all(String type) {
			return frames.stream().filter(f -> type.equals(f.path("type").asString(""))).toList();
		}

		JsonNode first(String type) {
			var all = all(type);
			return all.isEmpty() ? null : all.getFirst();
		}

		JsonNode booking(UUID bookingId, String status) {
			return all("booking").stream()
				.filter(f -> bookingId.toString().equals(f.path("bookingId").asString(""))
						&& status.equals(f.path("status").asString("")))
				.findFirst()
				.orElse(null);
		}

		String everything() {
			return frames.toString();
		}

		String closeReason() {
			synchronized (reason) {
				return reason.toString();
			}
		}
	}
}

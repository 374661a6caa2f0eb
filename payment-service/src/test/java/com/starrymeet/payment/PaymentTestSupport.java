package com.starrymeet.payment;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.testing.EmbeddedInfrastructure;
import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import com.starrymeet.stripesim.StripeSimulator;
import com.stripe.StripeClient;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the payment tests share — one service context: the service on real PostgreSQL and Kafka, Stripe played by
 * the Stripe simulator in this JVM (reached through stripe-java exactly as Stripe is: only {@code api-base}
 * differs; it signs and sends its webhooks to this service), and booking-service's {@code /internal/bookings/{id}}
 * stubbed with WireMock answering exactly the contract's JSON (the real pair is proven in the fleet test).
 */
@ServiceTest
public abstract class PaymentTestSupport {

	public static final String SECRET_KEY = "sk_test_payment_service_tests";

	public static final String WEBHOOK_SECRET = "whsec_payment_service_tests";

	protected static final JsonMapper json = new JsonMapper();

	protected static final StripeSimulator sim = StripeSimulator.start(new StripeSimulator.Settings(0, SECRET_KEY,
			WEBHOOK_SECRET, List.of()).withRetries(Duration.ofMillis(200), Duration.ofSeconds(2), 10));

	protected static final WireMockServer bookingService = started();

	private static final Map<Integer, Boolean> endpoints = new ConcurrentHashMap<>();

	private static KafkaProducer<String, String> producer;

	/** stripe-java against the simulator, to look at what Stripe holds (as a Stripe dashboard would). */
	protected static final StripeClient stripe = StripeClient.builder()
		.setApiKey(SECRET_KEY)
		.setApiBase(sim.baseUrl())
		.build();

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	protected TestHttp http;

	@DynamicPropertySource
	static void stripeAndBookingService(DynamicPropertyRegistry registry) {
		registry.add("starrymeet.stripe.api-base", sim::baseUrl);
		registry.add("starrymeet.payment.booking-url", bookingService::baseUrl);
	}

	private static WireMockServer started() {
		var server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		return server;
	}

	@BeforeEach
	void connect() {
		http = TestHttp.at(port);
		endpoints.computeIfAbsent(port, p -> {
			sim.addWebhookEndpoint(URI.create("http://localhost:" + p + "/v1/webhooks/stripe"));
			return true;
		});
		sim.webhooks().clearFaults();
		sim.webhooks().resume();
	}

	// ---------------------------------------------------------------- bookings and intents

	/** A booking as booking-service froze it, and its fan. */
	public record Booking(UUID id, String number, UUID fanId, UUID celebrityId, long amountCents, String currency,
			Instant holdExpiresAt) {

		public String token() {
			return TestTokens.token(fanId.toString(), "USER");
		}
	}

	protected static Booking booking() {
		return booking(25_000);
	}

	protected static Booking booking(long amountCents) {
		var id = UUID.randomUUID();
		return new Booking(id, "BK-2026-" + String.format("%06d", Math.floorMod(id.hashCode(), 1_000_000)),
				UUID.randomUUID(), UUID.randomUUID(), amountCents, "USD", Instant.now().plusSeconds(900));
	}

	/** booking-service answers {@code GET /internal/bookings/{id}} for this booking, as the contract says. */
	protected static void bookingServiceKnows(Booking booking, String status) {
		bookingService.stubFor(get(urlEqualTo("/internal/bookings/" + booking.id())).willReturn(aResponse()
			.withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"success":true,"data":{"bookingId":"%s","bookingNumber":"%s","fanId":"%s","celebrityId":"%s",
					"status":"%s","amountCents":%d,"currency":"%s","holdExpiresAt":"%s"}}"""
				.formatted(booking.id(), booking.number(), booking.fanId(), booking.celebrityId(), status,
						booking.amountCents(), booking.currency(), booking.holdExpiresAt()))));
	}

	protected static String intentBody(Booking booking) {
		return """
				{"bookingId":"%s","bookingNumber":"%s","fanId":"%s","celebrityId":"%s","amountCents":%d,
				"currency":"%s","holdExpiresAt":"%s"}""".formatted(booking.id(), booking.number(), booking.fanId(),
				booking.celebrityId(), booking.amountCents(), booking.currency(), booking.holdExpiresAt());
	}

	/** booking-service's call right after taking the slot. */
	protected java.net.http.HttpResponse<String> askIntent(Booking booking) {
		return http.post("/internal/payments/intents", intentBody(booking), "application/json", "Idempotency-Key",
				booking.id().toString());
	}

	/** The booking's intent ({@code data} of the answer). */
	protected JsonNode intent(Booking booking) {
		var response = askIntent(booking);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body()).get("data");
	}

	protected java.net.http.HttpResponse<String> confirm(Booking booking, String paymentMethod, String... extra) {
		var body = "{\"bookingId\":\"" + booking.id() + "\",\"paymentMethodId\":\"" + paymentMethod + "\""
				+ String.join("", extra) + "}";
		return http.post("/v1/payments/confirm", body, "application/json", "Authorization",
				TestHttp.bearer(booking.token()));
	}

	protected JsonNode confirmed(Booking booking, String paymentMethod, String... extra) {
		var response = confirm(booking, paymentMethod, extra);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body()).get("data");
	}

	protected String status(UUID paymentId) {
		return jdbc.sql("SELECT status FROM payment WHERE id = :id").param("id", paymentId).query(String.class).single();
	}

	protected void awaitStatus(UUID paymentId, String status) {
		await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(status(paymentId)).isEqualTo(status));
	}

	/** Every webhook the simulator sent so far was answered (none held, none being retried). */
	protected static void awaitWebhooksSettled() {
		await().atMost(30, TimeUnit.SECONDS).until(() -> {
			var deliveries = sim.deliveries();
			var last = new java.util.HashMap<String, com.starrymeet.stripesim.Delivery>();
			for (var d : deliveries) {
				last.put(d.eventId() + "/" + d.endpoint() + "/" + d.copy(), d);
			}
			return last.values().stream().allMatch(com.starrymeet.stripesim.Delivery::succeeded);
		});
	}

	/** No outbox publication is still waiting to reach Kafka. */
	protected void awaitOutboxDrained() {
		await().atMost(30, TimeUnit.SECONDS)
			.until(() -> jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL")
				.query(Long.class)
				.single() == 0);
	}

	protected UUID paymentId(JsonNode data) {
		return UUID.fromString(data.get("paymentId").asString());
	}

	// ---------------------------------------------------------------- Kafka

	/** Publishes a booking event as booking-service does (envelope JSON, key = booking id); answers its event id. */
	protected static UUID publishBookingEvent(UUID bookingId, long version, Object payload) {
		synchronized (PaymentTestSupport.class) {
			if (producer == null) {
				producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
						EmbeddedInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer());
			}
		}
		var envelope = EventEnvelope.of("booking", bookingId, version, payload);
		try {
			producer.send(new ProducerRecord<>(Topics.BOOKING, bookingId.toString(), json.writeValueAsString(envelope)))
				.get(30, TimeUnit.SECONDS);
			return envelope.eventId();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}
}

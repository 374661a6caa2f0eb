package com.starrymeet.booking.booking;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.PaymentSucceeded;
import com.starrymeet.common.testing.EmbeddedInfrastructure;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Sets up celebrities, calendars and meeting types (stubbed catalog), and calls the bookings API over real HTTP. */
final class BookingApi {

	static final JsonMapper json = new JsonMapper();

	static final long PRICE = 25_000;

	final TestHttp http;

	final JdbcClient jdbc;

	BookingApi(int port, JdbcClient jdbc) {
		this.http = TestHttp.at(port);
		this.jdbc = jdbc;
	}

	/** A bookable celebrity with a location in Los Angeles, a window and a meeting type at $250 for 30 min. */
	record Celebrity(UUID id, UUID userId, String token, UUID meetingTypeId, UUID locationId) {
	}

	record Window(UUID id, LocalDate date) {
	}

	Celebrity celebrity() {
		var userId = UUID.randomUUID();
		var id = UUID.randomUUID();
		jdbc.sql("INSERT INTO celebrity_replica (celebrity_id, user_id, active, verified, version) VALUES (:id, :user, true, true, 1)")
			.param("id", id)
			.param("user", userId)
			.update();
		var token = TestTokens.token(userId.toString(), "CELEBRITY");
		var location = post("/v1/celebrities/" + id + "/availability/locations",
				"{\"city\":\"Los Angeles\",\"country\":\"USA\",\"timeZone\":\"America/Los_Angeles\"}", token, null);
		assertThat(location.statusCode()).as(location.body()).isEqualTo(201);
		var meetingType = UUID.randomUUID();
		Stubs.meetingType(id, meetingType, userId, PRICE, 30, true, true);
		return new Celebrity(id, userId, token, meetingType, UUID.fromString(data(location).get("id").asString()));
	}

	/** A window 10:00–12:00 local, {@code daysAhead} days from now (well beyond the 24 h lead time). */
	Window window(Celebrity celebrity, int daysAhead, int capacity) {
		var date = LocalDate.now(ZoneOffset.UTC).plusDays(daysAhead);
		var response = post("/v1/celebrities/" + celebrity.id() + "/availability/windows", """
				{"locationId":"%s","date":"%s","startTime":"10:00","endTime":"12:00","capacity":%d}"""
			.formatted(celebrity.locationId(), date, capacity), celebrity.token(), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return new Window(UUID.fromString(data(response).get("id").asString()), date);
	}

	/** A location of the celebrity in another city and zone. */
	UUID location(Celebrity celebrity, String city, String country, String zone) {
		var location = post("/v1/celebrities/" + celebrity.id() + "/availability/locations",
				"{\"city\":\"%s\",\"country\":\"%s\",\"timeZone\":\"%s\"}".formatted(city, country, zone), celebrity.token(),
				null);
		assertThat(location.statusCode()).as(location.body()).isEqualTo(201);
		return UUID.fromString(data(location).get("id").asString());
	}

	/** A window 10:00–12:00 local on {@code date} at a location. */
	Window window(Celebrity celebrity, UUID locationId, LocalDate date, int capacity) {
		var response = post("/v1/celebrities/" + celebrity.id() + "/availability/windows", """
				{"locationId":"%s","date":"%s","startTime":"10:00","endTime":"12:00","capacity":%d}"""
			.formatted(locationId, date, capacity), celebrity.token(), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return new Window(UUID.fromString(data(response).get("id").asString()), date);
	}

	/** A fan's booking, paid: PaymentSucceeded over Kafka, then confirmed. Returns its id. */
	UUID confirmed(UUID fan, String body) throws Exception {
		var response = book(TestTokens.token(fan.toString(), "USER"), UUID.randomUUID().toString(), body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		var id = UUID.fromString(data(response).get("booking").get("id").asString());
		var payment = UUID.randomUUID();
		publishPayment(new EventEnvelope<>(UUID.randomUUID(), "PaymentSucceeded", java.time.Instant.now(),
				PaymentSucceeded.AGGREGATE, payment.toString(), 2, new PaymentSucceeded(payment, id, fan, "pi_" + id,
						PRICE, "USD", "visa", "4242", java.time.Instant.now())));
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "confirmed".equals(status(id)));
		return id;
	}

	HttpResponse<String> delete(String path, String token) {
		return http.method("DELETE", path, "", "Authorization", TestHttp.bearer(token));
	}

	HttpResponse<String> patch(String path, String body, String token) {
		return http.method("PATCH", path, body, "Content-Type", "application/json", "Authorization",
				TestHttp.bearer(token));
	}

	/** The types of the events recorded for the booking (its history table), in order. */
	List<String> history(UUID bookingId) {
		return jdbc.sql("SELECT type FROM booking_event WHERE booking_id = :id ORDER BY id").param("id", bookingId)
			.query(String.class).list();
	}

	/** Moves the meeting (the booking's instants only) so that it starts {@code startsIn} from now. */
	void meetingStartsIn(UUID bookingId, Duration startsIn) {
		jdbc.sql("UPDATE booking SET starts_at = now() + make_interval(secs => :s), ends_at = now() + make_interval(secs => :s) + interval '30 minutes' WHERE id = :id")
			.param("s", (double) startsIn.toSeconds()).param("id", bookingId).update();
	}

	static String body(Celebrity celebrity, Window window, String time) {
		return body(celebrity, window.id(), window.date(), time, "Los Angeles", "USA");
	}

	static String body(Celebrity celebrity, UUID windowId, LocalDate date, String time, String city, String country) {
		return """
				{"celebrityId":"%s","meetingTypeId":"%s","availableDateId":"%s","date":"%s","time":"%s",
				 "location":{"city":"%s","country":"%s"},"specialRequests":"Please sign my book",
				 "fanNotes":"Huge fan since Harry Potter!","occasion":"birthday"}"""
			.formatted(celebrity.id(), celebrity.meetingTypeId(), windowId, date, time, city, country);
	}

	HttpResponse<String> book(String token, String key, String body) {
		return post("/v1/bookings", body, token, key);
	}

	/** Books and expects 201; returns the booking. */
	JsonNode booked(String token, Celebrity celebrity, Window window, String time) {
		var response = book(token, UUID.randomUUID().toString(), body(celebrity, window, time));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return data(response).get("booking");
	}

	HttpResponse<String> post(String path, String body, @Nullable String token, @Nullable String key) {
		var headers = new ArrayList<String>(List.of("Content-Type", "application/json"));
		if (token != null) {
			headers.add("Authorization");
			headers.add(TestHttp.bearer(token));
		}
		if (key != null) {
			headers.add("Idempotency-Key");
			headers.add(key);
		}
		return http.method("POST", path, body, headers.toArray(String[]::new));
	}

	HttpResponse<String> get(String path, @Nullable String token) {
		return token == null ? http.get(path) : http.get(path, "Authorization", TestHttp.bearer(token));
	}

	int booked(UUID windowId) {
		return jdbc.sql("SELECT booked FROM time_window WHERE id = :id").param("id", windowId).query(Integer.class).single();
	}

	String status(UUID bookingId) {
		return jdbc.sql("SELECT status FROM booking WHERE id = :id").param("id", bookingId).query(String.class).single();
	}

	long bookings(UUID celebrityId) {
		return jdbc.sql("SELECT count(*) FROM booking WHERE celebrity_id = :c").param("c", celebrityId).query(Long.class).single();
	}

	/**
	 * The invariant: for every window of the celebrities that have bookings, {@code booked} = the number of its live
	 * bookings (pending, confirmed, completed, disputed). Returns the windows where it does not hold.
	 */
	List<Map<String, Object>> windowsOffCount() {
		return jdbc.sql("""
				SELECT w.id, w.booked, (SELECT count(*) FROM booking b WHERE b.window_id = w.id
				    AND b.status IN ('pending', 'confirmed', 'completed', 'disputed')) AS live
				FROM time_window w WHERE w.celebrity_id IN (SELECT celebrity_id FROM booking)
				  AND w.booked <> (SELECT count(*) FROM booking b WHERE b.window_id = w.id
				    AND b.status IN ('pending', 'confirmed', 'completed', 'disputed'))""")
			.query()
			.listOfRows();
	}

	static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	static JsonNode data(HttpResponse<String> response) {
		return body(response).get("data");
	}

	static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(body(response).get("code").asString()).as(response.body()).isEqualTo(code);
	}

	static List<String> errorFields(HttpResponse<String> response) {
		var errors = body(response).get("errors");
		return errors == null ? List.of() : errors.valueStream().map(e -> e.get("field").asString()).toList();
	}

	/** Publishes payment-service's events as it would (envelope JSON, key = payment id). */
	static void publishPayment(EventEnvelope<?>... events) throws Exception {
		try (var producer = new KafkaProducer<>(
				Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.kafkaBootstrapServers()),
				new StringSerializer(), new StringSerializer())) {
			for (var event : events) {
				producer.send(new ProducerRecord<>(Topics.PAYMENT, event.aggregateId(), json.writeValueAsString(event))).get();
			}
		}
	}

	/** Reads {@link Topics#BOOKING} from the beginning as a group of its own. */
	static final class BookingTopic implements AutoCloseable {

		private final KafkaConsumer<String, String> consumer;

		private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

		BookingTopic() {
			this(Topics.BOOKING);
		}

		BookingTopic(String topic) {
			consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
					EmbeddedInfrastructure.kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG,
					"reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
					new StringDeserializer(), new StringDeserializer());
			consumer.subscribe(List.of(topic));
		}

		/** The envelopes of booking {@code id} so far, in topic order. */
		List<JsonNode> envelopes(UUID id) {
			consumer.poll(Duration.ofMillis(300)).forEach(records::add);
			return records.stream().filter(r -> id.toString().equals(r.key())).map(r -> json.readTree(r.value())).toList();
		}

		List<String> types(UUID id) {
			return envelopes(id).stream().map(e -> e.get("type").asString()).toList();
		}

		@Override
		public void close() {
			consumer.close();
		}
	}
}

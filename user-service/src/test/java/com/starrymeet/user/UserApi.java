package com.starrymeet.user;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.starrymeet.common.testing.TestHttp;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls user-service over real HTTP and reads what it published on Kafka; shared by the black-box tests.
 */
public final class UserApi {

	public static final JsonMapper json = new JsonMapper();

	public static final String PASSWORD = "Str0ng!Passw0rd";

	public static final String TOPIC = "starrymeet.user.v1";

	public final TestHttp http;

	private final String kafka;

	public UserApi(int port, String kafkaBootstrapServers) {
		this.http = TestHttp.at(port);
		this.kafka = kafkaBootstrapServers;
	}

	public static String newEmail() {
		return "fan-" + UUID.randomUUID() + "@example.test";
	}

	/** A new account: {user, accessToken, refreshToken, expiresIn}. */
	public JsonNode register(String email) {
		return register(email, "Ada", "Lovelace");
	}

	public JsonNode register(String email, String firstName, String lastName) {
		var response = http.post("/v1/auth/register", """
				{"email": "%s", "password": "%s", "firstName": "%s", "lastName": "%s", "phone": "+14155550123"}"""
			.formatted(email, PASSWORD, firstName, lastName), "application/json");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return data(response);
	}

	public HttpResponse<String> login(String email, String password) {
		return http.post("/v1/auth/login", """
				{"email": "%s", "password": "%s"}""".formatted(email, password), "application/json");
	}

	public HttpResponse<String> login(String email, String password, String totpCode) {
		return http.post("/v1/auth/login", """
				{"email": "%s", "password": "%s", "totpCode": "%s"}""".formatted(email, password, totpCode),
				"application/json");
	}

	public HttpResponse<String> refresh(String token) {
		return http.post("/v1/auth/refresh", "{\"refreshToken\": \"%s\"}".formatted(token), "application/json");
	}

	public HttpResponse<String> post(String path, String body) {
		return http.post(path, body, "application/json");
	}

	public HttpResponse<String> post(String path, String body, String accessToken) {
		return http.post(path, body, "application/json", "Authorization", TestHttp.bearer(accessToken));
	}

	public HttpResponse<String> get(String path, String accessToken) {
		return http.get(path, "Authorization", TestHttp.bearer(accessToken));
	}

	public HttpResponse<String> send(String method, String path, String body, String accessToken) {
		return http.method(method, path, body, "Authorization", TestHttp.bearer(accessToken), "Content-Type",
				"application/json");
	}

	public static JsonNode data(HttpResponse<String> response) {
		return json.readTree(response.body()).get("data");
	}

	public static JsonNode ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return data(response);
	}

	public static JsonNode problem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
		var body = json.readTree(response.body());
		assertThat(body.get("code").asString()).isEqualTo(code);
		assertThat(body.get("success").asBoolean()).isFalse();
		return body;
	}

	/**
	 * Reads {@code starrymeet.user.v1} from the beginning until the events keyed by {@code key} satisfy
	 * {@code until} holds for them (or 30 s pass); returns every event of that key seen, as JSON strings.
	 */
	public List<String> events(String key, Predicate<List<JsonNode>> until) {
		var mine = new ArrayList<String>();
		try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
				ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest"), new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(TOPIC));
			long deadline = System.currentTimeMillis() + 30_000;
			var parsed = new ArrayList<JsonNode>();
			while (System.currentTimeMillis() < deadline && !until.test(parsed)) {
				for (var record : consumer.poll(Duration.ofMillis(500))) {
					if (key.equals(record.key())) {
						mine.add(record.value());
						parsed.add(json.readTree(record.value()));
					}
				}
			}
		}
		return mine;
	}

	/** The payload of the latest event of {@code type} for the key, waiting for {@code count} of them. */
	public JsonNode latest(String key, String type, int count) {
		var events = events(key, seen -> seen.stream().filter(e -> isType(e, type)).count() >= count).stream()
			.map(json::readTree)
			.filter(e -> isType(e, type))
			.toList();
		assertThat(events).as("%s events for %s", type, key).hasSizeGreaterThanOrEqualTo(count);
		return events.getLast().get("payload");
	}

	/** Every record the topic holds now, read to its end offsets. */
	public List<String> readAll() {
		var values = new ArrayList<String>();
		try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
				ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID()), new StringDeserializer(),
				new StringDeserializer())) {
			var partitions = consumer.partitionsFor(TOPIC)
				.stream()
				.map(p -> new TopicPartition(p.topic(), p.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			var end = consumer.endOffsets(partitions);
			long deadline = System.currentTimeMillis() + 30_000;
			while (System.currentTimeMillis() < deadline
					&& partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
				consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
			}
		}
		return values;
	}

	/** A record as it is on the topic: key, value and header values as raw bytes, never parsed. */
	public record RawRecord(byte[] key, byte[] value, List<byte[]> headers) {

		/** Whether {@code text} (as UTF-8) occurs in the key, the value or a header of the record. */
		public boolean contains(String text) {
			var needle = text.getBytes(StandardCharsets.UTF_8);
			return indexOf(key, needle) >= 0 || indexOf(value, needle) >= 0
					|| headers.stream().anyMatch(h -> indexOf(h, needle) >= 0);
		}

		private static int indexOf(byte[] haystack, byte[] needle) {
			if (haystack == null) {
				return -1;
			}
			outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
				for (int j = 0; j < needle.length; j++) {
					if (haystack[i + j] != needle[j]) {
						continue outer;
					}
				}
				return i;
			}
			return -1;
		}
	}

	/** Every record the topic holds now, as raw bytes, read to its end offsets. */
	public List<RawRecord> rawRecords() {
		var records = new ArrayList<RawRecord>();
		try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
				ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID()), new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			var partitions = consumer.partitionsFor(TOPIC)
				.stream()
				.map(p -> new TopicPartition(p.topic(), p.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			var end = consumer.endOffsets(partitions);
			long deadline = System.currentTimeMillis() + 30_000;
			while (System.currentTimeMillis() < deadline
					&& partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
				consumer.poll(Duration.ofMillis(200)).forEach(r -> {
					var headers = new ArrayList<byte[]>();
					r.headers().forEach(h -> headers.add(h.value()));
					records.add(new RawRecord(r.key(), r.value(), headers));
				});
			}
			assertThat(partitions).as("read %s to its end", TOPIC).allMatch(p -> consumer.position(p) >= end.get(p));
		}
		return records;
	}

	public static boolean isType(JsonNode event, String type) {
		return type.equals(event.get("type").asString());
	}
}

package com.starrymeet.search.indexing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.AvailabilityChanged;
import com.starrymeet.common.events.contract.CelebrityUpserted;
import com.starrymeet.common.testing.EmbeddedInfrastructure;
import com.starrymeet.common.testing.InfrastructureInitializer;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import com.starrymeet.search.SearchApplication;
import com.starrymeet.search.testdata.CelebrityBuilder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.starrymeet.search.testdata.CelebrityBuilder.celebrity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two search-service instances (two Spring contexts on random ports, each with its own index directory) against
 * the same Kafka: each holds the whole catalog, a 300-celebrity load (1,200 events) is searchable on both within
 * 10 seconds of its last event, rebuilding one touches nothing of the other, and a restarted instance resumes
 * from the positions in its own index instead of reading everything again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchInstancesTest {

	static final JsonMapper json = new JsonMapper();

	static final int CELEBRITIES = 300;

	/** The target: the demo load fully searchable this soon after its last event. */
	static final Duration CATCH_UP = Duration.ofSeconds(10);

	static final Duration START = Duration.ofSeconds(90);

	final String tag = "bulk" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

	final String admin = TestHttp.bearer(TestTokens.token("ADMIN"));

	Path directories;

	Instance a;

	Instance b;

	record Instance(String name, Path index, ConfigurableApplicationContext context, TestHttp http) {

		void stop() {
			context.close();
		}
	}

	@BeforeAll
	void startTwoInstances() throws Exception {
		directories = Files.createTempDirectory("search-instances");
		a = start("a");
		b = start("b");
		// instances that have indexed before (JIT-compiled), as in a running fleet: a small load first
		var warmUp = "warm" + tag;
		publishLoad(warmUp, 50);
		await().atMost(START).until(() -> total(a, "q=" + warmUp) == 50 && total(b, "q=" + warmUp) == 50);
	}

	@AfterAll
	void stopThem() throws IOException {
		for (var instance : new Instance[] { a, b }) {
			if (instance != null && instance.context().isActive()) {
				instance.stop();
			}
		}
		try (Stream<Path> files = Files.walk(directories)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

	@Test
	@Order(1)
	void bothInstancesHoldTheWholeLoadSecondsAfterItsLastEvent() throws Exception {
		long lastEventAcked = publishLoad(tag, CELEBRITIES);

		await().atMost(CATCH_UP)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> total(a, "q=" + tag) == CELEBRITIES && total(b, "q=" + tag) == CELEBRITIES);
		long searchableAfter = System.nanoTime() / 1_000_000 - lastEventAcked;
		System.out.printf("%d celebrities (%d events) searchable on both instances %d ms after the last event%n",
				CELEBRITIES, CELEBRITIES * 4, searchableAfter);
		assertThat(searchableAfter).isLessThanOrEqualTo(CATCH_UP.toMillis());

		// the same answers: every celebrity at its last version, available where the last event says
		for (var instance : List.of(a, b)) {
			assertThat(total(instance, "q=" + tag + "&city=Zurich&date=2031-06-01")).isEqualTo(CELEBRITIES);
			assertThat(total(instance, "q=" + tag + "&city=zürich&minPrice=200&maxPrice=200")).isEqualTo(CELEBRITIES);
			var names = json.readTree(instance.http().get("/v1/search/celebrities?limit=100&q=" + tag).body())
				.at("/data/celebrities");
			names.forEach(hit -> assertThat(hit.get("displayName").asString()).startsWith("Star " + tag));
		}
		assertThat(status(a).get("digest").asString()).isEqualTo(status(b).get("digest").asString());
		assertThat(status(a).get("consumerGroup").asString()).isNotEqualTo(status(b).get("consumerGroup").asString());
	}

	@Test
	@Order(2)
	void rebuildingOneInstanceLeavesTheOtherAlone() throws Exception {
		var digestOfA = status(a).get("digest").asString();
		long readByA = status(a).get("recordsConsumed").asLong();

		b.stop();
		deleteRecursively(b.index());
		assertThat(total(a, "q=" + tag)).as("A answers in full while B is gone").isEqualTo(CELEBRITIES);

		b = start("b"); // the same directory, now empty: B reads both topics from the beginning
		await().atMost(START).until(() -> total(b, "q=" + tag), total -> total == CELEBRITIES);
		assertThat(status(b).get("digest").asString()).isEqualTo(digestOfA);
		assertThat(status(b).get("recordsConsumed").asLong()).as("B read everything again")
			.isGreaterThanOrEqualTo(CELEBRITIES * 4L);
		assertThat(status(a).get("recordsConsumed").asLong()).as("A read nothing again").isEqualTo(readByA);
		assertThat(status(a).get("digest").asString()).isEqualTo(digestOfA);
	}

	@Test
	@Order(3)
	void aRestartedInstanceResumesFromItsOwnPositions() throws Exception {
		a.stop();
		var late = celebrity("Late " + tag).price(20_000);
		send(List.of(upserted(late.build(), 1))).getLast().get();

		a = start("a"); // the same directory: it goes on where its last commit stopped
		await().atMost(START).until(() -> total(a, "q=" + tag), total -> total == CELEBRITIES + 1);
		assertThat(status(a).get("recordsConsumed").asLong()).as("only what came after its commit")
			.isLessThan(CELEBRITIES * 4L);
		await().atMost(START).until(() -> total(b, "q=" + tag), total -> total == CELEBRITIES + 1);
		assertThat(status(a).get("digest").asString()).isEqualTo(status(b).get("digest").asString());
	}

	// ---- helpers

	Instance start(String name) {
		var index = directories.resolve(name);
		var context = new SpringApplicationBuilder(SearchApplication.class)
			.initializers(new InfrastructureInitializer())
			.run("--server.port=0", "--starrymeet.search.index-dir=" + index, "--starrymeet.search.instance-id=" + name
					+ "-" + UUID.randomUUID(), "--starrymeet.search.publish-searches=false",
					"--starrymeet.search.ready-timeout=PT60S", "--logging.structured.format.console=");
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		var instance = new Instance(name, index, context, TestHttp.at(port));
		// not ready while it catches up from Kafka and tries its first reconciliation (no celebrity-service here)
		await().atMost(START).pollInterval(Duration.ofMillis(200))
			.until(() -> instance.http().get("/actuator/health/readiness").statusCode() == 200);
		return instance;
	}

	/** 300 celebrities as the demo load makes them: created unverified, verified, priced, then located. */
	static long publishLoad(String tag, int celebrities) {
		var events = new ArrayList<EventEnvelope<?>>();
		for (int i = 0; i < celebrities; i++) {
			var star = celebrity("Draft " + tag + " " + i).category(CelebrityBuilder.MUSICIANS).verified(false);
			events.add(upserted(star.build(), 1));
			events.add(upserted(star.name("Star " + tag + " " + i).verified(true).build(), 2));
			events.add(upserted(star.price(20_000).in("Zürich", "Switzerland").build(), 3));
			events.add(EventEnvelope.of(AvailabilityChanged.AGGREGATE, star.id(), 1,
					CelebrityBuilder.availability(star.id(), "Zürich", "Switzerland", LocalDate.of(2031, 6, 1))));
		}
		var sent = send(events);
		try {
			for (var future : sent) {
				future.get();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("The load was not published", ex);
		}
		return System.nanoTime() / 1_000_000;
	}

	static List<Future<RecordMetadata>> send(List<EventEnvelope<?>> events) {
		var props = new Properties();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.kafkaBootstrapServers());
		props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		var futures = new ArrayList<Future<RecordMetadata>>();
		try (var producer = new KafkaProducer<String, String>(props)) {
			for (var event : events) {
				futures.add(producer.send(new ProducerRecord<>(event.topic(), event.aggregateId(), json.writeValueAsString(event))));
			}
			producer.flush();
		}
		return futures;
	}

	static EventEnvelope<CelebrityUpserted> upserted(CelebrityUpserted snapshot, long version) {
		return EventEnvelope.of(CelebrityUpserted.AGGREGATE, snapshot.celebrityId(), version, snapshot);
	}

	static long total(Instance instance, String query) {
		var response = instance.http().get("/v1/search/celebrities?limit=1&" + query.replace(" ", "%20").replace("ü", "%C3%BC"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body()).at("/data/pagination/total").asLong();
	}

	JsonNode status(Instance instance) {
		var response = instance.http().get("/v1/admin/search/index-status", "Authorization", admin);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body()).get("data");
	}

	static void deleteRecursively(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}

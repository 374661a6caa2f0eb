package com.starrymeet.search.query;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.starrymeet.common.catalog.CatalogFilterCases;
import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.CelebrityRemoved;
import com.starrymeet.common.events.contract.CelebrityUpserted;
import com.starrymeet.common.testing.EmbeddedInfrastructure;
import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import com.starrymeet.search.index.CelebrityIndex;
import com.starrymeet.search.testdata.CelebrityBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.starrymeet.search.testdata.CelebrityBuilder.celebrity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running service on real Kafka and PostgreSQL: catalog events published to Kafka reach the public
 * search endpoints within seconds, duplicates and stale events change nothing, abusive requests are 400s,
 * and every search is published as SearchPerformed.
 */
@ServiceTest
class SearchApiTest {

	static final JsonMapper json = new JsonMapper();

	static final Duration SOON = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	CelebrityIndex index;

	TestHttp http;

	@BeforeEach
	void connect() {
		http = TestHttp.at(port);
	}

	@Test
	void aPublishedCelebrityIsSearchableWithinSecondsOnBothPaths() {
		var tag = unique();
		var star = celebrity("Beyoncé " + tag).category(CelebrityBuilder.MUSICIANS).price(12_345).in("Nashville", "USA");
		publish(upserted(star.build(), 1));

		var hit = await().atMost(SOON).until(() -> celebrities("/v1/search/celebrities?q=beyonce+" + tag), list -> list.size() == 1)
			.getFirst();
		assertThat(hit.get("id").asString()).isEqualTo(star.id().toString());
		assertThat(hit.get("displayName").asString()).isEqualTo("Beyoncé " + tag);
		assertThat(hit.at("/category/slug").asString()).isEqualTo("musicians");
		assertThat(hit.at("/lowestPrice/priceCents").asLong()).isEqualTo(12_345);
		assertThat(hit.at("/lowestPrice/formatted").asString()).isEqualTo("$123.45");
		assertThat(hit.get("cities").get(0).asString()).isEqualTo("Nashville");
		assertThat(hit.get("profilePhoto").asString()).startsWith("https://");
		assertThat(celebrities("/v1/celebrities/search?q=" + tag)).hasSize(1);

		var body = ok(http.get("/v1/search/celebrities?q=" + tag + "&city=Nashville&minPrice=100&maxPrice=200"));
		assertThat(body.at("/data/pagination/total").asLong()).isEqualTo(1);
		assertThat(body.at("/data/filters/appliedFilters/city").asString()).isEqualTo("Nashville");
		assertThat(body.at("/data/filters/appliedFilters/minPrice").asInt()).isEqualTo(100);
		assertThat(body.at("/data/filters/sort").asString()).isEqualTo("relevance");
		assertThat(celebrities("/v1/search/celebrities?q=" + tag + "&maxPrice=123.44")).isEmpty();
	}

	@Test
	void availabilityRemovalAndStaleSnapshotsFollowTheEvents() {
		var tag = unique();
		var star = celebrity("Ingrid " + tag);
		publish(upserted(star.build(), 2));
		await().atMost(SOON).until(() -> celebrities("/v1/search/celebrities?q=" + tag), list -> list.size() == 1);

		var date = LocalDate.of(2031, 3, 14);
		publish(EventEnvelope.of("availability", star.id(), 1,
				CelebrityBuilder.availability(star.id(), "Reykjavík", "Iceland", date)));
		await().atMost(SOON)
			.until(() -> celebrities("/v1/search/celebrities?q=" + tag + "&city=reykjavik&date=" + date),
					list -> list.size() == 1);
		assertThat(celebrities("/v1/search/celebrities?q=" + tag + "&availableDate=" + date)).as("the older name").hasSize(1);
		var body = ok(http.post("/v1/search/filters", "{\"q\":\"" + tag + "\",\"date\":\"" + date + "\"}", "application/json"));
		assertThat(body.at("/data/pagination/total").asLong()).isEqualTo(1);
		assertThat(body.at("/data/filters/appliedFilters/date").asString()).isEqualTo(date.toString());

		// an older snapshot with another name, then a marker event on the same partition: the old one was ignored
		publish(upserted(star.name("Stale " + tag).build(), 1));
		var markerTag = unique();
		publish(upserted(celebrity("Marker " + markerTag).build(), 1));
		await().atMost(SOON).until(() -> celebrities("/v1/search/celebrities?q=" + markerTag), list -> list.size() == 1);
		assertThat(celebrities("/v1/search/celebrities?q=" + tag).stream().map(n -> n.get("displayName").asString()))
			.containsExactly("Ingrid " + tag);

		publish(EventEnvelope.of(CelebrityUpserted.AGGREGATE, star.id(), 3, new CelebrityRemoved(star.id())));
		await().atMost(SOON).until(() -> celebrities("/v1/search/celebrities?q=" + tag), List::isEmpty);
	}

	@Test
	void aDuplicatedEventIsAppliedOnce() {
		var tag = unique();
		var star = celebrity("Duplicated " + tag);
		var event = upserted(star.build(), 1);
		publish(event);
		publish(upserted(star.name("Renamed " + tag).build(), 2));
		publish(event); // redelivered after a newer one: a no-op by version, not a step back
		var markerTag = unique(); // keyed like the star: same partition, so read after the duplicate
		publish(EventEnvelope.of(CelebrityUpserted.AGGREGATE, star.id(), 1, celebrity("Marker " + markerTag).build()));
		await().atMost(SOON).until(() -> celebrities("/v1/search/celebrities?q=" + markerTag), list -> list.size() == 1);
		assertThat(celebrities("/v1/search/celebrities?q=" + tag).stream().map(n -> n.get("displayName").asString()))
			.containsExactly("Renamed " + tag);
		assertThat(index.snapshotVersion(star.id())).isEqualTo(2);
	}

	@Test
	void aPoisonRecordGoesToTheDeadLetterTopicAndTheRecordsAroundItAreApplied() {
		var before = unique();
		var after = unique();
		var poison = "not an event " + unique();
		var key = UUID.randomUUID().toString(); // all three on one partition, in this order
		publish(EventEnvelope.of(CelebrityUpserted.AGGREGATE, key, 1, celebrity("Before " + before).build()));
		publishRaw(Topics.CELEBRITY, key, poison);
		publish(EventEnvelope.of(CelebrityUpserted.AGGREGATE, key, 1, celebrity("After " + after).build()));

		await().atMost(SOON).until(() -> celebrities("/v1/search/celebrities?q=" + after), list -> list.size() == 1);
		assertThat(celebrities("/v1/search/celebrities?q=" + before)).hasSize(1);
		try (var consumer = consumer()) {
			var partitions = consumer.partitionsFor(Topics.deadLetter(Topics.CELEBRITY)).stream()
				.map(p -> new TopicPartition(p.topic(), p.partition())).toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			var seen = new ArrayList<String>();
			await().atMost(SOON).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
				return seen.contains(poison);
			});
		}
	}

	@Test
	void nonPublicCelebritiesAreNotSearchable() {
		var tag = unique();
		publish(upserted(celebrity("Unverified " + tag).verified(false).build(), 1));
		publish(upserted(celebrity("Inactive " + tag).active(false).build(), 1));
		var marker = celebrity("Public " + tag);
		publish(upserted(marker.build(), 1));
		await().atMost(SOON).until(() -> celebrities("/v1/search/celebrities?q=" + tag), list -> list.size() == 1);
		assertThat(celebrities("/v1/search/celebrities?q=" + tag).getFirst().get("displayName").asString())
			.isEqualTo("Public " + tag);
	}

	@Test
	void suggestionsAndFacetsArePublic() {
		var tag = unique();
		publish(upserted(celebrity("Zelda " + tag).category(CelebrityBuilder.ATHLETES).price(30_000).rating(4.7)
			.in("Zürich", "Switzerland").build(), 1));
		publish(upserted(celebrity("Zoë " + tag).category(CelebrityBuilder.ACTORS).price(5_000).rating(3.2).build(), 1));
		await().atMost(SOON).until(() -> celebrities("/v1/search/celebrities?q=" + tag), list -> list.size() == 2);

		var suggestions = ok(http.get("/v1/search/suggestions?q=zoe+" + tag.substring(0, 4))).at("/data/suggestions");
		assertThat(suggestions.get(0).get("displayName").asString()).isEqualTo("Zoë " + tag);

		var body = ok(http.post("/v1/search/filters", "{\"q\":\"" + tag + "\",\"minRating\":3,\"limit\":1}", "application/json"));
		assertThat(body.at("/data/celebrities")).hasSize(1);
		assertThat(body.at("/data/pagination/total").asLong()).isEqualTo(2);
		var facets = body.at("/data/facets");
		assertThat(facets.get("categories")).hasSize(2);
		assertThat(facets.at("/cities/0/city").asString()).isEqualTo("Zürich");
		assertThat(facets.at("/prices/0/count").asLong()).isEqualTo(1); // under $100
		assertThat(facets.at("/prices/2/count").asLong()).isEqualTo(1); // $250–500
		assertThat(facets.at("/ratings/0/count").asLong()).isEqualTo(1); // 4.5+
		assertThat(facets.at("/ratings/2/count").asLong()).isEqualTo(2); // 3+
	}

	@Test
	void abusiveRequestsAreProblemJson400OrAnEmptyPage() {
		invalid(http.get("/v1/search/celebrities?limit=101"), "limit");
		invalid(http.get("/v1/search/celebrities?q=" + "a".repeat(201)), "q");
		invalid(http.get("/v1/search/suggestions?q=" + "a".repeat(201)), "q");
		invalid(http.get("/v1/search/celebrities?minPrice=abc"), "minPrice");
		invalid(http.get("/v1/search/celebrities?sort=loudest"), "sort");
		invalid(http.post("/v1/search/filters", "{\"q\":\"x\",\"role\":\"ADMIN\"}", "application/json"), "role");
		invalid(http.post("/v1/search/filters", "{\"limit\":\"many\",\"date\":\"2026-13-45\"}", "application/json"),
				"limit", "date");
		invalid(http.post("/v1/search/filters", "{\"limit\":101,\"page\":0}", "application/json"), "limit", "page");
		invalid(http.post("/v1/search/filters", "[]", "application/json"), "body");
		problem(http.post("/v1/search/filters", "{not json", "application/json"), "MALFORMED_JSON");

		var far = ok(http.get("/v1/search/celebrities?page=9999"));
		assertThat(far.at("/data/celebrities")).isEmpty();
		assertThat(far.at("/data/pagination/page").asInt()).isEqualTo(9999);
	}

	/** The catalog's one filter contract, case by case, on both search paths (celebrity-service runs it too). */
	@Test
	void theCatalogFilterContractHoldsOnBothSearchPaths() {
		for (var c : CatalogFilterCases.cases()) {
			for (var path : List.of("/v1/search/celebrities?", "/v1/celebrities/search?")) {
				var response = http.get(path + c.queryString());
				c.check(response.statusCode(), response.body());
			}
		}
	}

	@Test
	void placesMatchWhateverTheirCaseAndAccents() {
		var tags = new ArrayList<String>();
		for (var c : CatalogFilterCases.foldCases()) {
			var tag = unique();
			tags.add(tag);
			publish(upserted(celebrity("Traveller " + tag).in(c.stored(), "Somewhere").build(), 1));
		}
		var last = tags.getLast();
		await().atMost(SOON).until(() -> celebrities("/v1/search/celebrities?q=" + last), list -> list.size() == 1);
		for (int i = 0; i < tags.size(); i++) {
			var c = CatalogFilterCases.foldCases().get(i);
			var found = celebrities("/v1/search/celebrities?q=" + tags.get(i) + "&city="
					+ java.net.URLEncoder.encode(c.query(), java.nio.charset.StandardCharsets.UTF_8));
			assertThat(found).as("city=%s for a celebrity in %s", c.query(), c.stored()).hasSize(c.matches() ? 1 : 0);
		}
	}

	@Test
	void theAdminEndpointsNeedTheAdminRole() {
		problem401(http.get("/v1/admin/search/index-status"));
		var user = TestHttp.bearer(TestTokens.token("USER"));
		assertThat(http.get("/v1/admin/search/index-status", "Authorization", user).statusCode()).isEqualTo(403);
		assertThat(http.post("/v1/admin/search/reconcile", "", "application/json", "Authorization", user).statusCode())
			.isEqualTo(403);
	}

	@Test
	void theIndexStatusShowsWhatIsSearchableAndWhereKafkaIsRead() {
		var tag = unique();
		var star = celebrity("Status " + tag);
		publish(upserted(star.build(), 4));
		var date = LocalDate.of(2031, 4, 1);
		publish(EventEnvelope.of("availability", star.id(), 3,
				CelebrityBuilder.availability(star.id(), "Valletta", "Malta", date)));
		await().atMost(SOON).until(() -> celebrities("/v1/search/celebrities?q=" + tag + "&date=" + date),
				list -> list.size() == 1);
		var admin = TestHttp.bearer(TestTokens.token("ADMIN"));

		var status = ok(http.get("/v1/admin/search/index-status?versions=true", "Authorization", admin)).get("data");
		assertThat(status.get("format").asString()).isEqualTo(CelebrityIndex.FORMAT);
		assertThat(status.get("consumerGroup").asString()).startsWith("search-service-index-");
		var versions = new java.util.HashMap<UUID, Long>();
		status.get("versions").forEach(v -> versions.put(UUID.fromString(v.get("id").asString()), v.get("version").asLong()));
		assertThat(versions).containsEntry(star.id(), 4L).hasSize(status.get("searchable").asInt());
		assertThat(status.get("digest").asString()).isEqualTo(com.starrymeet.search.indexing.Reconciler.digest(versions));
		var availability = new java.util.HashMap<UUID, Long>();
		status.get("availabilityVersions")
			.forEach(v -> availability.put(UUID.fromString(v.get("celebrityId").asString()), v.get("version").asLong()));
		assertThat(availability).containsEntry(star.id(), 3L).hasSize(status.get("withAvailability").asInt());
		assertThat(status.get("availabilityDigest").asString())
			.isEqualTo(com.starrymeet.search.indexing.Reconciler.digest(availability))
			.isNotEqualTo(status.get("digest").asString());
		assertThat(status.get("positions").propertyNames()).as("positions of the partitions read")
			.anyMatch(partition -> partition.startsWith(Topics.CELEBRITY + ":"));
		assertThat(status.get("recordsConsumed").asLong()).isPositive();
		var withoutVersions = ok(http.get("/v1/admin/search/index-status", "Authorization", admin)).get("data");
		assertThat(withoutVersions.path("versions").isNull()).isTrue();
		assertThat(withoutVersions.path("availabilityVersions").isNull()).isTrue();
		assertThat(withoutVersions.get("availabilityDigest").asString()).isEqualTo(status.get("availabilityDigest").asString());

		// no celebrity-service (nor booking-service) here: reconciliation answers 503, the index stays as it is
		var reconcile = http.post("/v1/admin/search/reconcile", "", "application/json", "Authorization", admin);
		assertThat(reconcile.statusCode()).as(reconcile.body()).isEqualTo(503);
		assertThat(json.readTree(reconcile.body()).get("code").asString()).isEqualTo("CATALOG_UNAVAILABLE");
		assertThat(celebrities("/v1/search/celebrities?q=" + tag + "&date=" + date)).hasSize(1);
	}

	@Test
	void everySearchIsPublishedWithoutUserData() {
		var tag = unique();
		ok(http.get("/v1/search/celebrities?q=" + tag + "&city=Lisbon"));
		try (var consumer = consumer()) {
			var partitions = consumer.partitionsFor("starrymeet.search.v1").stream()
				.map(p -> new TopicPartition(p.topic(), p.partition())).toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			var seen = new ArrayList<String>();
			await().atMost(SOON).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
				return seen.stream().anyMatch(v -> v.contains(tag));
			});
			var event = json.readTree(seen.stream().filter(v -> v.contains(tag)).findFirst().orElseThrow());
			assertThat(event.get("type").asString()).isEqualTo("SearchPerformed");
			assertThat(event.at("/payload/query").asString()).isEqualTo(tag);
			assertThat(event.at("/payload/filters/city").asString()).isEqualTo("Lisbon");
			assertThat(event.at("/payload/resultCount").asLong()).isZero();
			assertThat(event.get("payload").propertyNames()).doesNotContain("userId", "email", "ip");
		}
	}

	// ---- helpers

	static String unique() {
		return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	static EventEnvelope<CelebrityUpserted> upserted(CelebrityUpserted snapshot, long version) {
		return EventEnvelope.of(CelebrityUpserted.AGGREGATE, snapshot.celebrityId(), version, snapshot);
	}

	static void publish(EventEnvelope<?> event) {
		var props = new Properties();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.kafkaBootstrapServers());
		props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (var producer = new KafkaProducer<String, String>(props)) {
			producer.send(new ProducerRecord<>(event.topic(), event.aggregateId(), json.writeValueAsString(event)));
		}
	}

	static void publishRaw(String topic, String key, String value) {
		var props = new Properties();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.kafkaBootstrapServers());
		props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (var producer = new KafkaProducer<String, String>(props)) {
			producer.send(new ProducerRecord<>(topic, key, value));
		}
	}

	static KafkaConsumer<String, String> consumer() {
		var props = new Properties();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.kafkaBootstrapServers());
		props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return new KafkaConsumer<>(props);
	}

	List<JsonNode> celebrities(String path) {
		var list = new ArrayList<JsonNode>();
		ok(http.get(path)).at("/data/celebrities").forEach(list::add);
		return list;
	}

	static JsonNode ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		var body = json.readTree(response.body());
		assertThat(body.get("success").asBoolean()).isTrue();
		return body;
	}

	static void invalid(HttpResponse<String> response, String... fields) {
		problem(response, "VALIDATION_FAILED");
		var named = new ArrayList<String>();
		json.readTree(response.body()).get("errors").forEach(e -> named.add(e.get("field").asString()));
		assertThat(named).as(response.body()).containsExactlyInAnyOrder(fields);
	}

	static void problem401(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
	}

	static void problem(HttpResponse<String> response, @org.jspecify.annotations.Nullable String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
		if (code != null) {
			assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo(code);
		}
	}
}

package com.starrymeet.user.favorite;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.CelebrityRemoved;
import com.starrymeet.common.events.contract.CelebrityUpserted;
import com.starrymeet.common.testing.EmbeddedInfrastructure;
import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.user.UserApi;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static com.starrymeet.user.UserApi.PASSWORD;
import static com.starrymeet.user.UserApi.json;
import static com.starrymeet.user.UserApi.newEmail;
import static com.starrymeet.user.UserApi.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Favorites against the running service on real PostgreSQL and Kafka: the catalog replica is fed by
 * CelebrityUpserted / CelebrityRemoved envelopes produced to {@code starrymeet.celebrity.v1} as
 * celebrity-service publishes them.
 */
@ServiceTest
class FavoritesTest {

	static final String PATH = "/v1/users/me/favorites";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	UserApi api;

	@BeforeEach
	void connect() {
		api = new UserApi(port, environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
	}

	// ---- tests

	@Test
	void addedFavoriteIsListedWithCatalogDataAndAddingTwiceKeepsOneRow() {
		var token = newUserToken();
		var id = UUID.randomUUID();
		var published = publishAndWait(snapshot(id, "Zoë Example", 5000, true, true), 1);

		var first = add(token, id);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		// the success envelope, like every other success: the favorite as it is listed
		var created = json.readTree(first.body());
		assertThat(created.get("success").asBoolean()).isTrue();
		assertThat(created.at("/data/celebrityId").asString()).isEqualTo(id.toString());
		assertThat(created.at("/data/displayName").asString()).isEqualTo("Zoë Example");
		assertThat(created.at("/data/addedAt").isString()).isTrue();
		var again = add(token, id);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		assertThat(json.readTree(again.body()).at("/data/addedAt")).isEqualTo(created.at("/data/addedAt"));
		assertThat(favoriteRows(id)).isEqualTo(1);

		var items = list(token);
		assertThat(items).hasSize(1);
		var item = items.getFirst();
		assertThat(item.get("celebrityId").asString()).isEqualTo(id.toString());
		assertThat(item.get("username").asString()).isEqualTo(published.username());
		assertThat(item.get("displayName").asString()).isEqualTo("Zoë Example");
		assertThat(item.get("profilePhoto").asString()).isEqualTo(published.profilePhotoUrl());
		assertThat(item.at("/category/name").asString()).isEqualTo("Musicians");
		assertThat(item.at("/category/slug").asString()).isEqualTo("musicians");
		// the inactive, cheaper meeting type does not count
		assertThat(item.get("lowestPriceCents").asLong()).isEqualTo(5000);
		assertThat(item.get("currency").asString()).isEqualTo("USD");
		assertThat(item.at("/availability/0/city").asString()).isEqualTo("Lisbon");
		assertThat(item.at("/availability/0/availableDatesCount").asInt()).isEqualTo(3);
		assertThat(Instant.parse(item.get("addedAt").asString())).isBefore(Instant.now().plusSeconds(1));

		var export = api.get("/v1/users/me/export", token);
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(json.readTree(export.body()).at("/favorites/0/celebrityId").asString()).isEqualTo(id.toString());
	}

	@Test
	void unknownOrNonPublicCelebrityIs404AndInvalidBodiesAre400() {
		var token = newUserToken();
		var unknown = UUID.randomUUID();
		problem(add(token, unknown), 404, "CELEBRITY_NOT_FOUND");
		assertThat(favoriteRows(unknown)).isZero();

		var hidden = UUID.randomUUID();
		publishAndWait(snapshot(hidden, "Hidden One", 4000, false, true), 1);
		problem(add(token, hidden), 404, "CELEBRITY_NOT_FOUND");
		assertThat(favoriteRows(hidden)).isZero();

		problem(api.post(PATH, "{}", token), 400, "VALIDATION_FAILED");
		assertThat(api.post(PATH, "{\"celebrityId\": \"not-a-uuid\"}", token).statusCode()).isEqualTo(400);
		var unknownField = problem(
				api.post(PATH, "{\"celebrityId\": \"%s\", \"userId\": \"%s\"}".formatted(unknown, unknown), token), 400,
				"VALIDATION_FAILED");
		assertThat(unknownField.get("errors").get(0).get("field").asString()).isEqualTo("userId");
		assertThat(jdbc.sql("SELECT count(*) FROM favorite WHERE celebrity_id = :id").param("id", unknown)
			.query(Long.class).single()).isZero();
	}

	@Test
	void withoutTokenEveryEndpointIs401() {
		problem(api.http.get(PATH), 401, "UNAUTHORIZED");
		assertThat(api.post(PATH, "{\"celebrityId\": \"%s\"}".formatted(UUID.randomUUID())).statusCode()).isEqualTo(401);
		assertThat(api.http.send(api.http.request(PATH + "/" + UUID.randomUUID()).DELETE()).statusCode()).isEqualTo(401);
	}

	@Test
	void newerSnapshotShowsWithoutRestartAndAnOlderOneIsIgnored() {
		var token = newUserToken();
		var id = UUID.randomUUID();
		publishAndWait(snapshot(id, "Old Name", 5000, true, true), 1);
		assertThat(add(token, id).statusCode()).isEqualTo(201);

		var tokyo = new CelebrityUpserted.AvailabilitySummary("Tokyo", "JP", 1, java.time.LocalDate.of(2030, 5, 1));
		publishAndWait(snapshot(id, "New Name", 7500, true, true, List.of(tokyo)), 3);
		var item = list(token).getFirst();
		assertThat(item.get("displayName").asString()).isEqualTo("New Name");
		assertThat(item.get("lowestPriceCents").asLong()).isEqualTo(7500);
		assertThat(item.get("availability")).hasSize(1);
		assertThat(item.at("/availability/0/city").asString()).isEqualTo("Tokyo");
		assertThat(item.at("/availability/0/nextAvailableDate").asString()).isEqualTo("2030-05-01");

		publishAndWait(snapshot(id, "Stale Name", 100, true, true), 2);
		item = list(token).getFirst();
		assertThat(item.get("displayName").asString()).isEqualTo("New Name");
		assertThat(item.get("lowestPriceCents").asLong()).isEqualTo(7500);
	}

	@Test
	void nonPublicOrRemovedCelebritiesDropOutAndComeBackWhenRepublished() {
		var token = newUserToken();
		var id = UUID.randomUUID();
		publishAndWait(snapshot(id, "Flicker", 5000, true, true), 1);
		assertThat(add(token, id).statusCode()).isEqualTo(201);
		assertThat(list(token)).hasSize(1);

		publishAndWait(snapshot(id, "Flicker", 5000, true, false), 2); // deactivated
		assertThat(list(token)).isEmpty();
		assertThat(favoriteRows(id)).isEqualTo(1);

		publishAndWait(snapshot(id, "Flicker", 5000, true, true), 3);
		assertThat(list(token)).hasSize(1);

		var removed = EventEnvelope.of(CelebrityUpserted.AGGREGATE, id, 4, new CelebrityRemoved(id));
		publish(removed);
		awaitProcessed(removed.eventId());
		assertThat(list(token)).isEmpty();
		assertThat(page(token, "").at("/pagination/total").asLong()).isZero();
		problem(add(token, id), 404, "CELEBRITY_NOT_FOUND");
		assertThat(favoriteRows(id)).isEqualTo(1);
	}

	@Test
	void deleteIsIdempotentAndEachUserHasTheirOwnList() {
		var alice = newUserToken();
		var bob = newUserToken();
		var shared = UUID.randomUUID();
		var bobsOnly = UUID.randomUUID();
		publishAndWait(snapshot(shared, "Shared Star", 5000, true, true), 1);
		publishAndWait(snapshot(bobsOnly, "Bob's Star", 5000, true, true), 1);
		assertThat(add(alice, shared).statusCode()).isEqualTo(201);
		assertThat(add(bob, shared).statusCode()).isEqualTo(201);
		assertThat(add(bob, bobsOnly).statusCode()).isEqualTo(201);

		assertThat(ids(list(alice))).containsExactly(shared.toString());
		assertThat(ids(list(bob))).containsExactly(bobsOnly.toString(), shared.toString()); // newest first

		assertThat(delete(bob, shared).statusCode()).isEqualTo(204);
		assertThat(delete(bob, shared).statusCode()).isEqualTo(204);
		assertThat(ids(list(bob))).containsExactly(bobsOnly.toString());
		assertThat(ids(list(alice))).containsExactly(shared.toString());
		assertThat(delete(alice, bobsOnly).statusCode()).isEqualTo(204); // not hers: nothing changes for Bob
		assertThat(api.http.send(api.http.request(PATH + "/not-a-uuid", "Authorization", TestHttp.bearer(alice)).DELETE())
			.statusCode()).isEqualTo(400);
		assertThat(ids(list(bob))).containsExactly(bobsOnly.toString());
	}

	@Test
	void listIsPaginatedNewestFirst() {
		var token = newUserToken();
		var ids = new ArrayList<String>();
		for (int i = 0; i < 3; i++) {
			var id = UUID.randomUUID();
			publishAndWait(snapshot(id, "Paged " + i, 5000, true, true), 1);
			assertThat(add(token, id).statusCode()).isEqualTo(201);
			ids.addFirst(id.toString());
		}
		var first = page(token, "?page=1&limit=2");
		assertThat(ids(first.get("data"))).containsExactly(ids.get(0), ids.get(1));
		assertThat(first.at("/pagination/total").asLong()).isEqualTo(3);
		assertThat(first.at("/pagination/totalPages").asInt()).isEqualTo(2);
		assertThat(ids(page(token, "?page=2&limit=2").get("data"))).containsExactly(ids.get(2));

		// one paging rule: refused, never clamped, naming the parameter
		for (var query : List.of("limit=5000", "limit=0", "page=0", "page=-1", "limit=ten")) {
			var refused = problem(api.get(PATH + "?" + query, token), 400, "VALIDATION_FAILED");
			assertThat(refused.get("errors").get(0).get("field").asString()).isEqualTo(query.substring(0, query.indexOf('=')));
		}
	}

	@Test
	void aDuplicatedEventIsProcessedOnce() {
		var id = UUID.randomUUID();
		var event = upserted(snapshot(id, "Twice", 5000, true, true), 1);
		publish(event);
		publish(event);
		// a later event on the same key (same partition) proves both copies were consumed
		var later = upserted(snapshot(id, "After", 5000, true, true), 2);
		publish(later);
		awaitProcessed(later.eventId());
		assertThat(jdbc.sql("SELECT count(*) FROM processed_event WHERE consumer = 'user-favorites' AND event_id = :id")
			.param("id", event.eventId())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT display_name FROM celebrity_summary WHERE celebrity_id = :id")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo("After");
	}

	@Test
	void erasingTheAccountDeletesItsFavorites() {
		var email = newEmail();
		var registered = api.register(email);
		var token = registered.get("accessToken").asString();
		var userId = UUID.fromString(registered.at("/user/id").asString());
		var id = UUID.randomUUID();
		publishAndWait(snapshot(id, "Soon Gone", 5000, true, true), 1);
		assertThat(add(token, id).statusCode()).isEqualTo(201);

		var response = api.send("DELETE", "/v1/users/me", "{\"password\": \"%s\"}".formatted(PASSWORD), token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
		assertThat(jdbc.sql("SELECT count(*) FROM favorite WHERE user_id = :id").param("id", userId).query(Long.class)
			.single()).isZero();
	}

	// ---- helpers

	String newUserToken() {
		return api.register(newEmail()).get("accessToken").asString();
	}

	HttpResponse<String> add(String token, UUID celebrityId) {
		return api.post(PATH, "{\"celebrityId\": \"%s\"}".formatted(celebrityId), token);
	}

	HttpResponse<String> delete(String token, UUID celebrityId) {
		return api.http.send(api.http.request(PATH + "/" + celebrityId, "Authorization", TestHttp.bearer(token)).DELETE());
	}

	JsonNode page(String token, String query) {
		var response = api.get(PATH + query, token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	List<JsonNode> list(String token) {
		var items = new ArrayList<JsonNode>();
		page(token, "?limit=100").get("data").forEach(items::add);
		return items;
	}

	static List<String> ids(Iterable<JsonNode> items) {
		var ids = new ArrayList<String>();
		items.forEach(item -> ids.add(item.get("celebrityId").asString()));
		return ids;
	}

	long favoriteRows(UUID celebrityId) {
		return jdbc.sql("SELECT count(*) FROM favorite WHERE celebrity_id = :id")
			.param("id", celebrityId)
			.query(Long.class)
			.single();
	}

	static CelebrityUpserted snapshot(UUID id, String displayName, long priceCents, boolean verified, boolean active) {
		return snapshot(id, displayName, priceCents, verified, active,
				List.of(new CelebrityUpserted.AvailabilitySummary("Lisbon", "PT", 3, null)));
	}

	static CelebrityUpserted snapshot(UUID id, String displayName, long priceCents, boolean verified, boolean active,
			List<CelebrityUpserted.AvailabilitySummary> availability) {
		var username = "celeb_" + id.toString().substring(0, 8);
		return new CelebrityUpserted(id, username, displayName, "Singer", "A bio",
				new CelebrityUpserted.Category(UUID.nameUUIDFromBytes("musicians".getBytes()), "Musicians", "musicians"),
				"https://cdn.example.test/" + username + ".jpg", verified, active, false, 4.5, 10, 20,
				List.of(new CelebrityUpserted.MeetingType(UUID.randomUUID(), "Premium", 60, priceCents * 2, "USD", true),
						new CelebrityUpserted.MeetingType(UUID.randomUUID(), "Quick", 15, priceCents, "USD", true),
						new CelebrityUpserted.MeetingType(UUID.randomUUID(), "Old", 15, 1, "USD", false)),
				availability, Instant.now(), null);
	}

	static EventEnvelope<CelebrityUpserted> upserted(CelebrityUpserted snapshot, long version) {
		return EventEnvelope.of(CelebrityUpserted.AGGREGATE, snapshot.celebrityId(), version, snapshot);
	}

	/** Publishes the snapshot at {@code version} and waits until user-service has processed it. */
	CelebrityUpserted publishAndWait(CelebrityUpserted snapshot, long version) {
		var event = upserted(snapshot, version);
		publish(event);
		awaitProcessed(event.eventId());
		return snapshot;
	}

	void awaitProcessed(UUID eventId) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> jdbc.sql("SELECT count(*) FROM processed_event WHERE consumer = 'user-favorites' AND event_id = :id")
				.param("id", eventId)
				.query(Long.class)
				.single() > 0);
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
}

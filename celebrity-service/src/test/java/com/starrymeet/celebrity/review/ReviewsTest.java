package com.starrymeet.celebrity.review;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.celebrity.profile.CatalogCache;
import com.starrymeet.celebrity.profile.Fixtures;
import com.starrymeet.celebrity.profile.TopicReader;
import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.ReviewSubmitted;
import com.starrymeet.common.testing.EmbeddedInfrastructure;
import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ReviewSubmitted over real Kafka into the review read model: stored once per booking, the celebrity's average and
 * count updated with a new snapshot, the public list paginated newest first with its summary and rating filter,
 * cached with an ETag that a new review changes, 404 for unknown and non-public celebrities.
 */
@ServiceTest
class ReviewsTest {

	static final JsonMapper json = new JsonMapper();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CatalogCache cache;

	@Test
	void reviewsAreStoredOncePerBookingAggregatedPublishedAndListed() {
		var f = new Fixtures(jdbc);
		var category = f.category(Fixtures.unique("rev-"));
		var username = Fixtures.unique("rev_");
		var id = f.celebrity(username, "Reviewed One", category, true, true, "0", 0, 0, Instant.now(), null);
		cache.invalidateNow(); // rows written behind the service's back

		var empty = get("/v1/celebrities/" + id + "/reviews");
		assertThat(empty.statusCode()).isEqualTo(200);
		assertThat(json.readTree(empty.body()).at("/data/summary/totalReviews").asInt()).isZero();
		var etag = empty.headers().firstValue("ETag").orElseThrow();
		assertThat(get("/v1/celebrities/" + id + "/reviews", "If-None-Match", etag).statusCode()).isEqualTo(304);

		var t0 = Instant.parse("2030-01-01T10:00:00Z");
		var booking1 = UUID.randomUUID();
		var first = review(id, booking1, 5, "Amazing", t0);
		var sameBookingAgain = review(id, booking1, 1, "Changed my mind", t0.plusSeconds(5)); // another review id
		var second = review(id, UUID.randomUUID(), 4, "Great", t0.plusSeconds(60));
		var third = review(id, UUID.randomUUID(), 5, "Best day", t0.plusSeconds(120));
		try (var snapshots = new TopicReader("starrymeet.celebrity.v1")) {
			send(first, first, sameBookingAgain, second, third);
			await().atMost(Duration.ofSeconds(60)).until(() -> processed(third.eventId()) && processed(second.eventId())
					&& processed(sameBookingAgain.eventId()));

			assertThat(jdbc.sql("SELECT count(*) FROM review WHERE celebrity_id = :id").param("id", id).query(Long.class)
				.single()).as("one per booking").isEqualTo(3);
			var row = jdbc.sql("SELECT average_rating::text || '/' || total_reviews FROM celebrity WHERE id = :id")
				.param("id", id).query(String.class).single();
			assertThat(row).isEqualTo("4.67/3");
			var published = snapshots.await(id.toString(), 3);
			assertThat(published).as("one snapshot per new review, none for duplicates").hasSize(3);
			assertThat(published.getLast().at("/payload/averageRating").asDouble()).isEqualTo(4.67);
			assertThat(published.getLast().at("/payload/totalReviews").asInt()).isEqualTo(3);
		}

		assertThat(get("/v1/celebrities/" + id + "/reviews", "If-None-Match", etag).statusCode())
			.as("a new review invalidates the cache").isEqualTo(200);
		var page = json.readTree(get("/v1/celebrities/" + username + "/reviews?limit=2").body());
		var reviews = page.at("/data/reviews");
		assertThat(reviews.size()).isEqualTo(2);
		assertThat(reviews.get(0).get("title").asString()).as("newest first").isEqualTo("Best day");
		assertThat(reviews.get(1).get("title").asString()).isEqualTo("Great");
		var one = reviews.get(0);
		assertThat(one.get("id").asString()).isEqualTo(((ReviewSubmitted) third.payload()).reviewId().toString());
		assertThat(one.get("rating").asInt()).isEqualTo(5);
		assertThat(one.get("comment").asString()).isEqualTo("Comment: Best day");
		assertThat(one.get("reviewerName").asString()).isEqualTo("Ada L.");
		assertThat(one.get("meetingType").asString()).isEqualTo("Standard Meet");
		assertThat(Instant.parse(one.get("createdAt").asString())).isEqualTo(t0.plusSeconds(120));
		assertThat(page.at("/data/pagination/total").asInt()).isEqualTo(3);
		assertThat(page.at("/data/pagination/totalPages").asInt()).isEqualTo(2);
		assertThat(page.at("/data/summary/averageRating").asDouble()).isEqualTo(4.67);
		assertThat(page.at("/data/summary/totalReviews").asInt()).isEqualTo(3);
		assertThat(json.convertValue(page.at("/data/summary/distribution"), Map.class))
			.isEqualTo(Map.of("1", 0, "2", 0, "3", 0, "4", 1, "5", 2));

		var fives = json.readTree(get("/v1/celebrities/" + id + "/reviews?rating=5&page=2&limit=1").body());
		assertThat(fives.at("/data/reviews/0/title").asString()).isEqualTo("Amazing");
		assertThat(fives.at("/data/pagination/total").asInt()).isEqualTo(2);
		assertThat(fives.at("/data/filters/rating").asInt()).isEqualTo(5);
		assertThat(fives.at("/data/summary/totalReviews").asInt()).as("the summary is over all reviews").isEqualTo(3);

		var profile = json.readTree(get("/v1/celebrities/" + id).body());
		assertThat(profile.at("/data/averageRating").asDouble()).isEqualTo(4.67);
		assertThat(profile.at("/data/totalReviews").asInt()).isEqualTo(3);
	}

	@Test
	void unknownOrNonPublicCelebritiesAre404AndBadParametersAre400() {
		var f = new Fixtures(jdbc);
		var category = f.category(Fixtures.unique("rev-"));
		var hidden = f.celebrity(Fixtures.unique("hid_"), "Hidden", category, false, true, "0", 0, 0, Instant.now(), null);
		var shown = f.celebrity(Fixtures.unique("shw_"), "Shown", category, true, true, "0", 0, 0, Instant.now(), null);
		cache.invalidateNow();

		assertThat(get("/v1/celebrities/" + hidden + "/reviews").statusCode()).isEqualTo(404);
		assertThat(get("/v1/celebrities/" + UUID.randomUUID() + "/reviews").statusCode()).isEqualTo(404);
		assertThat(get("/v1/celebrities/nobody_here/reviews").statusCode()).isEqualTo(404);
		for (var bad : new String[] { "limit=101", "limit=0", "page=0", "rating=6", "rating=0", "rating=x" }) {
			assertThat(get("/v1/celebrities/" + shown + "/reviews?" + bad).statusCode()).as(bad).isEqualTo(400);
		}
		assertThat(get("/v1/celebrities/" + shown + "/reviews?limit=100").statusCode()).isEqualTo(200);
	}

	@Test
	void aReviewOfACelebrityNotYetKnownIsStoredAndCountedWithTheNextOne() {
		var f = new Fixtures(jdbc);
		var category = f.category(Fixtures.unique("rev-"));
		var early = UUID.randomUUID();
		var orphan = review(early, UUID.randomUUID(), 2, "Early", Instant.parse("2030-02-01T00:00:00Z"));
		send(orphan);
		await().atMost(Duration.ofSeconds(60)).until(() -> processed(orphan.eventId()));
		assertThat(jdbc.sql("SELECT count(*) FROM review WHERE celebrity_id = :id").param("id", early).query(Long.class)
			.single()).isEqualTo(1);

		jdbc.sql("""
				INSERT INTO celebrity (id, username, display_name, category_id, verified, active)
				VALUES (:id, :username, 'Late', :category, TRUE, TRUE)""")
			.param("id", early).param("username", Fixtures.unique("late_")).param("category", category).update();
		var next = review(early, UUID.randomUUID(), 4, "Later", Instant.parse("2030-02-02T00:00:00Z"));
		send(next);
		await().atMost(Duration.ofSeconds(60)).until(() -> processed(next.eventId()));
		assertThat(jdbc.sql("SELECT average_rating::text || '/' || total_reviews FROM celebrity WHERE id = :id")
			.param("id", early).query(String.class).single()).isEqualTo("3.00/2");
	}

	static EventEnvelope<ReviewSubmitted> review(UUID celebrityId, UUID bookingId, int rating, String title, Instant at) {
		var reviewId = UUID.randomUUID();
		return EventEnvelope.of(ReviewSubmitted.AGGREGATE, reviewId, 1, new ReviewSubmitted(reviewId, bookingId,
				celebrityId, UUID.randomUUID(), "Ada L.", rating, title, "Comment: " + title, "Standard Meet", at));
	}

	boolean processed(UUID eventId) {
		return jdbc.sql("SELECT count(*) FROM processed_event WHERE consumer = 'celebrity-reviews' AND event_id = :id")
			.param("id", eventId).query(Long.class).single() > 0;
	}

	java.net.http.HttpResponse<String> get(String path, String... headers) {
		return TestHttp.at(port).get(path, headers);
	}

	/**
	 * Sends the events in order, keyed by booking id as {@code starrymeet.review.v1} is (Topics.REVIEW): two reviews
	 * of one booking share a partition, so the second comes after the first (the topic has several partitions).
	 */
	@SafeVarargs
	static void send(EventEnvelope<ReviewSubmitted>... events) {
		try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				EmbeddedInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
			for (var event : events) {
				producer.send(new ProducerRecord<>(event.topic(), event.payload().bookingId().toString(),
						json.writeValueAsString(event)));
			}
		}
	}

}

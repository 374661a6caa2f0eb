package com.starrymeet.booking.booking;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static com.starrymeet.booking.booking.BookingApi.assertProblem;
import static com.starrymeet.booking.booking.BookingApi.data;
import static com.starrymeet.booking.booking.BookingApi.errorFields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The booking chat: fan ↔ celebrity, read receipts, who may read and write, when it is open, the 2,000-character
 * bound, the per-sender rate limit, MessageSent once per message on Kafka (version = the message's number), and
 * concurrent posts numbered 1..n without gaps (the booking's own version untouched).
 */
@ServiceTest
class BookingChatTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	record Chat(BookingApi api, BookingApi.Celebrity celebrity, UUID fan, String fanToken, UUID booking) {

		String path() {
			return "/v1/bookings/" + booking + "/messages";
		}

		HttpResponse<String> send(String token, String text) {
			return api.post(path(), BookingApi.json.writeValueAsString(java.util.Map.of("text", text)), token, null);
		}
	}

	Chat chat(int daysAhead) throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, daysAhead, 1);
		var fan = UUID.randomUUID();
		var booking = api.confirmed(fan, BookingApi.body(celebrity, window, "10:00"));
		return new Chat(api, celebrity, fan, TestTokens.token(fan.toString(), "USER"), booking);
	}

	long version(UUID booking) {
		return jdbc.sql("SELECT version FROM booking WHERE id = :id").param("id", booking).query(Long.class).single();
	}

	@Test
	void fanAndCelebrityTalkWithReadReceiptsAndMessageSentOncePerMessage() throws Exception {
		var chat = chat(60);
		long versionBefore = version(chat.booking());
		var historyBefore = chat.api().history(chat.booking());
		try (var topic = new BookingApi.BookingTopic()) {
			var first = chat.send(chat.fanToken(), "Hello! Can we meet at the lobby?");
			assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
			var fanMessage = data(first);
			assertThat(fanMessage.get("seq").asLong()).isEqualTo(1);
			assertThat(fanMessage.get("senderRole").asString()).isEqualTo("FAN");
			assertThat(fanMessage.get("senderId").asString()).isEqualTo(chat.fan().toString());
			assertThat(fanMessage.get("readAt").isNull()).isTrue();
			var reply = chat.send(chat.celebrity().token(), "Sure, see you there; bring the book.");
			assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
			assertThat(data(reply).get("seq").asLong()).isEqualTo(2);
			assertThat(data(reply).get("senderRole").asString()).isEqualTo("CELEBRITY");
			assertThat(chat.send(chat.fanToken(), "x".repeat(2000)).statusCode()).isEqualTo(201);

			// newest first, by cursor
			var page1 = chat.api().get(chat.path() + "?limit=2", chat.celebrity().token());
			assertThat(page1.statusCode()).as(page1.body()).isEqualTo(200);
			assertThat(seqs(data(page1))).containsExactly(3L, 2L);
			var cursor = data(page1).get("nextCursor").asString();
			var page2 = chat.api().get(chat.path() + "?limit=2&before=" + cursor, chat.fanToken());
			assertThat(seqs(data(page2))).containsExactly(1L);
			assertThat(data(page2).get("nextCursor").isNull()).isTrue();
			assertThat(errorFields(chat.api().get(chat.path() + "?limit=0", chat.fanToken()))).containsExactly("limit");
			assertThat(errorFields(chat.api().get(chat.path() + "?before=abc", chat.fanToken()))).containsExactly("before");

			// read receipts: the celebrity reads the fan's messages up to the first; only the other side's get readAt
			var read = chat.api().post(chat.path() + "/read",
					"{\"upTo\":\"" + data(reply).get("id").asString() + "\"}", chat.celebrity().token(), null);
			assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
			assertThat(data(read).get("marked").asInt()).isEqualTo(1);
			var seen = data(chat.api().get(chat.path(), chat.fanToken())).get("items");
			assertThat(seen.get(2).get("readAt").isNull()).as("the fan's first message").isFalse();
			assertThat(seen.get(1).get("readAt").isNull()).as("the celebrity's own message").isTrue();
			assertThat(seen.get(0).get("readAt").isNull()).as("after upTo").isTrue();
			var fanRead = chat.api().post(chat.path() + "/read", "{\"upTo\":\"" + data(reply).get("id").asString() + "\"}",
					chat.fanToken(), null);
			assertThat(data(fanRead).get("marked").asInt()).isEqualTo(1);
			assertProblem(chat.api().post(chat.path() + "/read", "{\"upTo\":\"" + UUID.randomUUID() + "\"}",
					chat.fanToken(), null), 404, "NOT_FOUND");
			assertThat(errorFields(chat.api().post(chat.path() + "/read", "{}", chat.fanToken(), null)))
				.containsExactly("upTo");

			// who: another fan or celebrity 404, admins read but do not write, no token 401
			var stranger = TestTokens.token("USER");
			assertProblem(chat.api().get(chat.path(), stranger), 404, "NOT_FOUND");
			assertProblem(chat.send(stranger, "hi"), 404, "NOT_FOUND");
			assertProblem(chat.send(TestTokens.token("CELEBRITY"), "hi"), 404, "NOT_FOUND");
			var admin = TestTokens.token("ADMIN");
			assertThat(seqs(data(chat.api().get(chat.path(), admin)))).containsExactly(3L, 2L, 1L);
			assertProblem(chat.send(admin, "hi"), 403, "FORBIDDEN");
			assertProblem(chat.api().get(chat.path(), null), 401, "UNAUTHORIZED");

			// bounds
			var tooLong = chat.send(chat.fanToken(), "x".repeat(2001));
			assertProblem(tooLong, 400, "VALIDATION_FAILED");
			assertThat(errorFields(tooLong)).containsExactly("text");
			assertThat(errorFields(chat.send(chat.fanToken(), "  "))).containsExactly("text");
			assertThat(count(chat.booking())).isEqualTo(3);

			// MessageSent, once per message, version = its number; the booking itself did not change
			var sent = awaitMessages(topic, chat.booking(), 3);
			assertThat(sent).extracting(e -> e.get("aggregateVersion").asLong()).containsExactly(1L, 2L, 3L);
			var payload = sent.get(0).get("payload");
			assertThat(payload.get("messageId").asString()).isEqualTo(fanMessage.get("id").asString());
			assertThat(payload.get("senderRole").asString()).isEqualTo("FAN");
			assertThat(payload.get("recipientId").asString()).isEqualTo(chat.celebrity().userId().toString());
			assertThat(payload.get("bookingNumber").asString()).startsWith("BK-");
			assertThat(payload.get("text").asString()).isEqualTo("Hello! Can we meet at the lobby?");
			assertThat(sent.get(1).get("payload").get("recipientId").asString()).isEqualTo(chat.fan().toString());
			assertThat(sent.get(0).get("aggregateType").asString()).isEqualTo("booking");
		}
		assertThat(version(chat.booking())).isEqualTo(versionBefore);
		assertThat(chat.api().history(chat.booking())).isEqualTo(historyBefore);
	}

	@Test
	void theChatOpensAtConfirmationAndClosesSevenDaysAfterTheMeeting() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 61, 2);
		var fanToken = TestTokens.token("USER");
		var pending = api.booked(fanToken, celebrity, window, "10:00").get("id").asString();
		var closed = api.post("/v1/bookings/" + pending + "/messages", "{\"text\":\"hi\"}", fanToken, null);
		assertProblem(closed, 409, "CHAT_CLOSED");
		assertThat(api.get("/v1/bookings/" + pending + "/messages", fanToken).statusCode()).isEqualTo(200);

		var chat = chat(62);
		jdbc.sql("UPDATE booking SET starts_at = now() - interval '7 days 31 minutes', ends_at = now() - interval '7 days' + interval '1 minute', status = 'completed', completed_at = now() - interval '7 days', completed_by = 'CELEBRITY' WHERE id = :id")
			.param("id", chat.booking()).update();
		assertThat(chat.send(chat.fanToken(), "thanks again!").statusCode()).isEqualTo(201);
		jdbc.sql("UPDATE booking SET starts_at = starts_at - interval '2 minutes', ends_at = ends_at - interval '2 minutes' WHERE id = :id")
			.param("id", chat.booking()).update();
		assertProblem(chat.send(chat.celebrity().token(), "too late"), 409, "CHAT_CLOSED");
		assertThat(seqs(data(chat.api().get(chat.path(), chat.fanToken())))).containsExactly(1L);
	}

	@Test
	void aSenderIsRateLimited() throws Exception {
		var chat = chat(63);
		for (int i = 1; i <= 10; i++) {
			var ok = chat.send(chat.fanToken(), "message " + i);
			assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
		}
		var limited = chat.send(chat.fanToken(), "one more");
		assertProblem(limited, 429, "RATE_LIMITED");
		var retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 60L);
		assertThat(count(chat.booking())).isEqualTo(10);
		// the other side has its own budget
		assertThat(chat.send(chat.celebrity().token(), "slow down :)").statusCode()).isEqualTo(201);
		// once the oldest message is older than the window, the fan may write again
		jdbc.sql("UPDATE booking_message SET created_at = created_at - interval '61 seconds', read_at = NULL WHERE booking_id = :id AND seq = 1")
			.param("id", chat.booking()).update();
		assertThat(chat.send(chat.fanToken(), "one more").statusCode()).isEqualTo(201);
	}

	@Test
	void concurrentPostsAreNumberedWithoutGaps() throws Exception {
		var chat = chat(64);
		long versionBefore = version(chat.booking());
		int perSide = 10;
		var tasks = new ArrayList<Callable<Integer>>();
		for (int i = 0; i < perSide; i++) {
			int n = i;
			tasks.add(() -> chat.send(chat.fanToken(), "fan " + n).statusCode());
			tasks.add(() -> chat.send(chat.celebrity().token(), "celebrity " + n).statusCode());
		}
		try (var pool = Executors.newFixedThreadPool(20); var topic = new BookingApi.BookingTopic()) {
			var statuses = new ArrayList<Integer>();
			for (var f : pool.invokeAll(tasks)) {
				statuses.add(f.get());
			}
			assertThat(statuses).containsOnly(201);
			var seqs = jdbc.sql("SELECT seq FROM booking_message WHERE booking_id = :id ORDER BY seq")
				.param("id", chat.booking()).query(Long.class).list();
			assertThat(seqs).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 2 * perSide).boxed().toList());
			assertThat(jdbc.sql("SELECT last_seq FROM booking_chat WHERE booking_id = :id").param("id", chat.booking())
				.query(Long.class).single()).isEqualTo(2L * perSide);
			var sent = awaitMessages(topic, chat.booking(), 2 * perSide);
			assertThat(sent).extracting(e -> e.get("aggregateVersion").asLong())
				.containsExactlyInAnyOrderElementsOf(seqs);
		}
		assertThat(version(chat.booking())).isEqualTo(versionBefore);
	}

	private List<JsonNode> awaitMessages(BookingApi.BookingTopic topic, UUID booking, int n) {
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
			.until(() -> messageSent(topic, booking).size() >= n);
		var sent = messageSent(topic, booking);
		var ids = new HashSet<String>();
		sent.forEach(e -> ids.add(e.get("payload").get("messageId").asString()));
		assertThat(sent).hasSize(n);
		assertThat(ids).hasSize(n);
		return sent;
	}

	private static List<JsonNode> messageSent(BookingApi.BookingTopic topic, UUID booking) {
		return topic.envelopes(booking).stream().filter(e -> "MessageSent".equals(e.get("type").asString())).toList();
	}

	private long count(UUID booking) {
		return jdbc.sql("SELECT count(*) FROM booking_message WHERE booking_id = :id").param("id", booking)
			.query(Long.class).single();
	}

	private static List<Long> seqs(JsonNode page) {
		return page.get("items").valueStream().map(m -> m.get("seq").asLong()).toList();
	}
}

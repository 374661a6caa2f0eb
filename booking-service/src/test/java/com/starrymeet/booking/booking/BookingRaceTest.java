package com.starrymeet.booking.booking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.starrymeet.booking.booking.BookingApi.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cancel, reschedule, completion and check-in of one booking at the same moment, for several bookings at once:
 * every transition locks the booking row first, so exactly one terminal transition wins and the others find the
 * state it left (409, never a 5xx). Afterwards, in SQL: {@code booked} = live bookings for every window, exactly one
 * terminal event recorded per booking, versions 1..n without gaps; and what reached Kafka is exactly that history.
 */
@ServiceTest
class BookingRaceTest {

	static final int BOOKINGS = 8;

	static final List<String> TERMINAL = List.of("BookingCanceled", "BookingCompleted");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Completions completions;

	record Racer(String name, Callable<Integer> call) {
	}

	record Booked(UUID id, UUID fan, String fanToken) {
	}

	@Test
	void beforeTheMeetingCancellationsAndARescheduleRaceOneCancellationWins() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 90, BOOKINGS);
		var target = api.window(celebrity, 91, BOOKINGS);
		var bookings = book(api, celebrity, window);
		var admin = TestTokens.token("ADMIN");
		var outcomes = race(bookings, b -> {
			var code = data(api.get("/v1/bookings/" + b.id() + "/check-in-code", b.fanToken())).get("code").asString();
			return List.of(
					new Racer("fan cancel", () -> api.delete("/v1/bookings/" + b.id(), b.fanToken()).statusCode()),
					new Racer("celebrity cancel", () -> api.delete("/v1/bookings/" + b.id(), celebrity.token()).statusCode()),
					new Racer("admin cancel", () -> api.post("/v1/admin/bookings/" + b.id() + "/cancel",
							"{\"as\":\"FAN\",\"reason\":\"race\"}", admin, null).statusCode()),
					new Racer("reschedule", () -> api.patch("/v1/bookings/" + b.id(),
							BookingRescheduleTest.move(target, "10:00"), b.fanToken()).statusCode()),
					new Racer("complete", () -> api.post("/v1/bookings/" + b.id() + "/complete", "", celebrity.token(), null)
						.statusCode()),
					new Racer("check-in", () -> api.post("/v1/bookings/" + b.id() + "/check-in",
							"{\"code\":\"" + code + "\"}", celebrity.token(), null).statusCode()));
		});
		for (var booking : bookings) {
			var seen = outcomes.get(booking.id());
			var cancels = seen.entrySet().stream().filter(e -> e.getKey().endsWith("cancel")).map(Map.Entry::getValue).toList();
			assertThat(cancels).as(seen.toString()).containsOnly(200, 409);
			assertThat(cancels.stream().filter(s -> s == 200).count()).as(seen.toString()).isEqualTo(1);
			assertThat(seen.get("complete")).isEqualTo(409);
			assertThat(seen.get("reschedule")).isIn(200, 409);
			// a code issued before the meeting moved is no longer valid (400) — if the move came first
			assertThat(seen.get("check-in")).as(seen.toString()).isIn(seen.get("reschedule") == 200 ? List.of(409, 400)
					: List.of(409));
			assertThat(api.status(booking.id())).isEqualTo("canceled");
			var history = api.history(booking.id());
			// a reschedule is not terminal: it either came before the cancellation, or found it done (409)
			assertThat(history).isEqualTo(seen.get("reschedule") == 200
					? List.of("BookingRequested", "BookingConfirmed", "BookingRescheduled", "BookingCanceled")
					: List.of("BookingRequested", "BookingConfirmed", "BookingCanceled"));
		}
		assertThat(api.booked(window.id()) + api.booked(target.id())).isZero();
		assertInvariants(api, bookings);
	}

	@Test
	void duringTheMeetingCompletionsAndCheckInsRaceOneCompletes() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 92, BOOKINGS);
		var target = api.window(celebrity, 93, BOOKINGS);
		var bookings = book(api, celebrity, window);
		for (var b : bookings) {
			api.meetingStartsIn(b.id(), Duration.ofMinutes(-10));
		}
		var admin = TestTokens.token("ADMIN");
		var outcomes = race(bookings, b -> {
			var code = data(api.get("/v1/bookings/" + b.id() + "/check-in-code", b.fanToken())).get("code").asString();
			var checkIn = "{\"code\":\"" + code + "\"}";
			return List.of(
					new Racer("complete 1", () -> api.post("/v1/bookings/" + b.id() + "/complete", "", celebrity.token(), null)
						.statusCode()),
					new Racer("complete 2", () -> api.post("/v1/bookings/" + b.id() + "/complete", "", celebrity.token(), null)
						.statusCode()),
					new Racer("check-in 1", () -> api.post("/v1/bookings/" + b.id() + "/check-in", checkIn, celebrity.token(),
							null).statusCode()),
					new Racer("check-in 2", () -> api.post("/v1/bookings/" + b.id() + "/check-in", checkIn, admin, null)
						.statusCode()),
					new Racer("fan cancel", () -> api.delete("/v1/bookings/" + b.id(), b.fanToken()).statusCode()),
					new Racer("celebrity cancel", () -> api.delete("/v1/bookings/" + b.id(), celebrity.token()).statusCode()),
					new Racer("reschedule", () -> api.patch("/v1/bookings/" + b.id(),
							BookingRescheduleTest.move(target, "10:00"), b.fanToken()).statusCode()));
		});
		for (var booking : bookings) {
			var seen = outcomes.get(booking.id());
			assertThat(seen.values()).as(seen.toString()).containsOnly(200, 409);
			assertThat(seen.values().stream().filter(s -> s == 200).count()).as(seen.toString()).isEqualTo(1);
			assertThat(api.status(booking.id())).isEqualTo("completed");
			assertThat(api.history(booking.id())).containsExactly("BookingRequested", "BookingConfirmed", "BookingCompleted");
		}
		assertThat(api.booked(window.id())).isEqualTo(BOOKINGS);
		assertThat(api.booked(target.id())).isZero();
		assertInvariants(api, bookings);
	}

	@Test
	void afterTheDisputeWindowTheAutomaticCompletionRacesTheCelebrityOneCompletes() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 94, BOOKINGS);
		var bookings = book(api, celebrity, window);
		for (var b : bookings) {
			api.meetingStartsIn(b.id(), Duration.ofHours(-49));
		}
		var outcomes = race(bookings, b -> List.of(
				new Racer("complete", () -> api.post("/v1/bookings/" + b.id() + "/complete", "", celebrity.token(), null)
					.statusCode()),
				new Racer("auto 1", () -> completions.completeDue(100) >= 0 ? 200 : 500),
				new Racer("auto 2", () -> completions.completeDue(100) >= 0 ? 200 : 500),
				new Racer("fan dispute", () -> api.post("/v1/bookings/" + b.id() + "/dispute",
						"{\"reason\":\"OTHER\"}", b.fanToken(), null).statusCode())));
		for (var booking : bookings) {
			var seen = outcomes.get(booking.id());
			assertThat(seen.get("complete")).as(seen.toString()).isIn(200, 409);
			assertThat(seen.get("fan dispute")).as("the dispute window closed 1 h ago").isEqualTo(409);
			assertThat(api.status(booking.id())).isEqualTo("completed");
			assertThat(api.history(booking.id())).containsExactly("BookingRequested", "BookingConfirmed", "BookingCompleted");
		}
		assertInvariants(api, bookings);
	}

	private List<Booked> book(BookingApi api, BookingApi.Celebrity celebrity, BookingApi.Window window) throws Exception {
		var bookings = new ArrayList<Booked>();
		for (int i = 0; i < BOOKINGS; i++) {
			var fan = UUID.randomUUID();
			var id = api.confirmed(fan, BookingApi.body(celebrity, window, "10:00"));
			bookings.add(new Booked(id, fan, TestTokens.token(fan.toString(), "USER")));
		}
		return bookings;
	}

	/** Starts every racer of every booking at once; answers per booking and racer. */
	private static Map<UUID, Map<String, Integer>> race(List<Booked> bookings,
			java.util.function.Function<Booked, List<Racer>> racersOf) throws Exception {
		var racers = new java.util.LinkedHashMap<UUID, List<Racer>>();
		for (var b : bookings) {
			racers.put(b.id(), racersOf.apply(b));
		}
		int total = racers.values().stream().mapToInt(List::size).sum();
		var start = new CountDownLatch(1);
		var results = new java.util.LinkedHashMap<UUID, Map<String, Future<Integer>>>();
		try (var executor = Executors.newFixedThreadPool(total)) {
			for (var entry : racers.entrySet()) {
				var futures = new java.util.LinkedHashMap<String, Future<Integer>>();
				for (var racer : entry.getValue()) {
					futures.put(racer.name(), executor.submit(() -> {
						start.await();
						return racer.call().call();
					}));
				}
				results.put(entry.getKey(), futures);
			}
			start.countDown();
			var answers = new java.util.LinkedHashMap<UUID, Map<String, Integer>>();
			for (var entry : results.entrySet()) {
				var byRacer = new java.util.LinkedHashMap<String, Integer>();
				for (var future : entry.getValue().entrySet()) {
					byRacer.put(future.getKey(), future.getValue().get());
				}
				answers.put(entry.getKey(), byRacer);
			}
			return answers;
		}
	}

	/**
	 * booked = live bookings per window; one terminal event per booking; its versions 1..n without a gap and the row's
	 * version = n; the booking topic carries exactly the recorded history, in version order.
	 */
	private void assertInvariants(BookingApi api, List<Booked> bookings) {
		assertThat(api.windowsOffCount()).isEmpty();
		try (var topic = new BookingApi.BookingTopic()) {
			for (var booking : bookings) {
				var history = api.history(booking.id());
				assertThat(history.stream().filter(TERMINAL::contains).count()).as(history.toString()).isEqualTo(1);
				var versions = jdbc.sql("SELECT aggregate_version FROM booking_event WHERE booking_id = :id ORDER BY id")
					.param("id", booking.id()).query(Long.class).list();
				assertThat(versions).isEqualTo(java.util.stream.LongStream.rangeClosed(1, history.size()).boxed().toList());
				assertThat(jdbc.sql("SELECT version FROM booking WHERE id = :id").param("id", booking.id())
					.query(Long.class).single()).isEqualTo(history.size());
				await().atMost(Duration.ofSeconds(60)).until(() -> topic.types(booking.id()).size() >= history.size());
				var published = topic.envelopes(booking.id()).stream()
					.sorted(java.util.Comparator.comparingLong(e -> e.get("aggregateVersion").asLong()))
					.map(e -> e.get("type").asString())
					.toList();
				assertThat(published).isEqualTo(history);
			}
		}
		// the final state is the one the terminal event says
		for (var booking : bookings) {
			var terminal = api.history(booking.id()).stream().filter(TERMINAL::contains).findFirst().orElseThrow();
			assertThat(api.status(booking.id())).isEqualTo(terminal.equals("BookingCanceled") ? "canceled" : "completed");
		}
	}

}

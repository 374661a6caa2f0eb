package com.starrymeet.booking.booking;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.starrymeet.booking.booking.BookingApi.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Races through the real HTTP API and PostgreSQL: many fans for the last place of a window (exactly one wins, the
 * rest get a clear 409, never a 5xx; afterwards {@code booked} equals the live bookings of every window), and one
 * fan sending one request many times at once with one Idempotency-Key (one booking, identical answers).
 */
@ServiceTest
class BookingConcurrencyTest {

	static final int FANS = 500;

	static final int SAME_KEY = 20;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void fiveHundredFansForTheLastPlaceExactlyOneWins() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 30, 2);
		api.booked(TestTokens.token("USER"), celebrity, window, "10:00"); // one place left
		var body = body(celebrity, window, "11:00");
		var tokens = new ArrayList<String>();
		for (int i = 0; i < FANS; i++) {
			tokens.add(TestTokens.token(UUID.randomUUID().toString(), "USER"));
		}
		var results = race(FANS, i -> api.book(tokens.get(i), "race-" + i, body));

		var byStatus = results.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
		assertThat(byStatus).as(byStatus.toString()).containsOnlyKeys(201, 409).containsEntry(201, 1L);
		var codes = results.stream()
			.filter(r -> r.statusCode() == 409)
			.map(r -> BookingApi.body(r).get("code").asString())
			.collect(Collectors.toSet());
		assertThat(codes).isSubsetOf("WINDOW_FULL", "SLOT_UNAVAILABLE");
		assertThat(api.booked(window.id())).isEqualTo(2);
		assertThat(jdbc.sql("SELECT count(*) FROM booking WHERE window_id = :w").param("w", window.id())
			.query(Long.class).single()).isEqualTo(2);
		assertThat(api.windowsOffCount()).as("windows whose booked differs from their live bookings").isEmpty();
	}

	@Test
	void twentyConcurrentRequestsWithOneKeyMakeOneBookingAndOneAnswer() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 31, 5);
		var token = TestTokens.token(UUID.randomUUID().toString(), "USER");
		var body = body(celebrity, window, "10:00");
		var results = race(SAME_KEY, i -> api.book(token, "one-key", body));

		assertThat(results).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(201));
		assertThat(results.stream().map(HttpResponse::body).distinct()).hasSize(1);
		assertThat(api.bookings(celebrity.id())).isEqualTo(1);
		assertThat(api.booked(window.id())).isEqualTo(1);
		var id = UUID.fromString(BookingApi.data(results.getFirst()).at("/booking/id").asString());
		assertThat(Stubs.intentCallsWithKey(id)).isEqualTo(1);
		assertThat(api.windowsOffCount()).isEmpty();
	}

	private static List<HttpResponse<String>> race(int n, Function<Integer, HttpResponse<String>> call) throws Exception {
		var start = new CountDownLatch(1);
		var tasks = new ArrayList<Callable<HttpResponse<String>>>();
		for (int i = 0; i < n; i++) {
			int k = i;
			tasks.add(() -> {
				start.await();
				return call.apply(k);
			});
		}
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			var futures = new ArrayList<Future<HttpResponse<String>>>();
			tasks.forEach(task -> futures.add(executor.submit(task)));
			start.countDown();
			var results = new ArrayList<HttpResponse<String>>();
			for (var future : futures) {
				results.add(future.get());
			}
			return results;
		}
	}

	static Map<Integer, Long> statuses(List<HttpResponse<String>> results) {
		return results.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
	}
}

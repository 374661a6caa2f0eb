package com.starrymeet.booking.availability;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static com.starrymeet.booking.availability.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Races. Overlapping windows: exactly one wins, through the API (whatever the locations and
 * zones) and, without the calendar lock, straight against the exclusion constraint. A capacity cut racing
 * bookings (the conditional UPDATE a booking will run): applied or refused, never below what is booked.
 */
@ServiceTest
class AvailabilityConcurrencyTest {

	static final int THREADS = 8;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void concurrentOverlappingWindowsThroughTheApiExactlyOneWins() throws Exception {
		var api = new Api(port, jdbc);
		var userId = UUID.randomUUID();
		var id = api.celebrity(userId, true);
		var token = TestTokens.token(userId.toString(), "CELEBRITY");
		var day = LocalDate.now(ZoneOffset.UTC).plusDays(60);
		// different locations in different zones, all covering 12:00 UTC that day
		var zones = List.of("Europe/London", "Europe/Paris", "Europe/Athens", "Africa/Abidjan");
		var locations = new ArrayList<UUID>();
		for (var zone : zones) {
			locations.add(api.location(id, token, "City " + zone, "Country", zone));
		}
		var start = new CountDownLatch(1);
		var tasks = new ArrayList<Callable<HttpResponse<String>>>();
		for (int i = 0; i < THREADS; i++) {
			int n = i;
			var zone = java.time.ZoneId.of(zones.get(n % zones.size()));
			var noonUtc = day.atTime(12, 0).atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalTime();
			var from = noonUtc.minusMinutes(30 + n);
			var to = noonUtc.plusMinutes(15 + n);
			tasks.add(() -> {
				start.await();
				return api.postWindow(id, token, locations.get(n % zones.size()), day, hhmm(from), hhmm(to), 1);
			});
		}
		var results = race(tasks, start);

		var created = results.stream().filter(r -> r.statusCode() == 201).count();
		assertThat(created).as(results.stream().map(HttpResponse::body).toList().toString()).isEqualTo(1);
		assertThat(results.stream().filter(r -> r.statusCode() == 400)
			.allMatch(r -> "OVERLAPPING_WINDOW".equals(body(r).get("code").asString()))).isTrue();
		assertThat(results).hasSize(THREADS);
		assertThat(jdbc.sql("SELECT count(*) FROM time_window WHERE celebrity_id = :id").param("id", id)
			.query(Long.class).single()).isEqualTo(1);
		// one version per change of the public calendar: the first location publishes it (empty: a location without
		// dates is not listed), the other three leave it as it was, the one window changes it
		assertThat(jdbc.sql("SELECT version FROM calendar WHERE celebrity_id = :id").param("id", id)
			.query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void theExclusionConstraintAloneLetsExactlyOneOverlappingInsertCommit() throws Exception {
		var api = new Api(port, jdbc);
		var id = api.celebrity(UUID.randomUUID(), true);
		var location = api.location(id, TestTokens.token("ADMIN"), "Lima", "Peru", "America/Lima");
		var day = LocalDate.now(ZoneOffset.UTC).plusDays(90);
		var base = day.atStartOfDay().toInstant(ZoneOffset.UTC).plus(15, ChronoUnit.HOURS);
		var start = new CountDownLatch(1);
		var tasks = new ArrayList<Callable<Boolean>>();
		for (int i = 0; i < THREADS; i++) {
			int n = i;
			tasks.add(() -> {
				start.await();
				try {
					// no calendar lock here: only the constraint stands between the racers
					transactions.executeWithoutResult(status -> insert(id, location, day,
							base.plus(n, ChronoUnit.MINUTES), base.plus(60 + n, ChronoUnit.MINUTES)));
					return true;
				}
				catch (DataIntegrityViolationException ex) {
					return false;
				}
				catch (org.springframework.dao.PessimisticLockingFailureException ex) {
					// concurrent inserts checking one exclusion constraint can wait on each other; PostgreSQL then
					// aborts one of them ("deadlock detected"): that racer lost too, the other goes on
					return false;
				}
			});
		}
		var results = race(tasks, start);
		assertThat(results.stream().filter(Boolean::booleanValue).count()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM time_window WHERE celebrity_id = :id").param("id", id)
			.query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void capacityCutRacingBookingsNeverGoesBelowBooked() throws Exception {
		var api = new Api(port, jdbc);
		var id = api.celebrity(null, true);
		var admin = TestTokens.token("ADMIN");
		var location = api.location(id, admin, "Quito", "Ecuador", "America/Guayaquil");
		for (int round = 0; round < 5; round++) {
			var window = api.window(id, admin, location, LocalDate.now(ZoneOffset.UTC).plusDays(100 + round), "10:00",
					"11:00", 10);
			var start = new CountDownLatch(1);
			var tasks = new ArrayList<Callable<Integer>>();
			for (int i = 0; i < THREADS; i++) {
				// what a booking will do: take a slot only while there is room
				tasks.add(() -> {
					start.await();
					return jdbc.sql("UPDATE time_window SET booked = booked + 1 WHERE id = :id AND booked < capacity")
						.param("id", window)
						.update();
				});
			}
			tasks.add(() -> {
				start.await();
				return api.patch(Api.base(id) + "/windows/" + window, "{\"capacity\":4}", admin).statusCode();
			});
			var results = race(tasks, start);
			var patched = results.getLast();
			var state = jdbc.sql("SELECT capacity, booked FROM time_window WHERE id = :id").param("id", window).query()
				.singleRow();
			int capacity = (Integer) state.get("capacity");
			int booked = (Integer) state.get("booked");
			int taken = results.subList(0, THREADS).stream().mapToInt(Integer::intValue).sum();
			assertThat(patched).as("the cut is applied or refused, never a 500").isIn(200, 409);
			assertThat(capacity).isEqualTo(patched == 200 ? 4 : 10);
			assertThat(booked).isEqualTo(taken).isLessThanOrEqualTo(capacity);
		}
	}

	private void insert(UUID celebrityId, UUID location, LocalDate day, Instant from, Instant to) {
		jdbc.sql("""
				INSERT INTO time_window (celebrity_id, location_id, date, start_time, end_time, starts_at, ends_at, capacity)
				VALUES (:c, :l, :d, :st, :et, :from, :to, 1)""")
			.param("c", celebrityId)
			.param("l", location)
			.param("d", day)
			.param("st", LocalTime.ofInstant(from, ZoneOffset.UTC))
			.param("et", LocalTime.ofInstant(to, ZoneOffset.UTC))
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.update();
	}

	private static <T> List<T> race(List<Callable<T>> tasks, CountDownLatch start) throws Exception {
		try (var pool = Executors.newFixedThreadPool(tasks.size())) {
			var futures = new ArrayList<Future<T>>();
			tasks.forEach(task -> futures.add(pool.submit(task)));
			start.countDown();
			var results = new ArrayList<T>();
			for (var future : futures) {
				results.add(future.get());
			}
			return results;
		}
	}

	private static String hhmm(LocalTime time) {
		return time.truncatedTo(ChronoUnit.MINUTES).toString();
	}
}

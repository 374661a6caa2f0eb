package com.starrymeet.booking.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.starrymeet.booking.BookingApplication;
import com.starrymeet.booking.availability.Slots;
import com.starrymeet.booking.availability.Slots.Slot;
import com.starrymeet.booking.booking.BookingSettings;
import com.starrymeet.booking.booking.Bookings;
import com.starrymeet.booking.booking.Bookings.NewBooking;
import com.starrymeet.common.testing.EmbeddedInfrastructure;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * In-process booking creation against real PostgreSQL (issue 9), next to pgbench running the same SQL transaction
 * against the same database in the same run. Not a test (surefire does not pick it up); run it with the command in
 * {@code bench/README.md}.
 * <p>
 * It starts an embedded PostgreSQL (zonky, its own instance so its log can be read), an embedded Kafka broker
 * (common-lib's test infrastructure: the outbox is published and its rows deleted after commit, as in the
 * service), a tiny HTTP stub answering contract 1 (the price) and contract 2 (the PaymentIntent), and booking-service's
 * own Spring context (Flyway migrates the database: common-lib's V1, booking-service's V2..). It seeds celebrities
 * (replica rows) with two locations each and one window a day of capacity 1,000,000, then:
 * <ol>
 * <li>captures the SQL of one booking from PostgreSQL's log ({@code log_statement = all} for that booking only)
 * into {@code booking-transaction.log};</li>
 * <li>{@code service}: N workers call {@code Bookings.create} (the service's whole creation minus HTTP and the
 * Idempotency-Key table: pre-checks, the catalog call, the transaction, the PaymentIntent call) for a fixed time;</li>
 * <li>{@code transaction}: N workers run only the booking transaction, with booking-service's own code (the same
 * calls as the transaction in {@code Bookings.create}: fan lock, unpaid holds, {@code Slots.take} with its checks,
 * the insert and BookingRequested; reached by reflection, they are package-private), the offer read once per
 * celebrity;</li>
 * <li>{@code pgbench}: writes {@code booking.pgbench}, the same statements in the same order (captured above), and
 * runs {@code pgbench -n -M prepared -c N -T seconds} against the same database.</li>
 * </ol>
 * Fans: each fan makes exactly 3 bookings (the limit of unpaid holds stays 3 and never refuses one). Every booking
 * must succeed; afterwards {@code booked} = live bookings is checked for every window.
 * Arguments: {@code [workers=8] [seconds=20] [celebrities=200] [windows per celebrity=20] [out dir=target/booking-bench]}.
 */
public final class BookingBenchmark {

	static final long PRICE_CENTS = 25_000;

	static final int DURATION_MINUTES = 30;

	static final UUID CELEBRITY_USER = UUID.fromString("00000000-0000-0000-0000-00000000c0de");

	public static void main(String[] args) throws Exception {
		int workers = args.length > 0 ? Integer.parseInt(args[0]) : 8;
		int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
		int celebrities = args.length > 2 ? Integer.parseInt(args[2]) : 200;
		int windows = args.length > 3 ? Integer.parseInt(args[3]) : 20;
		var out = Path.of(args.length > 4 ? args[4] : "target/booking-bench").toAbsolutePath();
		Files.createDirectories(out);
		var pgLog = out.resolve("postgres.log");
		Files.deleteIfExists(pgLog);

		var stub = stub();
		var stubUrl = "http://127.0.0.1:" + stub.getAddress().getPort();
		var postgres = EmbeddedPostgres.builder()
			.setRegisterShutdownHook(false)
			.setServerConfig("max_connections", "200")
			.setOutputRedirector(ProcessBuilder.Redirect.appendTo(pgLog.toFile()))
			.setErrorRedirector(ProcessBuilder.Redirect.appendTo(pgLog.toFile()))
			.start();
		int port = postgres.getPort();
		try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
			s.execute("CREATE DATABASE starrymeet_booking");
		}
		var jdbcUrl = postgres.getJdbcUrl("postgres", "starrymeet_booking");
		var kafka = EmbeddedInfrastructure.kafkaBootstrapServers();

		var app = new SpringApplication(BookingApplication.class);
		// the module's test initializers (WireMock stubs) are left out: the stub here is lighter
		var initializers = new ArrayList<ApplicationContextInitializer<?>>();
		app.getInitializers().stream().filter(i -> !i.getClass().getName().endsWith(".Stubs")).forEach(initializers::add);
		app.setInitializers(initializers);
		var properties = new HashMap<String, Object>();
		properties.put("spring.datasource.url", jdbcUrl);
		properties.put("spring.datasource.username", "postgres");
		properties.put("spring.datasource.password", "postgres");
		properties.put("spring.datasource.hikari.maximum-pool-size", Math.max(10, workers + 4));
		properties.put("spring.kafka.bootstrap-servers", kafka);
		properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", stubUrl + "/jwks");
		properties.put("starrymeet.booking.catalog-url", stubUrl);
		properties.put("starrymeet.booking.payment-url", stubUrl);
		properties.put("server.port", "0");
		properties.put("logging.structured.format.console", "");
		properties.put("logging.level.root", "WARN");
		properties.put("logging.level.com.starrymeet", "WARN");
		// as command-line arguments: they rank above application.yml, as the fleet's settings do
		var context = app.run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
		try {
			run(context, postgres, jdbcUrl, port, workers, seconds, celebrities, windows, out, pgLog);
		}
		finally {
			context.close();
			stub.stop(0);
			postgres.close();
		}
		System.exit(0);
	}

	record Target(UUID celebrityId, UUID windowId, LocalDate date, LocalTime time, String city, String country) {
	}

	static void run(ConfigurableApplicationContext context, EmbeddedPostgres postgres, String jdbcUrl, int port,
			int workers, int seconds, int celebrities, int windows, Path out, Path pgLog) throws Exception {
		try (var c = postgres.getDatabase("postgres", "starrymeet_booking").getConnection()) {
			seed(c, celebrities, windows);
		}
		var targets = new ArrayList<Target>();
		try (var c = postgres.getDatabase("postgres", "starrymeet_booking").getConnection();
				var rs = c.createStatement().executeQuery("""
						SELECT w.celebrity_id, w.id, w.date, w.start_time, l.city, l.country
						FROM time_window w JOIN location l ON l.id = w.location_id ORDER BY w.celebrity_id, w.date""")) {
			while (rs.next()) {
				targets.add(new Target(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
						rs.getObject(3, LocalDate.class), rs.getObject(4, LocalTime.class), rs.getString(5), rs.getString(6)));
			}
		}
		System.out.printf(Locale.ROOT, "seeded %d celebrities x 2 locations, %d windows of capacity 1,000,000%n",
				celebrities, targets.size());

		var bookings = context.getBean(Bookings.class);
		var transaction = new TransactionPath(bookings, targets);
		var fans = new AtomicLong();

		// 1. the SQL of one booking, from PostgreSQL's own log: a second one on its window, as nearly every booking is
		// (the first publishes the calendar; later ones leave it as published and publish nothing but the booking)
		transaction.book(fan(fans), "before-capture-" + UUID.randomUUID(), targets.get(0));
		var captured = capture(postgres, pgLog, () -> transaction.book(fan(fans), "capture-" + UUID.randomUUID(),
				targets.get(0)));
		Files.writeString(out.resolve("booking-transaction.log"), captured);
		System.out.println("== the booking transaction as PostgreSQL logged it (log_statement = all, one booking):");
		System.out.println(captured);

		Work service = t -> bookings.create(fan(fans), UUID.randomUUID().toString(), command(t));
		Work tx = t -> transaction.book(fan(fans), UUID.randomUUID().toString(), t);
		System.out.printf(Locale.ROOT, "== warm-up (JIT): %d workers, 10 s of each path%n", workers);
		load(service, targets, workers, 10);
		load(tx, targets, workers, 10);

		System.out.printf(Locale.ROOT, "== measuring: %d workers, %d s each%n", workers, seconds);
		var serviceResult = load(service, targets, workers, seconds);
		serviceResult.print("in-process Bookings.create (catalog + intent over loopback HTTP)");
		var txResult = load(tx, targets, workers, seconds);
		txResult.print("in-process booking transaction (booking-service code)");

		var outbox = outboxRows(captured);
		var script = out.resolve("booking.pgbench");
		Files.writeString(script, pgbenchScript(celebrities, windows, outbox, false));
		var pgbench = pgbench(port, script, workers, seconds, out, "tx");
		pgbench.print("pgbench, the same SQL transaction");
		var scriptWithOutbox = out.resolve("booking-and-outbox.pgbench");
		Files.writeString(scriptWithOutbox, pgbenchScript(celebrities, windows, outbox, true));
		var pgbenchWithOutbox = pgbench(port, scriptWithOutbox, workers, seconds, out, "tx-outbox");
		pgbenchWithOutbox.print("pgbench, the same transaction + the outbox's 2 after-commit ones");

		checkInvariants(postgres);
		System.out.printf(Locale.ROOT, "%nin-process / pgbench = %.2f  (booking transaction; target >= 0.5)%n",
				txResult.perSecond() / pgbench.perSecond());
		System.out.printf(Locale.ROOT, "in-process / pgbench with the outbox's after-commit transactions = %.2f%n",
				txResult.perSecond() / pgbenchWithOutbox.perSecond());
		System.out.printf(Locale.ROOT, "in-process Bookings.create / pgbench = %.2f  (with the two HTTP calls)%n",
				serviceResult.perSecond() / pgbench.perSecond());
	}

	/** Each fan makes exactly 3 bookings: the unpaid-holds limit (3) never refuses one. */
	static UUID fan(AtomicLong fans) {
		return new UUID(0xFA4L, fans.getAndIncrement() / 3);
	}

	static NewBooking command(Target t) {
		return new NewBooking(t.celebrityId(), meetingType(t.celebrityId()), t.windowId(), t.date(), t.time(), t.city(),
				t.country(), null, null, null);
	}

	static UUID meetingType(UUID celebrityId) {
		return new UUID(celebrityId.getLeastSignificantBits(), 0x4EE7L);
	}

	/**
	 * The transaction of {@code Bookings.create}, made of the same calls on the same beans: booking-service's code
	 * (its members are package-private, so they are reached by reflection). The offer (contract 1) is read once per
	 * celebrity through the service's {@code Catalog}.
	 */
	static final class TransactionPath {

		final Object bookings;

		final Object rows;

		final Slots slots;

		final TransactionTemplate transactions;

		final BookingSettings settings;

		final Method lockFan;

		final Method requireHoldAllowed;

		final Method insert;

		final Method checkPlace;

		final Method checkTime;

		final Map<UUID, Object> offers = new ConcurrentHashMap<>();

		final Method bookableOffer;

		final Object catalog;

		final Method durationMinutes;

		TransactionPath(Bookings proxy, List<Target> targets) throws ReflectiveOperationException {
			bookings = AopTestUtils.getUltimateTargetObject(proxy);
			var type = Bookings.class;
			rows = AopTestUtils.getUltimateTargetObject(field(type, "rows"));
			slots = (Slots) field(type, "slots");
			transactions = (TransactionTemplate) field(type, "transactions");
			settings = (BookingSettings) field(type, "settings");
			catalog = AopTestUtils.getUltimateTargetObject(field(type, "catalog"));
			var offerType = Class.forName("com.starrymeet.booking.booking.Catalog$Offer");
			lockFan = method(rows.getClass(), "lockFan", UUID.class);
			requireHoldAllowed = method(type, "requireHoldAllowed", UUID.class);
			insert = method(type, "insert", UUID.class, String.class, NewBooking.class, offerType, Slot.class);
			checkPlace = method(type, "checkPlace", Slot.class, NewBooking.class);
			checkTime = method(type, "checkTime", Slot.class, NewBooking.class, int.class);
			bookableOffer = method(catalog.getClass(), "bookableOffer", UUID.class, UUID.class);
			durationMinutes = method(offerType, "durationMinutes");
			for (var t : targets) {
				offers.computeIfAbsent(t.celebrityId(),
						c -> invoke(bookableOffer, catalog, c, meetingType(c)));
			}
		}

		/** What the transaction in {@code Bookings.create} does, call for call. */
		void book(UUID fanId, String key, Target target) {
			var command = command(target);
			var offer = offers.get(target.celebrityId());
			int minutes = (int) invoke(durationMinutes, offer);
			transactions.execute(status -> {
				invoke(lockFan, rows, fanId);
				invoke(requireHoldAllowed, bookings, fanId);
				return slots.take(command.celebrityId(), command.windowId(),
						java.time.Instant.now().plus(settings.leadTime()), slot -> {
							invoke(checkPlace, null, slot, command);
							invoke(checkTime, null, slot, command, minutes);
						}, slot -> invoke(insert, bookings, fanId, key, command, offer, slot));
			});
		}

		Object field(Class<?> type, String name, Object target) throws ReflectiveOperationException {
			var field = type.getDeclaredField(name);
			field.setAccessible(true);
			return field.get(target);
		}

		private Object field(Class<?> type, String name) throws ReflectiveOperationException {
			return field(type, name, bookings);
		}

		static Method method(Class<?> type, String name, Class<?>... parameters) throws NoSuchMethodException {
			var method = type.getDeclaredMethod(name, parameters);
			method.setAccessible(true);
			return method;
		}

		static Object invoke(Method method, Object target, Object... arguments) {
			try {
				return method.invoke(target, arguments);
			}
			catch (InvocationTargetException ex) {
				if (ex.getCause() instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw new IllegalStateException(ex.getCause());
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	interface Work {

		void book(Target target) throws Exception;
	}

	record Result(long count, long errors, double seconds, Histogram latency) {

		double perSecond() {
			return count / seconds;
		}

		void print(String name) {
			System.out.printf(Locale.ROOT, "%-68s %8.0f bookings/s  p50=%6.2f ms  p99=%6.2f ms  (n=%d, errors=%d)%n", name,
					perSecond(), latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6, count,
					errors);
		}
	}

	/** {@code workers} threads booking random windows for {@code seconds}; every booking must succeed. */
	static Result load(Work work, List<Target> targets, int workers, int seconds) throws InterruptedException {
		var recorder = new Recorder(3_600_000_000_000L, 3);
		var errors = new AtomicLong();
		var firstError = new java.util.concurrent.atomic.AtomicReference<Throwable>();
		long start = System.nanoTime();
		long end = start + seconds * 1_000_000_000L;
		var threads = new ArrayList<Thread>();
		for (int i = 0; i < workers; i++) {
			threads.add(Thread.ofPlatform().name("bench-" + i).start(() -> {
				var random = ThreadLocalRandom.current();
				while (System.nanoTime() < end) {
					var target = targets.get(random.nextInt(targets.size()));
					long t = System.nanoTime();
					try {
						work.book(target);
						recorder.recordValue(System.nanoTime() - t);
					}
					catch (Exception ex) {
						errors.incrementAndGet();
						firstError.compareAndSet(null, ex);
					}
				}
			}));
		}
		for (var thread : threads) {
			thread.join();
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		if (firstError.get() != null) {
			System.out.println("first error: " + firstError.get());
		}
		var histogram = recorder.getIntervalHistogram();
		return new Result(histogram.getTotalCount(), errors.get(), elapsed, histogram);
	}

	/**
	 * Celebrities {@code c:1..n} (replica rows, active and verified), two locations each (Paris and London), one
	 * window a day from the day after tomorrow, 10:00–18:00 local, capacity 1,000,000. Ids are md5 of a name, so the
	 * pgbench script computes the same ids from random integers.
	 */
	static void seed(Connection c, int celebrities, int windows) throws SQLException {
		try (var s = c.createStatement()) {
			s.execute("""
					INSERT INTO celebrity_replica (celebrity_id, user_id, active, verified, version)
					SELECT md5('c:' || i)::uuid, '%s', true, true, 1 FROM generate_series(1, %d) i""".formatted(CELEBRITY_USER,
					celebrities));
			s.execute("""
					INSERT INTO location (id, celebrity_id, city, country, time_zone)
					SELECT md5('l:' || i || ':' || k)::uuid, md5('c:' || i)::uuid,
					       CASE k WHEN 1 THEN 'Paris' ELSE 'London' END, CASE k WHEN 1 THEN 'France' ELSE 'UK' END,
					       CASE k WHEN 1 THEN 'Europe/Paris' ELSE 'Europe/London' END
					FROM generate_series(1, %d) i, generate_series(1, 2) k""".formatted(celebrities));
			s.execute("""
					INSERT INTO time_window (id, celebrity_id, location_id, date, start_time, end_time, starts_at, ends_at, capacity)
					SELECT md5('w:' || i || ':' || w)::uuid, md5('c:' || i)::uuid, l.id, current_date + 1 + w, '10:00', '18:00',
					       ((current_date + 1 + w) + time '10:00') AT TIME ZONE l.time_zone,
					       ((current_date + 1 + w) + time '18:00') AT TIME ZONE l.time_zone, 1000000
					FROM generate_series(1, %d) i CROSS JOIN generate_series(1, %d) w
					JOIN location l ON l.id = md5('l:' || i || ':' || (1 + w %% 2))::uuid""".formatted(celebrities, windows));
			s.execute("ANALYZE");
		}
	}

	/** Runs {@code booking} with {@code log_statement = all} and returns what PostgreSQL logged for it. */
	static String capture(EmbeddedPostgres postgres, Path pgLog, Runnable booking) throws Exception {
		try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
			s.execute("ALTER SYSTEM SET log_line_prefix = '[%p] '");
			s.execute("ALTER SYSTEM SET log_statement = 'all'");
			s.execute("SELECT pg_reload_conf()");
			Thread.sleep(500);
			long from = Files.size(pgLog);
			booking.run();
			Thread.sleep(1500); // the outbox's publication completes after the commit
			s.execute("ALTER SYSTEM RESET log_statement");
			s.execute("SELECT pg_reload_conf()");
			Thread.sleep(300);
			var bytes = Files.readAllBytes(pgLog);
			var text = new String(bytes, (int) from, bytes.length - (int) from, StandardCharsets.UTF_8);
			// the backend that inserted the booking: its lines from the BEGIN before that insert to the COMMIT after
			var lines = text.lines().toList();
			var insert = Pattern.compile("^\\[(\\d+)\\] .*INSERT INTO booking ");
			String pid = null;
			for (var line : lines) {
				var m = insert.matcher(line);
				if (m.find()) {
					pid = m.group(1);
				}
			}
			if (pid == null) {
				return text;
			}
			var mine = new ArrayList<String>();
			for (var line : lines) {
				if (line.startsWith("[" + pid + "] ") || (!line.startsWith("[") && !mine.isEmpty())) {
					mine.add(line);
				}
			}
			var result = new StringBuilder();
			result.append("-- backend ").append(pid).append(" (the booking's transaction)\n");
			mine.forEach(l -> result.append(l).append('\n'));
			result.append("-- other backends meanwhile (after the commit: the outbox publication)\n");
			for (var line : lines) {
				if (line.startsWith("[") && !line.startsWith("[" + pid + "] ") && line.contains("LOG:")) {
					result.append(line).append('\n');
				}
			}
			return result.toString();
		}
	}

	/**
	 * The booking transaction as pgbench runs it: the statements booking-service sends (see
	 * {@code booking-transaction.log}), in the same order, with the same parameters where JDBC binds them; ids come
	 * from random integers through md5 (the seed's ids), the window's columns through {@code \gset} as the service
	 * reads them; the outbox row carries a payload of the size the service serialises.
	 */
	static String pgbenchScript(int celebrities, int windows, List<OutboxRow> outbox, boolean afterCommit) {
		return """
				\\set fan random(1, 2000000000)
				\\set key random(1, 2000000000)
				\\set c random(1, %d)
				\\set w random(1, %d)
				BEGIN;
				SELECT pg_advisory_xact_lock(:fan);
				SELECT count(*) FROM booking WHERE fan_id = md5('f:' || :fan)::uuid AND status = 'pending' AND hold_expires_at > now();
				INSERT INTO calendar (celebrity_id, version) VALUES (md5('c:' || :c)::uuid, 0)
				  ON CONFLICT (celebrity_id) DO UPDATE SET updated_at = now();
				SELECT w.id, w.celebrity_id, w.location_id, l.city, l.country, l.time_zone, w.date, w.start_time, w.end_time,
				       w.starts_at, w.ends_at, w.capacity, w.booked, w.blocked
				  FROM time_window w JOIN location l ON l.id = w.location_id WHERE w.id = md5('w:' || :c || ':' || :w)::uuid AND w.celebrity_id = md5('c:' || :c)::uuid
				\\gset win_
				UPDATE time_window SET booked = booked + 1, updated_at = now()
				  WHERE id = md5('w:' || :c || ':' || :w)::uuid AND celebrity_id = md5('c:' || :c)::uuid AND booked < capacity AND NOT blocked AND starts_at > now() + interval '24 hours';
				WITH n AS (SELECT nextval('booking_number_seq')::text AS seq)
				INSERT INTO booking (id, booking_number, fan_id, celebrity_id, celebrity_user_id, celebrity_name,
				    meeting_type_id, meeting_type_name, duration_minutes, window_id, date, time, time_zone, starts_at,
				    ends_at, city, country, price_cents, currency, platform_fee_cents, celebrity_payout_cents,
				    refund_policy, occasion, special_requests, fan_notes, status, hold_expires_at, idempotency_key)
				SELECT gen_random_uuid(), 'BK-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(n.seq, greatest(6, length(n.seq)), '0'),
				    md5('f:' || :fan)::uuid, md5('c:' || :c)::uuid, '%s', 'Bench Celebrity', md5('m:' || :c)::uuid, 'Standard Meet', %d,
				    md5('w:' || :c || ':' || :w)::uuid, :win_date, :win_start_time, :win_time_zone, :win_starts_at,
				    :win_starts_at::timestamptz + interval '%d minutes', :win_city, :win_country, %d, 'USD', %d, %d,
				    CAST(%s AS jsonb), NULL, NULL, NULL, 'pending', now() + interval '15 minutes', 'pgbench-' || :key
				FROM n
				RETURNING %s
				\\gset bk_
				%s
				INSERT INTO booking_event (event_id, booking_id, type, aggregate_version, payload, occurred_at)
				  VALUES (%s, :bk_id, 'BookingRequested', 1, CAST(%s AS jsonb), now());
				SELECT DISTINCT l.id, l.city, l.country, l.time_zone, w.date
				  FROM location l JOIN time_window w ON w.location_id = l.id
				  WHERE l.celebrity_id = md5('c:' || :c)::uuid AND w.starts_at > now() AND NOT w.blocked AND w.booked < w.capacity
				  ORDER BY l.city, l.country, l.id, w.date;
				UPDATE calendar SET version = version + 1, published_digest = '%s'
				  WHERE celebrity_id = md5('c:' || :c)::uuid AND published_digest IS DISTINCT FROM published_digest
				  RETURNING version;
				UPDATE calendar SET refresh_at = (SELECT min(last_start) FROM (
				    SELECT max(w.starts_at) AS last_start FROM time_window w
				    WHERE w.celebrity_id = md5('c:' || :c)::uuid AND w.starts_at > now() AND NOT w.blocked AND w.booked < w.capacity
				    GROUP BY w.location_id, w.date) dates)
				  WHERE celebrity_id = md5('c:' || :c)::uuid;
				COMMIT;
				""".formatted(celebrities, windows, CELEBRITY_USER, DURATION_MINUTES, DURATION_MINUTES, PRICE_CENTS,
				fee(PRICE_CENTS), PRICE_CENTS - fee(PRICE_CENTS), literal(REFUND_POLICY),
				BOOKING_COLUMNS.replace('\n', ' '), outboxInsert(outbox.get(0), 1), eventId(1),
				literal(payloadOf(outbox.get(0).serialized())), "0".repeat(64))
				+ (afterCommit ? afterCommit(1) : "");
	}

	/** What Modulith does after the commit for each publication (seen in the log): mark it processing, then delete it. */
	static String afterCommit(int n) {
		return """
				BEGIN;
				UPDATE EVENT_PUBLICATION SET STATUS = 'PROCESSING' WHERE ID = %1$s AND STATUS != 'PROCESSING';
				COMMIT;
				BEGIN;
				DELETE FROM EVENT_PUBLICATION WHERE ID = %1$s;
				COMMIT;
				""".formatted(eventId(n));
	}

	static String eventId(int n) {
		return "md5('e" + n + ":' || :fan || ':' || :key)::uuid";
	}

	static long fee(long price) {
		return (price * 15 + 50) / 100;
	}

	/** The refund policy booking-service freezes into a booking (its default settings), as in the log. */
	static final String REFUND_POLICY = """
			{"id":"standard","version":1,"tiers":[{"hoursBefore":168,"inclusive":false,"refundPercent":100},\
			{"hoursBefore":72,"inclusive":true,"refundPercent":50},{"hoursBefore":0,"inclusive":true,"refundPercent":0}],\
			"celebrityCancellation":{"refundPercent":100,"creditCents":2500}}""";

	/** {@code BookingRows.COLUMNS}: what the insert returns. */
	static final String BOOKING_COLUMNS = """
			id, booking_number, fan_id, celebrity_id, celebrity_user_id, celebrity_name, meeting_type_id,
			meeting_type_name, duration_minutes, window_id, date, time, time_zone, starts_at, ends_at, city, country,
			price_cents, currency, platform_fee_cents, celebrity_payout_cents, occasion, special_requests, fan_notes,
			status, hold_expires_at, payment_id, payment_intent_id, last_payment_failure, version, created_at,
			confirmed_at, expired_at, canceled_at""";

	/** An outbox row of the captured booking: event type, listener and the serialised event (BookingRequested, AvailabilityChanged). */
	record OutboxRow(String eventType, String listener, String serialized) {
	}

	/**
	 * The outbox rows of the captured booking transaction, from the parameters PostgreSQL logged: BookingRequested
	 * only (the calendar is as published, so no AvailabilityChanged).
	 */
	static List<OutboxRow> outboxRows(String captured) {
		var parameters = Pattern.compile(
				"INSERT INTO EVENT_PUBLICATION .*?\\n\\[\\d+\\] DETAIL:  Parameters: \\$1 = '[^']*', \\$2 = '([^']*)', "
						+ "\\$3 = '([^']*)', \\$4 = '[^']*', \\$5 = '(.*?)', \\$6 = 'PUBLISHED'");
		var rows = new ArrayList<OutboxRow>();
		var m = parameters.matcher(captured);
		while (m.find()) {
			rows.add(new OutboxRow(m.group(1), m.group(2), m.group(3)));
		}
		if (rows.size() != 1) {
			throw new IllegalStateException("the captured transaction does not hold exactly one outbox insert: " + rows);
		}
		return rows;
	}

	/** The event's payload inside the outbox's serialised envelope: what the booking's own event history keeps. */
	static String payloadOf(String serializedEnvelope) {
		return new tools.jackson.databind.json.JsonMapper().readTree(serializedEnvelope).path("payload").toString();
	}

	static String outboxInsert(OutboxRow row, int n) {
		return """
				INSERT INTO EVENT_PUBLICATION (ID, EVENT_TYPE, LISTENER_ID, PUBLICATION_DATE, SERIALIZED_EVENT, STATUS, COMPLETION_ATTEMPTS, LAST_RESUBMISSION_DATE)
				  VALUES (%s, %s, %s, now(), %s, 'PUBLISHED', 1, now());""".formatted(eventId(n), literal(row.eventType()),
				literal(row.listener()), literal(row.serialized()));
	}

	/**
	 * A SQL string literal pgbench leaves alone: its {@code :name} would be taken for a variable, so colons are
	 * written as the escape {@code \072} (the value is the same text).
	 */
	static String literal(String text) {
		return "E'" + text.replace("\\", "\\\\").replace("'", "\\'").replace(":", "\\072") + "'";
	}

	/** pgbench with per-transaction logs (for p50/p99); tps from its own report. */
	static Result pgbench(int port, Path script, int workers, int seconds, Path out, String name) throws Exception {
		var logs = out.resolve("pgbench-logs-" + name);
		if (Files.isDirectory(logs)) {
			try (var old = Files.list(logs)) {
				for (var f : old.toList()) {
					Files.delete(f);
				}
			}
		}
		Files.createDirectories(logs);
		var command = List.of("pgbench", "-n", "-M", "prepared", "-h", "localhost", "-p", String.valueOf(port), "-U",
				"postgres", "-c", String.valueOf(workers), "-j", String.valueOf(Math.min(workers, 2)), "-T",
				String.valueOf(seconds), "-f", script.toString(), "-l", "--log-prefix=" + logs.resolve("tx"),
				"starrymeet_booking");
		System.out.println("== " + String.join(" ", command));
		var process = new ProcessBuilder(command).redirectErrorStream(true).start();
		var report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit = process.waitFor();
		Files.writeString(out.resolve("pgbench-report-" + name + ".txt"), report);
		if (exit != 0) {
			System.out.println(report);
			throw new IllegalStateException("pgbench failed (exit " + exit + ")");
		}
		report.lines().filter(l -> l.startsWith("number of") || l.startsWith("tps") || l.startsWith("latency"))
			.forEach(l -> System.out.println("   " + l));
		var histogram = new Histogram(3_600_000_000_000L, 3);
		try (var files = Files.list(logs)) {
			for (var file : files.toList()) {
				for (var line : Files.readAllLines(file)) {
					var fields = line.split(" ");
					histogram.recordValue(Long.parseLong(fields[2]) * 1000); // µs → ns
				}
			}
		}
		var tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(report);
		double rate = tps.find() ? Double.parseDouble(tps.group(1)) : histogram.getTotalCount() / (double) seconds;
		var failed = Pattern.compile("number of failed transactions: (\\d+)").matcher(report);
		long errors = failed.find() ? Long.parseLong(failed.group(1)) : 0;
		return new Result(Math.round(rate * seconds), errors, seconds, histogram);
	}

	/** booked = live bookings for every window, and no window over capacity. */
	static void checkInvariants(EmbeddedPostgres postgres) throws SQLException {
		try (var c = postgres.getDatabase("postgres", "starrymeet_booking").getConnection();
				var rs = c.createStatement().executeQuery("""
						SELECT count(*) FILTER (WHERE w.booked <> coalesce(b.live, 0)), sum(w.booked), (SELECT count(*) FROM booking)
						FROM time_window w LEFT JOIN (SELECT window_id, count(*) AS live FROM booking
						    WHERE status IN ('pending', 'confirmed', 'completed', 'disputed') GROUP BY window_id) b
						  ON b.window_id = w.id""")) {
			rs.next();
			System.out.printf(Locale.ROOT, "check: %d bookings in all, sum(booked) = %d, windows where booked <> live bookings: %d%n",
					rs.getLong(3), rs.getLong(2), rs.getLong(1));
			if (rs.getLong(1) != 0) {
				throw new IllegalStateException("booked differs from the live bookings");
			}
		}
	}

	/** Contract 1 (the price) and contract 2 (the PaymentIntent) as a tiny HTTP server on virtual threads. */
	static HttpServer stub() throws IOException {
		var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		var meetingType = Pattern.compile("/internal/celebrities/([0-9a-f-]{36})/meeting-types/([0-9a-f-]{36})");
		var bookingId = Pattern.compile("\"bookingId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
		var amount = Pattern.compile("\"amountCents\"\\s*:\\s*(\\d+)");
		server.createContext("/", exchange -> {
			try (exchange) {
				var body = exchange.getRequestBody().readAllBytes();
				var path = exchange.getRequestURI().getPath();
				var m = meetingType.matcher(path);
				if ("GET".equals(exchange.getRequestMethod()) && m.matches()) {
					respond(exchange, """
							{"success":true,"data":{"celebrityId":"%s","celebrityName":"Bench Celebrity","celebrityUserId":"%s",\
							"bookable":true,"meetingTypeId":"%s","name":"Standard Meet","durationMinutes":%d,"priceCents":%d,\
							"currency":"USD","active":true}}""".formatted(m.group(1), CELEBRITY_USER, m.group(2),
							DURATION_MINUTES, PRICE_CENTS));
				}
				else if ("POST".equals(exchange.getRequestMethod()) && path.equals("/internal/payments/intents")) {
					var text = new String(body, StandardCharsets.UTF_8);
					var id = bookingId.matcher(text);
					var cents = amount.matcher(text);
					if (!id.find() || !cents.find()) {
						exchange.sendResponseHeaders(400, -1);
						return;
					}
					respond(exchange, """
							{"success":true,"data":{"paymentId":"%s","bookingId":"%s","paymentIntentId":"pi_%s",\
							"clientSecret":"pi_%s_secret_bench","publishableKey":"pk_test_bench",\
							"status":"requires_payment_method","amountCents":%s,"currency":"USD"}}""".formatted(UUID.randomUUID(),
							id.group(1), id.group(1).replace("-", ""), id.group(1).replace("-", ""), cents.group(1)));
				}
				else {
					exchange.sendResponseHeaders(404, -1);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		server.start();
		return server;
	}

	static void respond(HttpExchange exchange, String json) throws IOException {
		var bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private BookingBenchmark() {
	}
}

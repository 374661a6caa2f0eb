package com.starrymeet.fleet.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.starrymeet.demo.DemoCatalog;
import com.starrymeet.demo.DemoCelebrity;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts the demo catalog into a running fleet the way an admin would: logs in as the local admin, creates each
 * celebrity as a managed profile with its meeting types, verifies (and features) it, then adds its locations
 * and availability windows in booking-service. Everything goes through the services' APIs, so the events flow
 * to search, favorites and the catalog's availability exactly as in production.
 * <p>
 * Idempotent per celebrity: a username that already exists (409) is skipped, so running it against a fleet
 * that has the data does nothing. Window dates are {@code dayOffset} days after today in the location's time
 * zone, so the data is always in the future.
 */
public final class DemoDataLoader {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI users;

	private final URI catalog;

	private final URI scheduling;

	private final Consumer<String> progress;

	/**
	 * @param users user-service base URL (login)
	 * @param catalog celebrity-service base URL
	 * @param scheduling booking-service base URL (availability)
	 */
	public DemoDataLoader(URI users, URI catalog, URI scheduling, Consumer<String> progress) {
		this.users = users;
		this.catalog = catalog;
		this.scheduling = scheduling;
		this.progress = progress;
	}

	public record Result(int created, int skipped, Duration took) {
	}

	/**
	 * How search compares with the catalog: {@code searchTotal} and {@code catalogTotal} as last read,
	 * {@code took} from the start of the wait until they were equal (or until the deadline).
	 */
	public record Searchable(long searchTotal, long catalogTotal, Duration took, boolean caughtUp) {
	}

	/**
	 * Polls through the gateway until search-service holds as many celebrities as the catalog lists
	 * ({@code GET /v1/search/celebrities?limit=1} and {@code GET /v1/celebrities?limit=1}, {@code pagination.total}
	 * of each), or {@code timeout} has passed. Call it after the last write: search is fed by the catalog's events,
	 * so it may lag behind, never run ahead.
	 */
	public static Searchable awaitSearchable(URI gateway, Duration timeout) {
		var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		long began = System.nanoTime();
		long deadline = began + timeout.toNanos();
		long search = -1;
		long catalog = -1;
		while (true) {
			try {
				catalog = total(http, gateway.resolve("/v1/celebrities?limit=1"));
				search = total(http, gateway.resolve("/v1/search/celebrities?limit=1"));
				if (search == catalog) {
					return new Searchable(search, catalog, Duration.ofNanos(System.nanoTime() - began), true);
				}
			}
			catch (IllegalStateException ex) {
				// a service restarting, a 503 from the gateway: keep polling until the deadline
			}
			if (System.nanoTime() > deadline) {
				return new Searchable(search, catalog, Duration.ofNanos(System.nanoTime() - began), false);
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for search", ex);
			}
		}
	}

	/** {@code data.pagination.total} of a list answer. */
	private static long total(HttpClient http, URI uri) {
		var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
		try {
			var response = http.send(request, HttpResponse.BodyHandlers.ofString());
			var total = data(response, 200).path("pagination").path("total");
			if (!total.isNumber()) {
				throw new IllegalStateException("GET " + uri + " has no data.pagination.total: " + response.body());
			}
			return total.asLong();
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + uri + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Loads celebrities {@code 0 .. count-1} of {@code seed} with {@code threads} parallel clients. */
	public Result load(String adminEmail, String adminPassword, long seed, int count, int threads) {
		long began = System.nanoTime();
		var token = login(adminEmail, adminPassword);
		var categories = categories();
		var created = new AtomicInteger();
		var skipped = new AtomicInteger();
		var done = new AtomicInteger();
		try (var pool = Executors.newFixedThreadPool(threads)) {
			var futures = new ArrayList<Future<?>>();
			for (var celebrity : DemoCatalog.generate(seed, count)) {
				futures.add(pool.submit(() -> {
					if (create(token, categories, celebrity)) {
						created.incrementAndGet();
					}
					else {
						skipped.incrementAndGet();
					}
					int n = done.incrementAndGet();
					if (n % 50 == 0 || n == count) {
						this.progress.accept("  demo data: " + n + "/" + count + " celebrities");
					}
					return null;
				}));
			}
			for (var future : futures) {
				future.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while loading demo data", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Demo data failed: " + ex.getCause().getMessage(), ex.getCause());
		}
		return new Result(created.get(), skipped.get(), Duration.ofNanos(System.nanoTime() - began));
	}

	/** Creates one celebrity with everything it has; {@code false} when its username already exists. */
	private boolean create(String token, Map<String, String> categories, DemoCelebrity c) {
		var profile = new LinkedHashMap<String, Object>();
		profile.put("username", c.username());
		profile.put("displayName", c.displayName());
		profile.put("categoryId", categories.get(c.categorySlug()));
		profile.put("profession", c.profession());
		profile.put("bio", c.bio());
		profile.put("profilePhotoUrl", c.profilePhotoUrl());
		profile.put("coverPhotoUrl", c.coverPhotoUrl());
		var response = send("POST", this.catalog.resolve("/v1/admin/celebrities"), profile, token);
		if (response.statusCode() == 409) {
			return false;
		}
		var id = data(response, 201).path("id").asString();
		int order = 0;
		for (var type : c.meetingTypes()) {
			var body = new LinkedHashMap<String, Object>();
			body.put("name", type.name());
			body.put("durationMinutes", type.durationMinutes());
			body.put("priceCents", type.priceCents());
			body.put("description", type.description());
			body.put("sortOrder", order++);
			data(send("POST", this.catalog.resolve("/v1/admin/celebrities/" + id + "/meeting-types"), body, token), 201);
		}
		data(send("POST", this.catalog.resolve("/v1/admin/celebrities/" + id + "/verify"), null, token), 200);
		if (c.featured()) {
			data(send("POST", this.catalog.resolve("/v1/admin/celebrities/" + id + "/feature"), null, token), 200);
		}
		var base = "/v1/celebrities/" + id + "/availability";
		for (var location : c.locations()) {
			var body = Map.<String, Object>of("city", location.city(), "country", location.country(), "timeZone",
					location.timeZone());
			// booking-service learns of the celebrity from its CelebrityUpserted: wait for it
			var locationId = data(awaitKnown("POST", this.scheduling.resolve(base + "/locations"), body, token), 201)
				.path("id")
				.asString();
			var today = LocalDate.now(ZoneId.of(location.timeZone()));
			for (var window : location.windows()) {
				var w = new LinkedHashMap<String, Object>();
				w.put("locationId", locationId);
				w.put("date", today.plusDays(window.dayOffset()).toString());
				w.put("startTime", window.start().toString());
				w.put("endTime", window.end().toString());
				w.put("capacity", window.capacity());
				data(send("POST", this.scheduling.resolve(base + "/windows"), w, token), 201);
			}
		}
		return true;
	}

	private HttpResponse<String> awaitKnown(String method, URI uri, Object body, String token) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (true) {
			var response = send(method, uri, body, token);
			if (response.statusCode() != 404 || System.nanoTime() > deadline) {
				return response;
			}
			try {
				Thread.sleep(100); // replication over Kafka, typically well under a second
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private String login(String email, String password) {
		var response = send("POST", this.users.resolve("/v1/auth/login"), Map.of("email", email, "password", password),
				null);
		return data(response, 200).path("accessToken").asString();
	}

	private Map<String, String> categories() {
		var slugs = new HashMap<String, String>();
		for (var category : data(send("GET", this.catalog.resolve("/v1/categories"), null, null), 200)) {
			slugs.put(category.path("slug").asString(), category.path("id").asString());
		}
		return slugs;
	}

	private static JsonNode data(HttpResponse<String> response, int expected) {
		if (response.statusCode() != expected) {
			throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
					+ response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body()).path("data");
	}

	private HttpResponse<String> send(String method, URI uri, @Nullable Object body, @Nullable String token) {
		var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
			request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + uri + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}

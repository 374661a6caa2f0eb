package com.starrymeet.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;

import com.starrymeet.demo.DemoCatalog;
import com.starrymeet.fleet.process.Ports;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Boots the whole fleet from the services' jars, on free ports (a running dev fleet is not disturbed), and
 * talks to it only through the gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static @Nullable Fleet fleet;

	@BeforeAll
	static void startFleet() {
		var home = Path.of(System.getProperty("starrymeet.home", "../.."));
		var data = Path.of(System.getProperty("fleet.data", "target/fleet-it"));
		fleet = Fleet.start(FleetOptions.defaults(home).withDataDir(data).withFresh(true).withFreePorts());
	}

	@AfterAll
	static void stopFleet() {
		if (fleet != null) {
			fleet.close();
		}
	}

	@Test
	@Order(1)
	void categoriesComeFromCelebrityServiceInTheEnvelope() {
		var response = get("/v1/categories");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(contentType(response)).startsWith("application/json");
		var body = JSON.readTree(response.body());
		assertThat(body.path("success").asBoolean(false)).isTrue();
		assertThat(body.path("data").isArray()).isTrue();
		assertThat(body.path("data").size()).isPositive();
	}

	@Test
	@Order(2)
	void internalPathsAreNotRouted() {
		var response = get("/internal/anything");

		assertProblem(response, 404);
	}

	@Test
	@Order(3)
	void malformedJsonReachesAnalyticsAndIsAProblem() {
		var request = HttpRequest.newBuilder(url("/v1/analytics/events"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"page_view\", "))
			.build();

		var response = send(request);

		assertProblem(response, 400);
	}

	@Test
	@Order(4)
	void identityWorksEndToEndThroughTheGateway() {
		var email = "fan-" + System.nanoTime() + "@example.test";
		var registered = call("POST", "/v1/auth/register", """
				{"email":"%s","password":"Fan-Pass-2026!","firstName":"Fan","lastName":"One"}""".formatted(email), null);
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		var tokens = JSON.readTree(registered.body()).path("data");
		var access = tokens.path("accessToken").asString();
		var refresh = tokens.path("refreshToken").asString();

		var me = call("GET", "/v1/users/me", null, access);
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		assertThat(JSON.readTree(me.body()).path("data").path("email").asString()).isEqualTo(email);
		assertProblem(call("GET", "/v1/users/me", null, null), 401);
		assertProblem(call("GET", "/v1/admin/users", null, access), 403);

		var logout = call("POST", "/v1/auth/logout", "{\"refreshToken\":\"%s\"}".formatted(refresh), access);
		assertThat(logout.statusCode()).as(logout.body()).isEqualTo(204);
		var revoked = call("GET", "/v1/users/me", null, access);
		assertProblem(revoked, 401);
		assertThat(JSON.readTree(revoked.body()).path("code").asString()).isEqualTo("TOKEN_REVOKED");
		assertProblem(call("POST", "/v1/auth/refresh", "{\"refreshToken\":\"%s\"}".formatted(refresh), null), 401);

		var admin = call("POST", "/v1/auth/login", """
				{"email":"%s","password":"%s"}""".formatted(Fleet.LOCAL_ADMIN_EMAIL, Fleet.LOCAL_ADMIN_PASSWORD), null);
		assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
		var adminToken = JSON.readTree(admin.body()).path("data").path("accessToken").asString();
		var users = call("GET", "/v1/admin/users?q=" + email, null, adminToken);
		assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
		assertThat(users.body()).contains(email);
	}

	@Test
	@Order(5)
	void aCelebritysChangesReachListProfileSearchAndFavoritesWithoutARestart() {
		var adminToken = login(Fleet.LOCAL_ADMIN_EMAIL, Fleet.LOCAL_ADMIN_PASSWORD);
		long n = System.nanoTime() % 1_000_000;
		var star = becomeCelebrity(adminToken, "Zoë Fleetwood", "zoe.fleet" + n);
		var rival = becomeCelebrity(adminToken, "Rival Star", "rival.star" + n);
		var id = star.celebrityId();

		// the celebrity prices a meeting and says where they will be
		var type = call("POST", "/v1/celebrities/me/meeting-types", """
				{"name":"Quick Meet","durationMinutes":15,"priceCents":15000}""", star.access());
		assertThat(type.statusCode()).as(type.body()).isEqualTo(201);
		var typeId = data(type).path("id").asString();
		var lisbon = addLocation(star, "Lisbon", "Portugal", "Europe/Lisbon");
		addWindow(star, lisbon, LocalDate.now(ZoneId.of("Europe/Lisbon")).plusDays(10));

		// a fan saves them (the favorites replica follows the catalog: retry until it knows them)
		var fan = register("fan-" + n + "@example.test");
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			var saved = call("POST", "/v1/users/me/favorites", "{\"celebrityId\":\"%s\"}".formatted(id), fan.access());
			assertThat(saved.statusCode()).as(saved.body()).isIn(200, 201);
		});
		var views = new Views(id, "zoe.fleet" + n, fan.access());
		views.awaitEverywhere("the first snapshot", card -> card.name().equals("Zoë Fleetwood")
				&& card.lowestPriceCents() == 15000 && card.cities().contains("Lisbon"));

		// nobody else edits them: another celebrity, a fan, an anonymous caller
		for (var caller : new String[] { rival.access(), fan.access() }) {
			assertProblem(call("PATCH", "/v1/celebrities/" + id, "{\"bio\":\"Hijacked\"}", caller), 403);
			assertProblem(call("POST", "/v1/celebrities/" + id + "/availability/locations", """
					{"city":"Oslo","country":"Norway","timeZone":"Europe/Oslo"}""", caller), 403);
		}
		assertProblem(call("PATCH", "/v1/celebrities/me/meeting-types/" + typeId, "{\"priceCents\":1}", rival.access()),
				403);
		assertProblem(call("POST", "/v1/celebrities/" + id + "/availability/windows", "{}", null), 401);

		// 1. a profile edit
		var edit = call("PATCH", "/v1/celebrities/me", "{\"displayName\":\"Zoë Fleetwood-Mac\"}", star.access());
		assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
		views.awaitEverywhere("the new name", card -> card.name().equals("Zoë Fleetwood-Mac"));

		// 2. a price change
		var price = call("PATCH", "/v1/celebrities/me/meeting-types/" + typeId, "{\"priceCents\":9900}", star.access());
		assertThat(price.statusCode()).as(price.body()).isEqualTo(200);
		views.awaitEverywhere("the new price", card -> card.lowestPriceCents() == 9900);

		// 3. a new availability date in a new city
		var tokyo = addLocation(star, "Tokyo", "Japan", "Asia/Tokyo");
		addWindow(star, tokyo, LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(20));
		views.awaitEverywhere("the new city", card -> card.cities().contains("Tokyo") && card.cities().contains("Lisbon"));
		var calendar = get("/v1/celebrities/" + id + "/availability");
		assertThat(calendar.statusCode()).as(calendar.body()).isEqualTo(200);
		assertThat(calendar.body()).contains("Tokyo", "Lisbon");
	}

	@Test
	@Order(6)
	void theDemoCatalogLoadsThroughTheApisAndIsSearchable() {
		var fleet = running();
		var loader = new com.starrymeet.fleet.demo.DemoDataLoader(service(fleet, Service.USER),
				service(fleet, Service.CELEBRITY), service(fleet, Service.BOOKING), line -> {
				});
		var result = loader.load(Fleet.LOCAL_ADMIN_EMAIL, Fleet.LOCAL_ADMIN_PASSWORD, DemoCatalog.DEFAULT_SEED, 12, 2);
		assertThat(result.created()).isEqualTo(12);
		assertThat(loader.load(Fleet.LOCAL_ADMIN_EMAIL, Fleet.LOCAL_ADMIN_PASSWORD, DemoCatalog.DEFAULT_SEED, 12, 2).skipped())
			.as("a second load changes nothing")
			.isEqualTo(12);

		// every demo celebrity is public, priced and available; an accented name is found without its accents
		var accented = DemoCatalog.generate(DemoCatalog.DEFAULT_SEED, 12)
			.stream()
			.filter(c -> !java.text.Normalizer.normalize(c.displayName(), java.text.Normalizer.Form.NFD).equals(c.displayName()))
			.findFirst()
			.orElseThrow();
		var plain = java.text.Normalizer.normalize(accented.displayName(), java.text.Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "");
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			var found = get("/v1/search/celebrities?q=" + java.net.URLEncoder.encode(plain, java.nio.charset.StandardCharsets.UTF_8));
			assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
			var first = data(found).path("celebrities").path(0);
			assertThat(first.path("username").asString()).isEqualTo(accented.username());
			assertThat(first.path("cities").size()).isPositive();
		});
		var profile = get("/v1/celebrities/" + accented.username());
		assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
		assertThat(data(profile).path("meetingTypes").size()).isEqualTo(accented.meetingTypes().size());
	}

	@Test
	@Order(7)
	void theRestOfTheCatalogAnswersThroughTheGateway() {
		var adminToken = login(Fleet.LOCAL_ADMIN_EMAIL, Fleet.LOCAL_ADMIN_PASSWORD);
		var demo = DemoCatalog.celebrity(DemoCatalog.DEFAULT_SEED, 0);
		var profile = data(get("/v1/celebrities/" + demo.username()));
		var id = profile.path("id").asString();

		var categories = data(get("/v1/categories"));
		assertThat(categories.valueStream().mapToInt(c -> c.path("celebrityCount").asInt()).sum()).isPositive();
		assertThat(get("/v1/celebrities/featured").statusCode()).isEqualTo(200);
		var reviews = data(get("/v1/celebrities/" + id + "/reviews"));
		assertThat(reviews.path("summary").path("totalReviews").asInt()).isZero();
		var suggestions = data(get("/v1/search/suggestions?q=" + demo.username().substring(0, 3)));
		assertThat(suggestions.size()).isPositive();
		var faceted = data(call("POST", "/v1/search/filters", "{\"category\":\"%s\"}".formatted(demo.categorySlug()), null));
		assertThat(faceted.path("facets").path("categories").size()).isPositive();
		assertThat(faceted.path("celebrities").size()).isPositive();

		var place = demo.locations().stream().filter(l -> !l.windows().isEmpty()).findFirst().orElseThrow();
		var month = LocalDate.now(ZoneId.of(place.timeZone())).plusDays(place.windows().getFirst().dayOffset());
		var calendar = data(get("/v1/celebrities/" + id + "/availability?month=" + month.toString().substring(0, 7)));
		assertThat(calendar.path("month").path("days").valueStream().anyMatch(day -> day.path("available").asBoolean()))
			.isTrue();
		assertProblem(get("/v1/celebrities/" + id + "/availability?month=2026-13"), 400);
		assertProblem(get("/v1/celebrities/" + id + "/availability/windows"), 401);

		// an application the admin rejects, with the reason shown to the applicant
		var applicant = register("applicant-" + System.nanoTime() + "@example.test");
		var applied = call("POST", "/v1/celebrities/applications", """
				{"displayName":"Hopeful","username":"hopeful%d","category":"comedians"}""".formatted(System.nanoTime() % 100_000),
				applicant.access());
		assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
		var queue = data(call("GET", "/v1/admin/celebrities/applications?status=PENDING", null, adminToken));
		assertThat(queue.valueStream().map(a -> a.path("id").asString())).contains(data(applied).path("id").asString());
		assertProblem(call("GET", "/v1/admin/celebrities/applications?status=PENDING", null, applicant.access()), 403);
		var rejected = call("POST", "/v1/admin/celebrities/applications/" + data(applied).path("id").asString() + "/reject",
				"{\"reason\":\"Please add links to your work.\"}", adminToken);
		assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
		var mine = data(call("GET", "/v1/celebrities/applications/me", null, applicant.access()));
		assertThat(mine.path("status").asString()).isEqualTo("REJECTED");
		assertThat(mine.path("rejectionReason").asString()).isEqualTo("Please add links to your work.");
	}

	@Test
	@Order(8)
	void aStoppedServiceIs503UntilItIsBack() {
		var fleet = running();
		fleet.stop("celebrity-service");

		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			var response = get("/v1/categories");
			assertProblem(response, 503);
			assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
					retryAfter -> assertThat(Integer.parseInt(retryAfter.trim())).isPositive());
			assertThat(JSON.readTree(response.body()).path("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
		});

		fleet.start("celebrity-service");

		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			var response = get("/v1/categories");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(JSON.readTree(response.body()).path("success").asBoolean(false)).isTrue();
		});
	}

	@Test
	@Order(9)
	void closeLeavesNoProcessAndNoListeningPort() {
		var fleet = running();
		var processes = fleet.startedProcesses();
		var ports = Arrays.stream(Service.values()).map(service -> fleet.port(service.module())).toList();
		// 8 services, the restarted celebrity-service, PostgreSQL with its backends, Redis
		assertThat(processes).hasSizeGreaterThan(Service.values().length + 2);

		fleet.close();

		assertThat(processes).noneMatch(ProcessHandle::isAlive);
		assertThat(Ports.isFree(fleet.port("gateway"))).as("gateway port free").isTrue();
		assertThat(ports).allMatch(Ports::isFree);
	}

	/** An account with its tokens; {@code celebrityId} once it has a profile. */
	record Account(String access, String refresh, @Nullable String celebrityId) {
	}

	private static Account register(String email) {
		var registered = call("POST", "/v1/auth/register", """
				{"email":"%s","password":"Fleet-Pass-2026!","firstName":"Fleet","lastName":"Tester"}""".formatted(email),
				null);
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		var tokens = data(registered);
		return new Account(tokens.path("accessToken").asString(), tokens.path("refreshToken").asString(), null);
	}

	private static String login(String email, String password) {
		var response = call("POST", "/v1/auth/login", """
				{"email":"%s","password":"%s"}""".formatted(email, password), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return data(response).path("accessToken").asString();
	}

	/** Registers, applies, is approved by the admin, and refreshes into a token with the CELEBRITY role. */
	private static Account becomeCelebrity(String adminToken, String displayName, String username) {
		var account = register(username.replace('.', '-') + "@example.test");
		var applied = call("POST", "/v1/celebrities/applications", """
				{"displayName":"%s","username":"%s","profession":"Singer","category":"musicians",
				 "bio":"Sings on every continent.","message":"I would love to meet my fans."}"""
			.formatted(displayName, username), account.access());
		assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
		var approved = call("POST", "/v1/admin/celebrities/applications/" + data(applied).path("id").asString() + "/approve",
				null, adminToken);
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
		var celebrityId = data(approved).path("celebrityId").asString();
		assertThat(celebrityId).isNotBlank();
		// the role arrives with CelebrityApplicationApproved, which also ends the tokens issued before it;
		// a refreshed token carries the new role
		var refresh = new String[] { account.refresh() };
		var access = new String[1];
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			var refreshed = call("POST", "/v1/auth/refresh", "{\"refreshToken\":\"%s\"}".formatted(refresh[0]), null);
			var tokens = data(refreshed);
			refresh[0] = tokens.path("refreshToken").asString();
			access[0] = tokens.path("accessToken").asString();
			var me = call("GET", "/v1/users/me", null, access[0]);
			assertThat(data(me).path("role").asString()).isEqualTo("CELEBRITY");
		});
		assertThat(call("GET", "/v1/celebrities/me", null, access[0]).statusCode()).isEqualTo(200);
		return new Account(access[0], refresh[0], celebrityId);
	}

	private static String addLocation(Account celebrity, String city, String country, String zone) {
		var response = call("POST", "/v1/celebrities/" + celebrity.celebrityId() + "/availability/locations", """
				{"city":"%s","country":"%s","timeZone":"%s"}""".formatted(city, country, zone), celebrity.access());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return data(response).path("id").asString();
	}

	private static void addWindow(Account celebrity, String locationId, LocalDate date) {
		var response = call("POST", "/v1/celebrities/" + celebrity.celebrityId() + "/availability/windows", """
				{"locationId":"%s","date":"%s","startTime":"10:00","endTime":"12:00","capacity":2}"""
			.formatted(locationId, date), celebrity.access());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	/** What every view shows of one celebrity. */
	record Card(String name, long lowestPriceCents, java.util.Set<String> cities) {
	}

	/**
	 * The four views of a celebrity a fan sees: the catalog list, the profile, search results and the fan's
	 * favorites, each read through the gateway, and each reduced to a {@link Card}.
	 */
	private record Views(String id, String username, String fanToken) {

		java.util.Map<String, @Nullable Card> read() {
			var views = new java.util.LinkedHashMap<String, @Nullable Card>();
			views.put("list", find(data(get("/v1/celebrities?category=musicians&sort=newest&limit=100")).path("celebrities")));
			var profile = get("/v1/celebrities/" + this.id);
			views.put("profile", profile.statusCode() == 200 ? card(data(profile)) : null);
			views.put("search", find(data(get("/v1/search/celebrities?q=" + this.username)).path("celebrities")));
			views.put("favorites", find(data(call("GET", "/v1/users/me/favorites", null, this.fanToken))));
			return views;
		}

		/**
		 * Waits until every view shows {@code expected}, then reads them all again several times (and revalidates
		 * the profile with its old ETag): once seen, a change never goes back to a stale copy.
		 */
		void awaitEverywhere(String what, java.util.function.Predicate<Card> expected) {
			var before = get("/v1/celebrities/" + this.id).headers().firstValue("ETag").orElse("\"none\"");
			await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
				assertThat(read()).allSatisfy((view, card) -> assertThat(card).as(view).isNotNull().matches(expected, what)));
			for (int i = 0; i < 3; i++) {
				assertThat(read()).allSatisfy((view, card) -> assertThat(card).as(view).isNotNull().matches(expected, what));
			}
			var revalidated = send(HttpRequest.newBuilder(url("/v1/celebrities/" + this.id))
				.header("If-None-Match", before)
				.GET()
				.build());
			if (revalidated.statusCode() == 304) { // nothing changed since the first read of this wait
				assertThat(card(data(get("/v1/celebrities/" + this.id)))).matches(expected, what);
			}
			else {
				assertThat(card(data(revalidated))).matches(expected, what);
			}
		}

		private @Nullable Card find(JsonNode celebrities) {
			for (var node : celebrities) {
				if (this.id.equals(node.path("id").asString()) || this.id.equals(node.path("celebrityId").asString())) {
					return card(node);
				}
			}
			return null;
		}

		/** Reads name, lowest price and cities from whichever shape the view has. */
		private static Card card(JsonNode node) {
			long lowest = Long.MAX_VALUE;
			for (var type : node.path("meetingTypes")) {
				lowest = Math.min(lowest, type.path("priceCents").asLong());
			}
			if (node.has("lowestPrice")) {
				lowest = node.path("lowestPrice").path("priceCents").asLong();
			}
			if (node.has("lowestPriceCents")) {
				lowest = node.path("lowestPriceCents").asLong();
			}
			var cities = new java.util.TreeSet<String>();
			for (var place : node.path("availability")) {
				cities.add(place.path("city").asString());
			}
			for (var city : node.path("cities")) {
				cities.add(city.asString());
			}
			return new Card(node.path("displayName").asString(), lowest, cities);
		}
	}

	private static JsonNode data(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
		return JSON.readTree(response.body()).path("data");
	}

	private static URI service(Fleet fleet, Service service) {
		return URI.create("http://localhost:" + fleet.port(service.module()));
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(contentType(response)).startsWith("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
	}

	private static String contentType(HttpResponse<?> response) {
		return response.headers().firstValue("Content-Type").orElse("");
	}

	private static HttpResponse<String> call(String method, String path, @Nullable String json, @Nullable String token) {
		var request = HttpRequest.newBuilder(url(path))
			.timeout(Duration.ofSeconds(10))
			.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request.build());
	}

	private static HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).GET().build());
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError("No answer from " + request.uri() + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	private static URI url(String path) {
		return running().gatewayUrl().resolve(path);
	}

	private static Fleet running() {
		var current = fleet;
		assertThat(current).as("fleet started").isNotNull();
		return current;
	}
}

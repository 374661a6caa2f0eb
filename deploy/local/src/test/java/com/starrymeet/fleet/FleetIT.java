package com.starrymeet.fleet;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import com.starrymeet.demo.DemoCatalog;
import com.starrymeet.fleet.FleetClient.Account;
import com.starrymeet.fleet.demo.DemoDataLoader;
import com.starrymeet.fleet.process.Ports;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static com.starrymeet.fleet.FleetClient.JSON;
import static com.starrymeet.fleet.FleetClient.addLocation;
import static com.starrymeet.fleet.FleetClient.assertProblem;
import static com.starrymeet.fleet.FleetClient.becomeCelebrity;
import static com.starrymeet.fleet.FleetClient.call;
import static com.starrymeet.fleet.FleetClient.contentType;
import static com.starrymeet.fleet.FleetClient.data;
import static com.starrymeet.fleet.FleetClient.get;
import static com.starrymeet.fleet.FleetClient.login;
import static com.starrymeet.fleet.FleetClient.register;
import static com.starrymeet.fleet.FleetClient.send;
import static com.starrymeet.fleet.FleetClient.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Boots the whole fleet from the services' jars, on free ports (a running dev fleet is not disturbed), and
 * talks to it only through the gateway.
 * <p>
 * The tests run in a random order (the seed is in the report; {@code junit.jupiter.execution.order.random.seed}
 * repeats one): each sets up the data it needs. They share one fleet with the other fleet tests ({@link SharedFleet}).
 */
@TestMethodOrder(MethodOrderer.Random.class)
@ExtendWith(SharedFleet.class)
class FleetIT {


	/** Demo celebrities of this seed are loaded only by {@link #theDemoCatalogLoadsThroughTheApisAndIsSearchable}. */
	private static final long LOADER_SEED = DemoCatalog.DEFAULT_SEED;

	/** Demo celebrities every other test may load (idempotently) and rely on. */
	private static final long SHARED_SEED = DemoCatalog.DEFAULT_SEED + 1;


	@Test
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
	void internalPathsAreNotRouted() {
		var response = get("/internal/anything");

		assertProblem(response, 404);
	}

	@Test
	void malformedJsonReachesAnalyticsAndIsAProblem() {
		assertProblem(malformedAnalyticsEvent(), 400);
	}

	private static HttpResponse<String> malformedAnalyticsEvent() {
		return send(HttpRequest.newBuilder(url("/v1/analytics/events"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"page_view\", "))
			.build());
	}

	@Test
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

	/** Issue 11: the verification e-mail reaches the local mailbox, and its link verifies the account. */
	@Test
	void aNewUserFollowsTheVerificationLinkFromTheLocalMailbox() {
		var email = "verify-" + System.nanoTime() + "@example.test";
		var account = register(email);
		assertThat(data(call("GET", "/v1/users/me", null, account.access())).path("emailVerified").asBoolean()).isFalse();
		var mailbox = SharedFleet.running().mailbox();

		var link = await("the verification e-mail").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> verificationLink(mailbox.webUrl(), email), java.util.Objects::nonNull);
		var followed = send(HttpRequest.newBuilder(URI.create(link)).GET().build());
		assertThat(followed.statusCode()).isEqualTo(200);
		assertThat(followed.body()).contains("verified");
		assertThat(data(call("GET", "/v1/users/me", null, account.access())).path("emailVerified").asBoolean()).isTrue();
		// single use: the same link again does not verify anything
		assertThat(send(HttpRequest.newBuilder(URI.create(link)).GET().build()).body()).contains("cannot verify");
	}

	/** The link in the newest e-mail to {@code email} that carries one, read through the mailbox page's JSON. */
	private static @Nullable String verificationLink(URI mailbox, String email) {
		var list = JSON.readTree(send(HttpRequest.newBuilder(mailbox.resolve("/messages?to=" + email)).GET().build()).body());
		for (var summary : list) {
			var message = JSON.readTree(send(HttpRequest.newBuilder(mailbox.resolve("/messages/" + summary.path("id").asInt()))
				.GET()
				.build()).body());
			var matcher = java.util.regex.Pattern.compile("https?://[^\\s\"<>]*/verify-email\\?token=[^\\s\"<>]+")
				.matcher(message.path("text").asString() + " " + message.path("html").asString());
			if (matcher.find()) {
				return matcher.group().replace("&amp;", "&");
			}
		}
		return null;
	}

	@Test
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

		// nobody else edits them: another celebrity, a fan, an anonymous caller. booking-service answers a fan 403
		// (not their role) and another celebrity 404 (another's calendar looks like an unknown one: no probing)
		var oslo = """
				{"city":"Oslo","country":"Norway","timeZone":"Europe/Oslo"}""";
		for (var caller : new String[] { rival.access(), fan.access() }) {
			assertProblem(call("PATCH", "/v1/celebrities/" + id, "{\"bio\":\"Hijacked\"}", caller), 403);
		}
		assertProblem(call("POST", "/v1/celebrities/" + id + "/availability/locations", oslo, fan.access()), 403);
		assertProblem(call("POST", "/v1/celebrities/" + id + "/availability/locations", oslo, rival.access()), 404);
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
	void theDemoCatalogLoadsThroughTheApisAndIsSearchable() {
		var loader = loader(SharedFleet.running());
		var result = loader.load(Fleet.LOCAL_ADMIN_EMAIL, Fleet.LOCAL_ADMIN_PASSWORD, LOADER_SEED, 12, 2);
		assertThat(result.created()).isEqualTo(12);
		assertThat(loader.load(Fleet.LOCAL_ADMIN_EMAIL, Fleet.LOCAL_ADMIN_PASSWORD, LOADER_SEED, 12, 2).skipped())
			.as("a second load changes nothing")
			.isEqualTo(12);

		// every demo celebrity is public, priced and available; an accented name is found without its accents
		var accented = DemoCatalog.generate(LOADER_SEED, 12)
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
	void theRestOfTheCatalogAnswersThroughTheGateway() {
		// a demo celebrity of its own (a skip when another test loaded it already)
		loader(SharedFleet.running()).load(Fleet.LOCAL_ADMIN_EMAIL, Fleet.LOCAL_ADMIN_PASSWORD, SHARED_SEED, 1, 1);
		var adminToken = login(Fleet.LOCAL_ADMIN_EMAIL, Fleet.LOCAL_ADMIN_PASSWORD);
		var demo = DemoCatalog.celebrity(SHARED_SEED, 0);
		var profile = data(get("/v1/celebrities/" + demo.username()));
		var id = profile.path("id").asString();

		var categories = data(get("/v1/categories"));
		assertThat(categories.valueStream().mapToInt(c -> c.path("celebrityCount").asInt()).sum()).isPositive();
		assertThat(get("/v1/celebrities/featured").statusCode()).isEqualTo(200);
		var reviews = data(get("/v1/celebrities/" + id + "/reviews"));
		assertThat(reviews.path("summary").path("totalReviews").asInt()).isZero();
		// search follows the catalog's events
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			var suggestions = data(get("/v1/search/suggestions?q=" + demo.username().substring(0, 3)));
			assertThat(suggestions.toString()).contains(demo.username());
			var faceted = data(call("POST", "/v1/search/filters", "{\"category\":\"%s\"}".formatted(demo.categorySlug()), null));
			assertThat(faceted.path("facets").path("categories").size()).isPositive();
			assertThat(faceted.path("celebrities").size()).isPositive();
		});

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
	void aStoppedServiceIs503UntilItIsBack() {
		var fleet = SharedFleet.running();
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

	/**
	 * Issue 8: stop the whole fleet right after a demo load, before search has necessarily caught up, start it
	 * again from the same data directory: search ends up holding exactly what the catalog lists, and stays so.
	 * Also: close() leaves no process and no listening port behind.
	 */
	@Test
	void restartingTheFleetAtAnyMomentNeverLeavesSearchBehindTheCatalog() throws Exception {
		var first = SharedFleet.running();
		var result = loader(first).load(Fleet.LOCAL_ADMIN_EMAIL, Fleet.LOCAL_ADMIN_PASSWORD, SHARED_SEED, 30, 4);
		assertThat(result.created() + result.skipped()).isEqualTo(30);
		System.out.println("FleetIT: closing the fleet right after the demo load; search " + total("/v1/search/celebrities")
				+ " of the catalog's " + total("/v1/celebrities"));
		var processes = first.startedProcesses();
		var ports = new java.util.ArrayList<>(Arrays.stream(Service.values()).map(service -> first.port(service.module())).toList());
		ports.add(first.stripeSimulator().port());
		// 8 services, PostgreSQL with its backends, Kafka, Redis
		assertThat(processes).hasSizeGreaterThan(Service.values().length + 3);

		first.close();
		SharedFleet.forget();

		assertThat(processes).noneMatch(ProcessHandle::isAlive);
		assertThat(ports).allMatch(Ports::isFree);

		SharedFleet.running(); // the same data directory: PostgreSQL, Kafka's log, the search index
		await("search holds what the catalog lists").atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(total("/v1/search/celebrities")).isEqualTo(total("/v1/celebrities")));
		assertThat(total("/v1/celebrities")).isGreaterThanOrEqualTo(30);
		await("and keeps holding it").during(Duration.ofSeconds(5))
			.atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> total("/v1/search/celebrities") == total("/v1/celebrities"));
		// not only as many: every public celebrity at its catalog version (search-service's digest, see its README)
		var adminToken = login(Fleet.LOCAL_ADMIN_EMAIL, Fleet.LOCAL_ADMIN_PASSWORD);
		await("search's digest equals the catalog's").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> {
				var status = data(call("GET", "/v1/admin/search/index-status", null, adminToken));
				var catalog = JSON.readTree(send(HttpRequest.newBuilder(service(SharedFleet.running(), Service.CELEBRITY)
					.resolve("/internal/catalog/versions")).timeout(Duration.ofSeconds(10)).GET().build()).body());
				assertThat(status.path("digest").asString()).isEqualTo(digest(catalog.path("data"), "id"));
			});
	}

	/**
	 * Issue 8: events lost on purpose. While search-service is down a celebrity is approved and given a calendar;
	 * then the records of the catalog's and availability's topics are deleted, so search can never read those
	 * events. Started again, search repairs itself from celebrity-service and booking-service (reconciliation at
	 * start): its index ends equal to the catalog and the calendars, digest for digest, and the new celebrity is
	 * found where it can be met.
	 */
	@Test
	void searchRepairsEventsLostOnPurposeFromTheCatalogAndTheCalendars() throws Exception {
		var fleet = SharedFleet.running();
		var adminToken = login(Fleet.LOCAL_ADMIN_EMAIL, Fleet.LOCAL_ADMIN_PASSWORD);
		fleet.stop("search-service");

		var suffix = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
		var lost = becomeCelebrity(adminToken, "Lostevent Quillane", "lostevent.quillane." + suffix);
		var location = addLocation(lost, "Reykjavík", "Iceland", "Atlantic/Reykjavik");
		addWindow(lost, location, LocalDate.now(ZoneId.of("Atlantic/Reykjavik")).plusDays(20));
		await("the catalog and the calendars hold the new celebrity").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> internal(fleet, Service.CELEBRITY, "/internal/catalog/versions").toString().contains(lost.celebrityId())
					&& internal(fleet, Service.BOOKING, "/internal/availability/versions").toString()
						.contains(lost.celebrityId()));

		deleteAllRecords(member(fleet, "kafka").url(), com.starrymeet.common.events.Topics.CELEBRITY,
				com.starrymeet.common.events.Topics.AVAILABILITY);

		fleet.start("search-service");
		await("search's index equals the catalog and the calendars").atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> {
				var status = data(call("GET", "/v1/admin/search/index-status", null, adminToken));
				assertThat(status.path("digest").asString())
					.isEqualTo(digest(internal(fleet, Service.CELEBRITY, "/internal/catalog/versions"), "id"));
				assertThat(status.path("availabilityDigest").asString())
					.isEqualTo(digest(internal(fleet, Service.BOOKING, "/internal/availability/versions"), "celebrityId"));
			});
		var found = data(get("/v1/search/celebrities?q=lostevent%20quillane&city=Reykjavik&limit=5"));
		assertThat(found.path("celebrities").toString()).contains(lost.celebrityId());
	}

	/** {@code data} of a service's {@code /internal} read (never routed by the gateway, so asked directly). */
	private static JsonNode internal(Fleet fleet, Service service, String path) throws Exception {
		var response = send(HttpRequest.newBuilder(service(fleet, service).resolve(path))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).path("data");
	}

	/**
	 * Loses every record of {@code topics} for good: a compacted topic accepts DeleteRecords only while its cleanup
	 * policy includes {@code delete}, so the policy is widened for the deletion and set back after.
	 */
	private static void deleteAllRecords(String bootstrapServers, String... topics) throws Exception {
		try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of(
				org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			var policy = new java.util.HashMap<org.apache.kafka.common.config.ConfigResource,
					java.util.Collection<org.apache.kafka.clients.admin.AlterConfigOp>>();
			var restore = new java.util.HashMap<org.apache.kafka.common.config.ConfigResource,
					java.util.Collection<org.apache.kafka.clients.admin.AlterConfigOp>>();
			for (var topic : topics) {
				var resource = new org.apache.kafka.common.config.ConfigResource(
						org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
				policy.put(resource, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
						new org.apache.kafka.clients.admin.ConfigEntry("cleanup.policy", "compact,delete"),
						org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)));
				restore.put(resource, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
						new org.apache.kafka.clients.admin.ConfigEntry("cleanup.policy", "compact"),
						org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)));
			}
			admin.incrementalAlterConfigs(policy).all().get();
			var ends = new java.util.HashMap<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>();
			admin.describeTopics(List.of(topics)).allTopicNames().get().forEach((name, description) -> description
				.partitions()
				.forEach(p -> ends.put(new org.apache.kafka.common.TopicPartition(name, p.partition()),
						org.apache.kafka.clients.admin.OffsetSpec.latest())));
			var deletions = new java.util.HashMap<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.RecordsToDelete>();
			admin.listOffsets(ends).all().get().forEach((partition, end) -> deletions.put(partition,
					org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(end.offset())));
			admin.deleteRecords(deletions).all().get();
			admin.incrementalAlterConfigs(restore).all().get();
			var starts = new java.util.HashMap<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>();
			ends.keySet().forEach(partition -> starts.put(partition, org.apache.kafka.clients.admin.OffsetSpec.earliest()));
			var latest = admin.listOffsets(ends).all().get();
			admin.listOffsets(starts).all().get().forEach((partition, start) -> assertThat(start.offset())
				.as("records of %s are gone", partition)
				.isEqualTo(latest.get(partition).offset()));
		}
	}

	/**
	 * search-service's digest of a versions list: hex SHA-256 of the lines {@code <uuid>:<version>\n}, sorted by
	 * the uuid.
	 */
	private static String digest(JsonNode versions, String idField) throws Exception {
		var lines = new java.util.TreeMap<String, Long>();
		versions.forEach(entry -> lines.put(entry.path(idField).asString(), entry.path("version").asLong()));
		var text = new StringBuilder();
		lines.forEach((id, version) -> text.append(id).append(':').append(version).append('\n'));
		var sha = java.security.MessageDigest.getInstance("SHA-256")
			.digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return java.util.HexFormat.of().formatHex(sha);
	}

	/** Issue 8: the watchdog restarts a service that dies (here by SIGKILL), and says so. */
	@Test
	void aServiceKilledWithSigkillIsRestartedByTheWatchdog() {
		var current = SharedFleet.running();
		var before = member(current, "analytics-service").pid();
		assertThat(ProcessHandle.of(before).orElseThrow().destroyForcibly()).as("SIGKILL sent").isTrue();

		await("analytics-service restarted").atMost(Duration.ofSeconds(180))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> {
				assertThat(member(current, "analytics-service").pid()).isPositive().isNotEqualTo(before);
				assertProblem(malformedAnalyticsEvent(), 400);
			});
		assertThat(SharedFleet.PROGRESS).anySatisfy(line -> assertThat(line)
			.startsWith("WARNING: analytics-service (pid " + before + ") exited unexpectedly with code 137 (SIGKILL)")
			.contains("Restarting it"));
		assertThat(current.failure()).isEmpty();
	}

	/** Issue 8: never a half-alive fleet. Redis dies: the watchdog says so and stops everything. */
	@Test
	void aDeadRedisStopsTheWholeFleet() throws Exception {
		var current = SharedFleet.running();
		var redis = member(current, "redis").pid();
		var processes = current.startedProcesses();
		var ports = Arrays.stream(Service.values()).map(service -> current.port(service.module())).toList();

		assertThat(ProcessHandle.of(redis).orElseThrow().destroyForcibly()).as("SIGKILL sent").isTrue();

		assertThat(current.awaitClosed(Duration.ofSeconds(180))).as("the fleet stopped itself").isTrue();
		SharedFleet.forget(); // the next test starts it again from the same data directory
		assertThat(current.failure()).hasValueSatisfying(reason -> assertThat(reason)
			.startsWith("Redis (pid " + redis + ") exited unexpectedly with code 137 (SIGKILL)"));
		assertThat(SharedFleet.PROGRESS).anySatisfy(line -> assertThat(line).startsWith("Stopping the whole fleet"));
		assertThat(processes).noneMatch(ProcessHandle::isAlive);
		assertThat(ports).allMatch(Ports::isFree);
	}

	private static Fleet.Member member(Fleet fleet, String name) {
		return fleet.members().stream().filter(member -> member.name().equals(name)).findFirst().orElseThrow();
	}

	/** {@code data.pagination.total} of a list through the gateway. */
	private static long total(String path) {
		var response = get(path + "?limit=1");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).path("data").path("pagination").path("total").asLong(-1);
	}

	private static DemoDataLoader loader(Fleet fleet) {
		return new DemoDataLoader(service(fleet, Service.USER), service(fleet, Service.CELEBRITY),
				service(fleet, Service.BOOKING), line -> {
				});
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

	private static URI service(Fleet fleet, Service service) {
		return URI.create("http://localhost:" + fleet.port(service.module()));
	}

}

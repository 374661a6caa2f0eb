package com.starrymeet.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

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
	@Order(6)
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

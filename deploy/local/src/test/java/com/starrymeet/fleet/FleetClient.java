package com.starrymeet.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the fleet tests do as a client of the shared fleet ({@link SharedFleet}), always through its gateway: calls,
 * the success envelope and problems, and the accounts a scenario needs (a fan, a celebrity approved by the admin, a
 * location of its calendar).
 */
final class FleetClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private FleetClient() {
	}

	/** An account with its tokens; {@code celebrityId} once it has a profile. */
	record Account(String access, String refresh, @Nullable String celebrityId) {
	}

	static Account register(String email) {
		var registered = call("POST", "/v1/auth/register", """
				{"email":"%s","password":"Fleet-Pass-2026!","firstName":"Fleet","lastName":"Tester"}""".formatted(email),
				null);
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		var tokens = data(registered);
		return new Account(tokens.path("accessToken").asString(), tokens.path("refreshToken").asString(), null);
	}

	static String login(String email, String password) {
		var response = call("POST", "/v1/auth/login", """
				{"email":"%s","password":"%s"}""".formatted(email, password), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return data(response).path("accessToken").asString();
	}

	/** Registers, applies, is approved by the admin, and refreshes into a token with the CELEBRITY role. */
	static Account becomeCelebrity(String adminToken, String displayName, String username) {
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

	/** booking-service learns of a new celebrity from its CelebrityUpserted: 404 until then. */
	static String addLocation(Account celebrity, String city, String country, String zone) {
		var body = """
				{"city":"%s","country":"%s","timeZone":"%s"}""".formatted(city, country, zone);
		var path = "/v1/celebrities/" + celebrity.celebrityId() + "/availability/locations";
		var response = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> call("POST", path, body, celebrity.access()), answer -> answer.statusCode() != 404);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return data(response).path("id").asString();
	}

	static JsonNode data(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
		return JSON.readTree(response.body()).path("data");
	}

	static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(contentType(response)).startsWith("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
	}

	static String contentType(HttpResponse<?> response) {
		return response.headers().firstValue("Content-Type").orElse("");
	}

	static HttpResponse<String> call(String method, String path, @Nullable String json, @Nullable String token) {
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

	static HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).GET().build());
	}

	static HttpResponse<String> send(HttpRequest request) {
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

	static URI url(String path) {
		return SharedFleet.running().gatewayUrl().resolve(path);
	}
}

package com.starrymeet.booking.availability;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.starrymeet.common.testing.TestHttp;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls booking-service's availability API over real HTTP, and writes replica rows straight into the database. */
final class Api {

	static final JsonMapper json = new JsonMapper();

	final TestHttp http;

	final JdbcClient jdbc;

	Api(int port, JdbcClient jdbc) {
		this.http = TestHttp.at(port);
		this.jdbc = jdbc;
	}

	static String base(UUID celebrityId) {
		return "/v1/celebrities/" + celebrityId + "/availability";
	}

	/** A celebrity in the replica, as CelebrityUpserted would leave it; verified, so public when active. */
	UUID celebrity(@Nullable UUID userId, boolean active) {
		var id = UUID.randomUUID();
		jdbc.sql("INSERT INTO celebrity_replica (celebrity_id, user_id, active, verified, version) VALUES (:id, :user, :active, true, 1)")
			.param("id", id)
			.param("user", userId, java.sql.Types.OTHER)
			.param("active", active)
			.update();
		return id;
	}

	HttpResponse<String> get(String path, @Nullable String token) {
		return http.get(path, headers(token, false));
	}

	HttpResponse<String> post(String path, String body, @Nullable String token) {
		return send("POST", path, body, token);
	}

	HttpResponse<String> patch(String path, String body, @Nullable String token) {
		return send("PATCH", path, body, token);
	}

	HttpResponse<String> delete(String path, @Nullable String token) {
		return http.send(http.request(path, headers(token, false)).DELETE());
	}

	HttpResponse<String> send(String method, String path, String body, @Nullable String token) {
		return http.method(method, path, body, headers(token, true));
	}

	private static String[] headers(@Nullable String token, boolean json) {
		var headers = new ArrayList<String>();
		if (token != null) {
			headers.add("Authorization");
			headers.add(TestHttp.bearer(token));
		}
		if (json) {
			headers.add("Content-Type");
			headers.add("application/json");
		}
		return headers.toArray(String[]::new);
	}

	static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	static JsonNode data(HttpResponse<String> response) {
		return body(response).get("data");
	}

	/** The fields named in {@code errors[]} of a problem. */
	static List<String> errorFields(HttpResponse<String> response) {
		var errors = body(response).get("errors");
		return errors == null ? List.of() : errors.valueStream().map(e -> e.get("field").asString()).toList();
	}

	static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(body(response).get("code").asString()).as(response.body()).isEqualTo(code);
	}

	UUID location(UUID celebrityId, String token, String city, String country, String zone) {
		var response = post(base(celebrityId) + "/locations",
				"{\"city\":\"%s\",\"country\":\"%s\",\"timeZone\":\"%s\"}".formatted(city, country, zone), token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return UUID.fromString(data(response).get("id").asString());
	}

	HttpResponse<String> postWindow(UUID celebrityId, String token, UUID locationId, LocalDate date, String start,
			String end, int capacity) {
		return post(base(celebrityId) + "/windows", """
				{"locationId":"%s","date":"%s","startTime":"%s","endTime":"%s","capacity":%d}"""
			.formatted(locationId, date, start, end, capacity), token);
	}

	UUID window(UUID celebrityId, String token, UUID locationId, LocalDate date, String start, String end,
			int capacity) {
		var response = postWindow(celebrityId, token, locationId, date, start, end, capacity);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return UUID.fromString(data(response).get("id").asString());
	}

	void book(UUID windowId, int booked) {
		jdbc.sql("UPDATE time_window SET booked = :b WHERE id = :id").param("b", booked).param("id", windowId).update();
	}
}

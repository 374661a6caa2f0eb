package com.starrymeet.analytics.ingestion;

import java.util.UUID;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class EventIngestionTest {

	static final JsonMapper json = new JsonMapper();

	@LocalServerPort
	int port;

	@Autowired
	RawEvents rawEvents;

	@Autowired
	JdbcClient jdbc;

	TestHttp http;

	@BeforeEach
	void setUp() {
		http = TestHttp.at(port);
	}

	@Test
	void anonymousBatchIsStored() {
		var session = UUID.randomUUID().toString();
		var response = http.post("/v1/analytics/events", """
				{"events": [
				  {"name": "page_view", "sessionId": "%s", "properties": {"page_title": "Emma Watson"}},
				  {"name": "select_celebrity", "sessionId": "%s", "properties": {"celebrity_id": "uuid-123"}}
				]}""".formatted(session, session), "application/json");

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(json.readTree(response.body()).at("/data/accepted").asInt()).isEqualTo(2);
		assertThat(jdbc.sql("SELECT name FROM raw_event WHERE session_id = ? ORDER BY name")
			.param(session)
			.query(String.class)
			.list()).containsExactly("page_view", "select_celebrity");
		assertThat(jdbc.sql("SELECT properties->>'page_title' FROM raw_event WHERE session_id = ? AND name = 'page_view'")
			.param(session)
			.query(String.class)
			.single()).isEqualTo("Emma Watson");
		assertThat(jdbc.sql("SELECT count(*) FROM raw_event WHERE session_id = ? AND user_id IS NULL")
			.param(session)
			.query(Long.class)
			.single()).as("anonymous").isEqualTo(2);
	}

	@Test
	void signedInUsersEventsAreAttributedToThem() {
		var user = UUID.randomUUID().toString();
		var response = http.post("/v1/analytics/events", "{\"events\":[{\"name\":\"begin_checkout\"}]}",
				"application/json", "Authorization", TestHttp.bearer(TestTokens.token(user, "USER")));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(jdbc.sql("SELECT count(*) FROM raw_event WHERE user_id = ?").param(user).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void malformedJsonIs400AndStoresNothing() {
		long before = rawEvents.count();
		var response = http.post("/v1/analytics/events", "{\"events\": [", "application/json");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo("MALFORMED_JSON");
		assertThat(rawEvents.count()).isEqualTo(before);
	}

	@Test
	void invalidEventsAre400WithFieldErrorsAndTheBatchIsRejectedWhole() {
		long before = rawEvents.count();
		var response = http.post("/v1/analytics/events",
				"{\"events\":[{\"name\":\"page_view\"},{\"name\":\"Not Snake Case\"}]}", "application/json");
		assertThat(response.statusCode()).isEqualTo(400);
		var body = json.readTree(response.body());
		assertThat(body.get("code").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(body.at("/errors/0/field").asString()).isEqualTo("events[1].name");
		assertThat(rawEvents.count()).isEqualTo(before);
	}

	@Test
	void emptyBatchIs400() {
		var response = http.post("/v1/analytics/events", "{\"events\":[]}", "application/json");
		assertThat(response.statusCode()).isEqualTo(400);
	}
}

package com.starrymeet.booking.availability;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.starrymeet.booking.availability.Api.assertProblem;
import static com.starrymeet.booking.availability.Api.base;
import static com.starrymeet.booking.availability.Api.data;
import static com.starrymeet.booking.availability.Api.errorFields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Managing availability over HTTP on real PostgreSQL: who may (owner, admin; 401, 403, 404), the typed write
 * bodies (400 {@code VALIDATION_FAILED} naming each field; PATCH keeps absent apart from null), and every rule
 * (400 with field errors, 409 against bookings set directly in the database).
 */
@ServiceTest
class AvailabilityManagementTest {

	static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).plusDays(40);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Api api;

	UUID userId;

	UUID celebrityId;

	String token;

	String base;

	@BeforeEach
	void celebrity() {
		api = new Api(port, jdbc);
		userId = UUID.randomUUID();
		celebrityId = api.celebrity(userId, true);
		token = TestTokens.token(userId.toString(), "CELEBRITY");
		base = base(celebrityId);
	}

	@Test
	void onlyTheOwnerOrAnAdminManages() {
		var body = "{\"city\":\"Paris\",\"country\":\"France\",\"timeZone\":\"Europe/Paris\"}";
		// no token, or one whose subject is not an account: 401
		assertProblem(api.post(base + "/locations", body, null), 401, "UNAUTHORIZED");
		assertProblem(api.get(base + "/locations", null), 401, "UNAUTHORIZED");
		assertProblem(api.get(base + "/locations", TestTokens.token("not-an-account", "CELEBRITY")), 401,
				"UNAUTHORIZED");
		// a role that may not manage calendars at all: 403
		assertProblem(api.post(base + "/locations", body, TestTokens.token(userId.toString(), "USER")), 403,
				"FORBIDDEN");
		assertProblem(api.get(base(UUID.randomUUID()) + "/windows", TestTokens.token("USER")), 403, "FORBIDDEN");
		// another celebrity's calendar is not found, exactly like an unknown one, so calendars cannot be probed
		var other = api.celebrity(UUID.randomUUID(), true);
		var unknownId = UUID.randomUUID();
		var unknown = api.post(base(unknownId) + "/locations", body, token);
		assertProblem(unknown, 404, "NOT_FOUND");
		var others = api.post(base(other) + "/locations", body, token);
		assertProblem(others, 404, "NOT_FOUND");
		assertThat(Api.body(others).get("detail").asString().replace(other.toString(), "?"))
			.isEqualTo(Api.body(unknown).get("detail").asString().replace(unknownId.toString(), "?"));
		assertProblem(api.get(base(other) + "/windows", token), 404, "NOT_FOUND");
		assertProblem(api.patch(base(other) + "/windows/" + UUID.randomUUID(), "{\"capacity\":2}", token), 404,
				"NOT_FOUND");
		var adminManaged = api.celebrity(null, true);
		assertProblem(api.post(base(adminManaged) + "/locations", body, token), 404, "NOT_FOUND");
		var notAnId = api.post("/v1/celebrities/not-a-uuid/availability/locations", body, token);
		assertProblem(notAnId, 400, "VALIDATION_FAILED");
		assertThat(errorFields(notAnId)).containsExactly("celebrityId");

		var created = api.post(base + "/locations", body, token);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(data(created).get("city").asString()).isEqualTo("Paris");
		assertThat(data(created).get("timeZone").asString()).isEqualTo("Europe/Paris");
		assertThat(data(created).get("celebrityId").asString()).isEqualTo(celebrityId.toString());
		var admin = TestTokens.token("ADMIN");
		assertThat(api.post(base(adminManaged) + "/locations", body, admin).statusCode()).isEqualTo(201);
		assertThat(api.post(base(other) + "/locations", body, admin).statusCode()).isEqualTo(201);
		var list = api.get(base + "/locations", token);
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(data(list).size()).isEqualTo(1);
		assertThat(data(list).get(0).get("id").asString()).isEqualTo(data(created).get("id").asString());
	}

	@Test
	void locationRules() {
		var bad = api.post(base + "/locations", "{\"city\":\" \",\"timeZone\":\"Mars/Olympus\"}", token);
		assertProblem(bad, 400, "VALIDATION_FAILED");
		assertThat(errorFields(bad)).containsExactlyInAnyOrder("city", "country", "timeZone");
		// a field the body does not accept, such as a server-owned one, is named (the JSON reader stops there)
		var serverOwned = api.post(base + "/locations",
				"{\"city\":\"X\",\"country\":\"Y\",\"timeZone\":\"Europe/Paris\",\"booked\":1}", token);
		assertProblem(serverOwned, 400, "VALIDATION_FAILED");
		assertThat(errorFields(serverOwned)).containsExactly("booked");
		assertThat(errorFields(api.post(base + "/locations", "{\"city\":\"X\",\"country\":[],\"timeZone\":\"UTC\"}",
				token))).as("a wrong type").containsExactly("country");
		assertThat(errorFields(api.post(base + "/locations", "{\"city\":\"%s\",\"country\":\"Y\",\"timeZone\":\"UTC\"}"
			.formatted("x".repeat(101)), token))).containsExactly("city");
		for (var zone : List.of("+02:00", "CET2", "Europe/Nowhere", "")) {
			var response = api.post(base + "/locations",
					"{\"city\":\"X\",\"country\":\"Y\",\"timeZone\":\"" + zone + "\"}", token);
			assertProblem(response, 400, "VALIDATION_FAILED");
			assertThat(errorFields(response)).as(zone).containsExactly("timeZone");
		}
		// not an object: common-lib answers it like a body that is not JSON
		assertProblem(api.post(base + "/locations", "[]", token), 400, "MALFORMED_JSON");
		assertProblem(api.post(base + "/locations", "{not json", token), 400, "MALFORMED_JSON");
		assertThat(errorFields(api.post(base + "/locations", "{\"id\":\"" + UUID.randomUUID()
				+ "\",\"city\":\"Rome\",\"country\":\"Italy\",\"timeZone\":\"Europe/Rome\"}", token)))
			.as("a server-owned id").containsExactly("id");

		var rome = api.location(celebrityId, token, "Rome", "Italy", "Europe/Rome");
		assertProblem(api.post(base + "/locations", "{\"city\":\"rome\",\"country\":\"ITALY\",\"timeZone\":\"Europe/Rome\"}",
				token), 409, "LOCATION_EXISTS");
		var renamed = api.patch(base + "/locations/" + rome, "{\"city\":\"Roma\"}", token);
		assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
		assertThat(data(renamed).get("city").asString()).isEqualTo("Roma");
		assertThat(data(renamed).get("timeZone").asString()).isEqualTo("Europe/Rome");
		// absent keeps a value; null is refused (a location always has a city, country and zone)
		var country = api.patch(base + "/locations/" + rome, "{\"country\":\" Italia \"}", token);
		assertThat(data(country).get("city").asString()).isEqualTo("Roma");
		assertThat(data(country).get("country").asString()).isEqualTo("Italia");
		var nulls = api.patch(base + "/locations/" + rome, "{\"city\":null,\"timeZone\":null}", token);
		assertProblem(nulls, 400, "VALIDATION_FAILED");
		assertThat(errorFields(nulls)).containsExactlyInAnyOrder("city", "timeZone");
		assertThat(errorFields(api.patch(base + "/locations/" + rome, "{}", token))).containsExactly("body");
		assertThat(errorFields(api.patch(base + "/locations/" + rome, "{\"timeZone\":\"Nope/Nope\"}", token)))
			.containsExactly("timeZone");
		assertThat(errorFields(api.patch(base + "/locations/" + rome, "{\"createdAt\":\"2026-01-01T00:00:00Z\"}",
				token))).containsExactly("createdAt");
		assertProblem(api.patch(base + "/locations/" + UUID.randomUUID(), "{\"city\":\"A\"}", token), 404, "NOT_FOUND");

		// a time zone change is refused once the location has windows (they, and bookings, would move)
		var window = api.window(celebrityId, token, rome, DAY, "10:00", "11:00", 2);
		assertProblem(api.patch(base + "/locations/" + rome, "{\"timeZone\":\"Europe/Paris\"}", token), 409,
				"LOCATION_HAS_WINDOWS");
		// delete refused while a window is booked; allowed (with its windows) once nothing is
		api.book(window, 1);
		assertProblem(api.delete(base + "/locations/" + rome, token), 409, "LOCATION_HAS_BOOKINGS");
		assertThat(count("time_window WHERE location_id = '" + rome + "'")).isEqualTo(1);
		api.book(window, 0);
		assertThat(api.delete(base + "/locations/" + rome, token).statusCode()).isEqualTo(204);
		assertThat(count("time_window WHERE location_id = '" + rome + "'")).isZero();
		assertProblem(api.delete(base + "/locations/" + rome, token), 404, "NOT_FOUND");
	}

	@Test
	void windowIsStoredAsInstantsInTheLocationsZone() {
		var tokyo = api.location(celebrityId, token, "Tokyo", "Japan", "Asia/Tokyo");
		var response = api.postWindow(celebrityId, token, tokyo, DAY, "09:30", "12:00", 4);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		var data = data(response);
		var zone = ZoneId.of("Asia/Tokyo");
		assertThat(data.get("locationId").asString()).isEqualTo(tokyo.toString());
		assertThat(data.get("date").asString()).isEqualTo(DAY.toString());
		assertThat(data.get("startTime").asString()).isEqualTo("09:30");
		assertThat(data.get("endTime").asString()).isEqualTo("12:00");
		assertThat(data.get("timeZone").asString()).isEqualTo("Asia/Tokyo");
		assertThat(data.get("startsAt").asString())
			.isEqualTo(ZonedDateTime.of(DAY, LocalTime.of(9, 30), zone).toInstant().toString());
		assertThat(data.get("endsAt").asString())
			.isEqualTo(ZonedDateTime.of(DAY, LocalTime.of(12, 0), zone).toInstant().toString());
		assertThat(data.get("capacity").asInt()).isEqualTo(4);
		assertThat(data.get("booked").asInt()).isZero();
		assertThat(data.get("remaining").asInt()).isEqualTo(4);
		assertThat(data.get("blocked").asBoolean()).isFalse();
		var list = data(api.get(base + "/windows", token));
		assertThat(list.size()).isEqualTo(1);
		assertThat(data(api.get(base + "/windows?from=" + DAY.plusDays(1), token)).size()).isZero();
		assertProblem(api.get(base + "/windows?from=tomorrow", token), 400, "VALIDATION_FAILED");

		// a page at a time, in start order
		api.window(celebrityId, token, tokyo, DAY.plusDays(1), "09:30", "12:00", 1);
		api.window(celebrityId, token, tokyo, DAY.plusDays(2), "09:30", "12:00", 1);
		var second = Api.body(api.get(base + "/windows?page=2&limit=2", token));
		assertThat(second.get("data").size()).isEqualTo(1);
		assertThat(second.at("/data/0/date").asString()).isEqualTo(DAY.plusDays(2).toString());
		assertThat(second.at("/pagination/page").asInt()).isEqualTo(2);
		assertThat(second.at("/pagination/limit").asInt()).isEqualTo(2);
		assertThat(second.at("/pagination/total").asLong()).isEqualTo(3);
		assertThat(second.at("/pagination/totalPages").asInt()).isEqualTo(2);
		assertThat(Api.body(api.get(base + "/windows?from=" + DAY + "&to=" + DAY.plusDays(1), token))
			.at("/pagination/total").asLong()).isEqualTo(2);
		assertThat(errorFields(api.get(base + "/windows?limit=101", token))).containsExactly("limit");
		assertThat(errorFields(api.get(base + "/windows?page=0", token))).containsExactly("page");
	}

	@Test
	void windowRules() {
		var paris = api.location(celebrityId, token, "Paris", "France", "Europe/Paris");
		var invalid = api.post(base + "/windows", """
				{"locationId":"%s","date":"%s","startTime":"12:00","endTime":"11:00","capacity":0}"""
			.formatted(paris, DAY), token);
		assertProblem(invalid, 400, "VALIDATION_FAILED");
		assertThat(errorFields(invalid)).containsExactlyInAnyOrder("endTime", "capacity");
		assertThat(errorFields(api.post(base + "/windows", """
				{"locationId":"%s","date":"%s","startTime":"10:00","endTime":"11:00","capacity":2,"booked":2}"""
			.formatted(paris, DAY), token))).as("server-owned").containsExactly("booked");
		assertThat(errorFields(api.postWindow(celebrityId, token, paris, DAY, "10:00", "10:00", 1)))
			.containsExactly("endTime");
		assertThat(errorFields(api.post(base + "/windows", "{}", token)))
			.containsExactlyInAnyOrder("locationId", "date", "startTime", "endTime", "capacity");
		// values of the wrong type or form: each is named (the JSON reader stops at the first wrong type)
		var window = """
				{"locationId":%s,"date":%s,"startTime":%s,"endTime":%s,"capacity":%s}""";
		var good = new String[] { "\"" + paris + "\"", "\"" + DAY + "\"", "\"10:00\"", "\"11:00\"", "2" };
		var wrong = List.of(List.of("locationId", "\"x\""), List.of("locationId", "42"), List.of("date", "\"2026-02-30\""),
				List.of("date", "20261224"), List.of("startTime", "\"25:00\""), List.of("endTime", "\"10:00:30\""),
				List.of("endTime", "\"10.30\""), List.of("capacity", "\"2\""), List.of("capacity", "2.5"),
				List.of("capacity", "true"));
		var fields = List.of("locationId", "date", "startTime", "endTime", "capacity");
		for (var bad : wrong) {
			var values = good.clone();
			values[fields.indexOf(bad.get(0))] = bad.get(1);
			var response = api.post(base + "/windows", window.formatted((Object[]) values), token);
			assertProblem(response, 400, "VALIDATION_FAILED");
			assertThat(errorFields(response)).as(bad.toString()).containsExactly(bad.get(0));
		}
		assertThat(errorFields(api.post(base + "/windows", """
				{"locationId":"%s","date":"%s","startTime":"9:00","endTime":"10:00:30","capacity":2}"""
			.formatted(paris, DAY), token))).containsExactlyInAnyOrder("startTime", "endTime");
		assertThat(errorFields(api.postWindow(celebrityId, token, paris, DAY, "10:00", "11:00", 1001)))
			.containsExactly("capacity");
		var past = api.postWindow(celebrityId, token, paris, LocalDate.now(ZoneOffset.UTC).minusDays(2), "10:00",
				"11:00", 1);
		assertProblem(past, 400, "VALIDATION_FAILED");
		assertThat(errorFields(past)).containsExactly("date");
		assertThat(errorFields(api.postWindow(celebrityId, token, paris, LocalDate.now(ZoneOffset.UTC).plusDays(800),
				"10:00", "11:00", 1))).containsExactly("date");
		var foreign = api.celebrity(UUID.randomUUID(), true);
		var foreignLocation = api.location(foreign, TestTokens.token("ADMIN"), "Oslo", "Norway", "Europe/Oslo");
		assertThat(errorFields(api.postWindow(celebrityId, token, foreignLocation, DAY, "10:00", "11:00", 1)))
			.as("another celebrity's location").containsExactly("locationId");

		// "past" is judged in the location's zone: Kiritimati (UTC+14) is always a calendar day ahead of
		// Pago Pago (UTC-11), so today in Pago Pago is yesterday in Kiritimati
		var kiritimati = api.location(celebrityId, token, "Kiritimati", "Kiribati", "Pacific/Kiritimati");
		var pagoPago = api.location(celebrityId, token, "Pago Pago", "American Samoa", "Pacific/Pago_Pago");
		var todayInPagoPago = LocalDate.now(ZoneId.of("Pacific/Pago_Pago"));
		assertThat(errorFields(api.postWindow(celebrityId, token, kiritimati, todayInPagoPago, "23:00", "23:30", 1)))
			.containsExactly("date");
		var todayInKiritimati = LocalDate.now(ZoneId.of("Pacific/Kiritimati"));
		assertThat(api.postWindow(celebrityId, token, pagoPago, todayInKiritimati, "23:00", "23:30", 1).statusCode())
			.as("that date is still ahead in Pago Pago").isEqualTo(201);
		assertThat(count("time_window WHERE celebrity_id = '" + celebrityId + "'")).isEqualTo(1);
	}

	@Test
	void windowsOfOneCelebrityNeverOverlapAcrossLocationsAndZones() {
		var paris = api.location(celebrityId, token, "Paris", "France", "Europe/Paris");
		var london = api.location(celebrityId, token, "London", "United Kingdom", "Europe/London");
		api.window(celebrityId, token, paris, DAY, "10:00", "12:00", 2);
		// London is an hour behind Paris: 09:30-10:00 London is 10:30-11:00 Paris
		var overlap = api.postWindow(celebrityId, token, london, DAY, "09:30", "10:00", 1);
		assertProblem(overlap, 400, "OVERLAPPING_WINDOW");
		assertThat(errorFields(overlap)).containsExactlyInAnyOrder("startTime", "endTime");
		assertProblem(api.postWindow(celebrityId, token, paris, DAY, "11:59", "13:00", 1), 400, "OVERLAPPING_WINDOW");
		// touching is not overlapping: 11:00 London = 12:00 Paris
		assertThat(api.postWindow(celebrityId, token, london, DAY, "11:00", "12:00", 1).statusCode()).isEqualTo(201);
		assertThat(api.postWindow(celebrityId, token, paris, DAY, "08:00", "10:00", 1).statusCode()).isEqualTo(201);
		// another celebrity may be there at the same time
		var other = api.celebrity(UUID.randomUUID(), true);
		var admin = TestTokens.token("ADMIN");
		var otherParis = api.location(other, admin, "Paris", "France", "Europe/Paris");
		assertThat(api.postWindow(other, admin, otherParis, DAY, "10:00", "12:00", 1).statusCode()).isEqualTo(201);
		assertThat(count("time_window WHERE celebrity_id = '" + celebrityId + "'")).isEqualTo(3);
	}

	@Test
	void capacityNeverDropsBelowBookedAndBookedWindowsKeepTheirTimes() {
		var rome = api.location(celebrityId, token, "Rome", "Italy", "Europe/Rome");
		var window = api.window(celebrityId, token, rome, DAY, "10:00", "12:00", 5);
		var path = base + "/windows/" + window;
		api.book(window, 3);

		assertProblem(api.patch(path, "{\"capacity\":2}", token), 409, "CAPACITY_BELOW_BOOKED");
		var same = api.patch(path, "{\"capacity\":3}", token);
		assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
		assertThat(data(same).get("capacity").asInt()).isEqualTo(3);
		assertThat(data(same).get("booked").asInt()).isEqualTo(3);
		assertThat(data(same).get("remaining").asInt()).isZero();
		assertProblem(api.patch(path, "{\"startTime\":\"09:00\"}", token), 409, "WINDOW_HAS_BOOKINGS");
		assertThat(errorFields(api.patch(path, "{\"booked\":0}", token))).containsExactly("booked");
		for (var capacity : List.of("0", "1001", "null", "2.5", "\"4\"")) {
			var response = api.patch(path, "{\"capacity\":" + capacity + "}", token);
			assertProblem(response, 400, "VALIDATION_FAILED");
			assertThat(errorFields(response)).as(capacity).containsExactly("capacity");
		}
		assertThat(errorFields(api.patch(path, "{\"startTime\":null,\"endTime\":\"7pm\"}", token)))
			.containsExactlyInAnyOrder("startTime", "endTime");
		assertThat(errorFields(api.patch(path, "{}", token))).containsExactly("body");
		assertThat(errorFields(api.patch(path, "{\"date\":\"" + DAY.plusDays(1) + "\"}", token)))
			.as("a window's date does not change").containsExactly("date");
		assertProblem(api.delete(path, token), 409, "WINDOW_HAS_BOOKINGS");
		assertProblem(api.patch(base + "/windows/" + UUID.randomUUID(), "{\"capacity\":3}", token), 404, "NOT_FOUND");
		assertThat(jdbc.sql("SELECT capacity FROM time_window WHERE id = :id").param("id", window).query(Integer.class)
			.single()).isEqualTo(3);

		api.book(window, 0);
		var moved = api.patch(path, "{\"startTime\":\"09:00\",\"endTime\":\"10:30\",\"capacity\":8}", token);
		assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
		assertThat(data(moved).get("startTime").asString()).isEqualTo("09:00");
		assertThat(data(moved).get("startsAt").asString())
			.isEqualTo(ZonedDateTime.of(DAY, LocalTime.of(9, 0), ZoneId.of("Europe/Rome")).toInstant().toString());
		assertThat(data(moved).get("capacity").asInt()).isEqualTo(8);
		assertProblem(api.patch(path, "{\"endTime\":\"08:00\"}", token), 400, "VALIDATION_FAILED");
		var later = api.window(celebrityId, token, rome, DAY, "14:00", "15:00", 1);
		assertProblem(api.patch(base + "/windows/" + later, "{\"startTime\":\"10:00\"}", token), 400,
				"OVERLAPPING_WINDOW");
		assertThat(api.delete(path, token).statusCode()).isEqualTo(204);
		assertProblem(api.delete(path, token), 404, "NOT_FOUND");
	}

	@Test
	void blockedDates() {
		var rome = api.location(celebrityId, token, "Rome", "Italy", "Europe/Rome");
		var booked = api.window(celebrityId, token, rome, DAY, "10:00", "11:00", 2);
		var free = api.window(celebrityId, token, rome, DAY.plusDays(1), "10:00", "11:00", 2);
		api.book(booked, 1);

		var refused = api.post(base + "/blocked-dates", "{\"date\":\"" + DAY + "\"}", token);
		assertProblem(refused, 409, "DATE_HAS_BOOKINGS");
		assertThat(jdbc.sql("SELECT blocked FROM time_window WHERE id = :id").param("id", booked).query(Boolean.class)
			.single()).as("rolled back").isFalse();

		var next = DAY.plusDays(1);
		var created = api.post(base + "/blocked-dates", "{\"date\":\"" + next + "\",\"reason\":\"Filming\"}", token);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(data(created).get("date").asString()).isEqualTo(next.toString());
		assertThat(data(created).get("reason").asString()).isEqualTo("Filming");
		var again = api.post(base + "/blocked-dates", "{\"date\":\"" + next + "\",\"reason\":\"Travel\"}", token);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(data(again).get("reason").asString()).isEqualTo("Travel");
		var window = data(api.get(base + "/windows", token)).valueStream()
			.filter(w -> w.get("id").asString().equals(free.toString()))
			.findFirst()
			.orElseThrow();
		assertThat(window.get("blocked").asBoolean()).isTrue();
		assertProblem(api.postWindow(celebrityId, token, rome, next, "15:00", "16:00", 1), 409, "DATE_BLOCKED");
		var list = data(api.get(base + "/blocked-dates", token));
		assertThat(list.size()).isEqualTo(1);

		assertThat(errorFields(api.post(base + "/blocked-dates", "{\"date\":\"2020-01-01\"}", token)))
			.containsExactly("date");
		assertThat(errorFields(api.post(base + "/blocked-dates", "{\"date\":\"" + next + "\",\"booked\":1}", token)))
			.containsExactly("booked");
		assertThat(errorFields(api.post(base + "/blocked-dates", "{\"reason\":\"x\"}", token))).containsExactly("date");
		assertThat(errorFields(api.post(base + "/blocked-dates", "{\"date\":\"" + next + "\",\"reason\":\"%s\"}"
			.formatted("x".repeat(201)), token))).containsExactly("reason");
		var notADate = api.delete(base + "/blocked-dates/not-a-date", token);
		assertProblem(notADate, 400, "VALIDATION_FAILED");
		assertThat(errorFields(notADate)).containsExactly("date");
		assertProblem(api.delete(base + "/blocked-dates/" + next, TestTokens.token("CELEBRITY")), 404, "NOT_FOUND");

		assertThat(api.delete(base + "/blocked-dates/" + next, token).statusCode()).isEqualTo(204);
		assertThat(jdbc.sql("SELECT blocked FROM time_window WHERE id = :id").param("id", free).query(Boolean.class)
			.single()).isFalse();
		assertProblem(api.delete(base + "/blocked-dates/" + next, token), 404, "NOT_FOUND");
		assertThat(api.postWindow(celebrityId, token, rome, next, "15:00", "16:00", 1).statusCode()).isEqualTo(201);
	}

	private long count(String fromWhere) {
		return jdbc.sql("SELECT count(*) FROM " + fromWhere).query(Long.class).single();
	}
}

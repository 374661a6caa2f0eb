package com.starrymeet.booking.booking;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.starrymeet.booking.booking.BookingApi.assertProblem;
import static com.starrymeet.booking.booking.BookingApi.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Add to calendar", parsed back strictly (no iCalendar parser resolves from the package lists, so this test is
 * one): CRLF only, physical lines of at most 75 octets, unfolded into components and properties; the meeting's
 * instant recomputed from DTSTART;TZID and the document's own VTIMEZONE must equal the booking's {@code startsAt},
 * for a London venue on either side of a daylight-saving change; same UID and a higher SEQUENCE after a
 * reschedule and after the cancellation (STATUS:CANCELLED); escaping of {@code , ; \} and newlines.
 */
@ServiceTest
class BookingCalendarTest {

	static final ZoneId LONDON = ZoneId.of("Europe/London");

	static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	/** A component: its name, properties in order (name with parameters → value) and sub-components. */
	record Component(String name, List<String[]> properties, List<Component> children) {

		String value(String property) {
			return properties.stream().filter(p -> p[0].equals(property) || p[0].startsWith(property + ";"))
				.map(p -> p[1]).findFirst().orElseThrow(() -> new AssertionError("no " + property + " in " + name));
		}

		String key(String property) {
			return properties.stream().filter(p -> p[0].equals(property) || p[0].startsWith(property + ";"))
				.map(p -> p[0]).findFirst().orElseThrow();
		}

		Component child(String childName) {
			return children.stream().filter(c -> c.name.equals(childName)).findFirst().orElseThrow();
		}
	}

	@Test
	void aLondonMeetingAcrossDaylightSavingRescheduledThenCanceled() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var london = api.location(celebrity, "London", "UK", "Europe/London");
		// the next change of London's offset at least 10 days away: meet a week after it, then move to 3 days before it
		var change = LONDON.getRules().nextTransition(Instant.now().plusSeconds(10 * 86_400));
		var changeDate = change.getDateTimeAfter().toLocalDate();
		var first = api.window(celebrity, london, changeDate.plusDays(7), 1);
		var second = api.window(celebrity, london, changeDate.minusDays(3), 1);
		var fan = UUID.randomUUID();
		var fanToken = TestTokens.token(fan.toString(), "USER");
		var body = BookingApi.body(celebrity, first.id(), first.date(), "10:00", "London", "UK")
			.replace("Please sign my book", "Sign it, please; a \\\\ and\\nthanks — merci beaucoup, très gentil é".repeat(2));
		var id = api.confirmed(fan, body);
		var path = "/v1/bookings/" + id + "/calendar.ics";

		var ics = get(api, path, fanToken);
		var event = ics.child("VEVENT");
		assertThat(event.value("UID")).isEqualTo(id + "@starrymeet");
		assertThat(event.value("SEQUENCE")).isEqualTo("0");
		assertThat(event.value("STATUS")).isEqualTo("CONFIRMED");
		assertThat(event.value("SUMMARY")).isEqualTo("Standard Meet with Emma Watson");
		assertThat(event.value("LOCATION")).isEqualTo("London\\, UK");
		assertThat(event.value("DESCRIPTION")).contains("Sign it\\, please\\; a \\\\ and\\nthanks — merci beaucoup\\, très gentil é");
		assertThat(event.key("DTSTART")).isEqualTo("DTSTART;TZID=Europe/London");
		assertThat(event.value("DTSTART")).isEqualTo(first.date().format(DateTimeFormatter.BASIC_ISO_DATE) + "T100000");
		assertMeetingInstant(ics, api, id);

		// the celebrity's account and the internal route get the same event; strangers 404, no token 401
		var forCelebrity = get(api, path, celebrity.token()).child("VEVENT");
		assertThat(forCelebrity.value("UID")).isEqualTo(id + "@starrymeet");
		var internal = get(api, "/internal/bookings/" + id + "/calendar.ics", null).child("VEVENT");
		assertThat(internal.value("DTSTART")).isEqualTo(event.value("DTSTART"));
		assertProblem(api.get(path, TestTokens.token("USER")), 404, "NOT_FOUND");
		assertProblem(api.get(path, null), 401, "UNAUTHORIZED");
		assertProblem(api.get("/internal/bookings/" + UUID.randomUUID() + "/calendar.ics", null), 404, "NOT_FOUND");

		// moved to the other side of the change: same UID, SEQUENCE 1, the other offset
		var moved = api.patch("/v1/bookings/" + id, """
				{"availableDateId":"%s","date":"%s","time":"11:00","location":{"city":"London","country":"UK"}}"""
			.formatted(second.id(), second.date()), fanToken);
		assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
		var rescheduled = get(api, path, fanToken);
		var rescheduledEvent = rescheduled.child("VEVENT");
		assertThat(rescheduledEvent.value("UID")).isEqualTo(id + "@starrymeet");
		assertThat(rescheduledEvent.value("SEQUENCE")).isEqualTo("1");
		assertThat(rescheduledEvent.value("DTSTART")).isEqualTo(second.date().format(DateTimeFormatter.BASIC_ISO_DATE) + "T110000");
		assertMeetingInstant(rescheduled, api, id);
		assertThat(offsetAt(rescheduled, LocalDateTime.of(second.date(), java.time.LocalTime.of(11, 0))))
			.isNotEqualTo(offsetAt(ics, LocalDateTime.of(first.date(), java.time.LocalTime.of(10, 0))));

		// canceled: same UID, SEQUENCE 2, CANCELLED
		var canceled = api.delete("/v1/bookings/" + id, fanToken);
		assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
		var cancelEvent = get(api, path, fanToken).child("VEVENT");
		assertThat(cancelEvent.value("UID")).isEqualTo(id + "@starrymeet");
		assertThat(cancelEvent.value("SEQUENCE")).isEqualTo("2");
		assertThat(cancelEvent.value("STATUS")).isEqualTo("CANCELLED");
		assertThat(get(api, path, fanToken).value("METHOD")).isEqualTo("PUBLISH");
	}

	@Test
	void aPendingBookingHasNoCalendarEvent() {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var fanToken = TestTokens.token("USER");
		var id = api.booked(fanToken, celebrity, api.window(celebrity, 70, 1), "10:00").get("id").asString();
		assertProblem(api.get("/v1/bookings/" + id + "/calendar.ics", fanToken), 409, "NOT_CONFIRMED");
	}

	@Test
	void zonesWithoutRecentTransitionsFoldingAndEscaping() {
		var tz = CalendarDocuments.vtimezone(ZoneId.of("Asia/Tokyo"), Instant.parse("2027-01-10T01:00:00Z"));
		// Tokyo's last change (the end of summer time in 1951) is still the observance in force
		assertThat(tz).containsExactly("BEGIN:VTIMEZONE", "TZID:Asia/Tokyo", "BEGIN:STANDARD", "DTSTART:19510909T010000",
				"TZOFFSETFROM:+1000", "TZOFFSETTO:+0900", "END:STANDARD", "END:VTIMEZONE");
		assertThat(CalendarDocuments.vtimezone(ZoneId.of("Etc/GMT-3"), Instant.parse("2027-01-10T01:00:00Z")))
			.containsExactly("BEGIN:VTIMEZONE", "TZID:Etc/GMT-3", "BEGIN:STANDARD", "DTSTART:19700101T000000",
					"TZOFFSETFROM:+0300", "TZOFFSETTO:+0300", "END:STANDARD", "END:VTIMEZONE");
		var folded = CalendarDocuments.fold("DESCRIPTION:" + "é".repeat(100));
		for (var line : folded.split("\r\n")) {
			assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
		}
		assertThat(folded.replace("\r\n ", "")).isEqualTo("DESCRIPTION:" + "é".repeat(100) + "\r\n");
		assertThat(CalendarDocuments.text("a,b;c\\d\ne")).isEqualTo("a\\,b\\;c\\\\d\\ne");
	}

	/** DTSTART's local time read with the document's own VTIMEZONE gives the booking's startsAt. */
	private void assertMeetingInstant(Component calendar, BookingApi api, UUID id) {
		var local = LocalDateTime.parse(calendar.child("VEVENT").value("DTSTART"), LOCAL);
		var booking = data(api.get("/v1/bookings/" + id, TestTokens.token("ADMIN")));
		assertThat(local.toInstant(offsetAt(calendar, local))).isEqualTo(Instant.parse(booking.get("startsAt").asString()));
		assertThat(offsetAt(calendar, local)).isEqualTo(LONDON.getRules().getOffset(local));
	}

	/** The TZOFFSETTO of the VTIMEZONE observance with the latest onset not after {@code local}. */
	private static ZoneOffset offsetAt(Component calendar, LocalDateTime local) {
		var tz = calendar.child("VTIMEZONE");
		assertThat(tz.value("TZID")).isEqualTo("Europe/London");
		Component best = null;
		LocalDateTime bestOnset = null;
		for (var observance : tz.children()) {
			assertThat(observance.name()).isIn("STANDARD", "DAYLIGHT");
			var onset = LocalDateTime.parse(observance.value("DTSTART"), LOCAL);
			var to = ZoneOffset.of(observance.value("TZOFFSETTO"));
			// the kind says what it is: DAYLIGHT = summer time (+01:00 in London)
			assertThat(observance.name()).isEqualTo(to.getTotalSeconds() == 3600 ? "DAYLIGHT" : "STANDARD");
			if (!onset.isAfter(local) && (bestOnset == null || onset.isAfter(bestOnset))) {
				best = observance;
				bestOnset = onset;
			}
		}
		assertThat(best).as("an observance before the meeting").isNotNull();
		assertThat(tz.children().size()).as("transitions a year either side").isBetween(3, 5);
		return ZoneOffset.of(best.value("TZOFFSETTO"));
	}

	/** Fetches, checks the lines strictly and parses. */
	private static Component get(BookingApi api, String path, String token) {
		HttpResponse<String> response = api.get(path, token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
		return parse(response.body());
	}

	static Component parse(String text) {
		assertThat(text).endsWith("\r\n");
		assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
		var physical = text.substring(0, text.length() - 2).split("\r\n", -1);
		var logical = new ArrayList<String>();
		for (var line : physical) {
			assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
			assertThat(line).isNotEmpty();
			if (line.startsWith(" ")) {
				assertThat(logical).isNotEmpty();
				logical.set(logical.size() - 1, logical.getLast() + line.substring(1));
			}
			else {
				logical.add(line);
			}
		}
		var stack = new ArrayList<Component>();
		Component root = null;
		for (var line : logical) {
			int colon = line.indexOf(':');
			assertThat(colon).as(line).isPositive();
			var name = line.substring(0, colon);
			var value = line.substring(colon + 1);
			assertThat(name).matches("[A-Z-]+(;[A-Z-]+=[^;:]+)*");
			if (name.equals("BEGIN")) {
				var component = new Component(value, new ArrayList<>(), new ArrayList<>());
				if (stack.isEmpty()) {
					assertThat(root).as("one VCALENDAR").isNull();
					root = component;
				}
				else {
					stack.getLast().children().add(component);
				}
				stack.add(component);
			}
			else if (name.equals("END")) {
				assertThat(stack.removeLast().name()).isEqualTo(value);
			}
			else {
				assertThat(stack).as(line).isNotEmpty();
				stack.getLast().properties().add(new String[] { name, value });
			}
		}
		assertThat(stack).isEmpty();
		assertThat(root).isNotNull();
		assertThat(root.name()).isEqualTo("VCALENDAR");
		assertThat(root.value("VERSION")).isEqualTo("2.0");
		assertThat(root.value("PRODID")).isNotBlank();
		var event = root.child("VEVENT");
		Map<String, String> seen = new LinkedHashMap<>();
		for (var p : event.properties()) {
			assertThat(seen.put(p[0].split(";")[0], p[1])).as("property once: " + p[0]).isNull();
		}
		assertThat(seen.keySet()).contains("UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "STATUS", "SUMMARY", "LOCATION");
		assertThat(event.value("DTSTAMP")).matches("\\d{8}T\\d{6}Z");
		return root;
	}
}

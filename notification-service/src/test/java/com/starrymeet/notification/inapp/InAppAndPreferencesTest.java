package com.starrymeet.notification.inapp;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.BookingCompleted;
import com.starrymeet.common.events.contract.BookingExpired;
import com.starrymeet.common.events.contract.MessageSent;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import com.starrymeet.notification.NotificationTestSupport;
import com.starrymeet.notification.NotificationType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bell shows each user their own notifications only (another's id is 404, no token 401); read, unread count
 * and read-all; preferences per type and channel, transactional types refused off; the signed unsubscribe link of
 * a non-transactional e-mail works without signing in, and a forged one does nothing.
 */
class InAppAndPreferencesTest extends NotificationTestSupport {

	@Test
	void eachUserSeesAndReadsOnlyTheirOwn() {
		var fan = registered("Hal", "USER");
		var other = registered("Ivy", "USER");
		var fanAuth = auth(fan.id());
		var otherAuth = auth(other.id());
		var expiredId = UUID.randomUUID();
		publish(Topics.BOOKING, "booking", expiredId, 2, new BookingExpired(expiredId, "BK-2027-000100", fan.id(),
				parisMeeting(null), Instant.now(), Instant.now()));
		var doneId = UUID.randomUUID();
		publish(Topics.BOOKING, "booking", doneId, 5, new BookingCompleted(doneId, "BK-2027-000101", fan.id(),
				parisMeeting(null), price(10_000), "CHECK_IN", true, UUID.randomUUID(), Instant.now(),
				Instant.now().plusSeconds(60)));
		await().until(() -> count(fanAuth) == 2);

		var list = get("/v1/notifications", fanAuth);
		assertThat(list.at("/pagination/total").asLong()).isEqualTo(2);
		assertThat(list.at("/data/0/title").asString()).isEqualTo("How was your meeting with Ada Star?");
		assertThat(list.at("/data/0/link").asString()).isEqualTo("http://localhost:3000/bookings/" + doneId + "/review");
		assertThat(list.at("/data/1/title").asString()).isEqualTo("Your hold on BK-2027-000100 expired");
		assertThat(list.at("/data/1/readAt").isNull()).isTrue();
		var first = list.at("/data/1/id").asString();

		assertThat(get("/v1/notifications", otherAuth).at("/pagination/total").asLong()).isZero();
		assertThat(count(otherAuth)).isZero();
		var foreign = http.post("/v1/notifications/" + first + "/read", "", "application/json", "Authorization",
				otherAuth);
		assertThat(foreign.statusCode()).isEqualTo(404);
		assertThat(json.readTree(foreign.body()).get("code").asString()).isEqualTo("NOT_FOUND");
		assertThat(http.get("/v1/notifications").statusCode()).isEqualTo(401);
		assertThat(http.get("/v1/notifications/unread-count").statusCode()).isEqualTo(401);

		var read = http.post("/v1/notifications/" + first + "/read", "", "application/json", "Authorization", fanAuth);
		assertThat(read.statusCode()).isEqualTo(200);
		var readAt = json.readTree(read.body()).at("/data/readAt").asString();
		assertThat(readAt).isNotBlank();
		assertThat(count(fanAuth)).isEqualTo(1);
		var unread = get("/v1/notifications?unread=true", fanAuth);
		assertThat(unread.at("/pagination/total").asLong()).isEqualTo(1);
		assertThat(unread.at("/data/0/id").asString()).isNotEqualTo(first);
		// reading again keeps the first read time
		assertThat(json.readTree(http.post("/v1/notifications/" + first + "/read", "", "application/json",
				"Authorization", fanAuth).body()).at("/data/readAt").asString()).isEqualTo(readAt);

		var all = http.post("/v1/notifications/read-all", "", "application/json", "Authorization", fanAuth);
		assertThat(json.readTree(all.body()).at("/data/marked").asInt()).isEqualTo(1);
		assertThat(count(fanAuth)).isZero();
	}

	@Test
	void preferencesSwitchOffWhatMayBeSwitchedOff() {
		var fan = registered("Jo", "USER");
		var fanAuth = auth(fan.id());
		var prefs = get("/v1/notifications/preferences", fanAuth).get("data");
		assertThat(prefs.size()).isEqualTo(NotificationType.values().length);
		assertThat(find(prefs, "PASSWORD_RESET").get("transactional").asBoolean()).isTrue();
		assertThat(find(prefs, "BOOKING_COMPLETED").at("/channels/EMAIL").asBoolean()).isTrue();

		var refused = patch(fanAuth, """
				{"preferences":[{"type":"BOOKING_CONFIRMED","channel":"EMAIL","enabled":false},
				{"type":"NOPE","channel":"EMAIL","enabled":false},{"type":"NEW_MESSAGE","channel":"FAX","enabled":true}]}""");
		assertThat(refused.statusCode()).isEqualTo(400);
		var problem = json.readTree(refused.body());
		assertThat(problem.get("code").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
			.containsExactlyInAnyOrder("preferences[0].enabled", "preferences[1].type", "preferences[2].channel");
		assertThat(patch(fanAuth, "{\"preferences\":[]}").statusCode()).isEqualTo(400);

		var ok = patch(fanAuth, """
				{"preferences":[{"type":"BOOKING_COMPLETED","channel":"EMAIL","enabled":false},
				{"type":"NEW_MESSAGE","channel":"IN_APP","enabled":false},
				{"type":"BOOKING_CONFIRMED","channel":"EMAIL","enabled":true}]}""");
		assertThat(ok.statusCode()).isEqualTo(200);
		var after = json.readTree(ok.body()).get("data");
		assertThat(find(after, "BOOKING_COMPLETED").at("/channels/EMAIL").asBoolean()).isFalse();
		assertThat(find(after, "BOOKING_COMPLETED").at("/channels/IN_APP").asBoolean()).isTrue();
		assertThat(find(after, "NEW_MESSAGE").at("/channels/IN_APP").asBoolean()).isFalse();

		// switched off: the completed meeting reaches the bell, not the mailbox; the message reaches the mailbox only
		var doneId = UUID.randomUUID();
		publish(Topics.BOOKING, "booking", doneId, 5, new BookingCompleted(doneId, "BK-2027-000102", fan.id(),
				parisMeeting(null), price(10_000), "CHECK_IN", true, UUID.randomUUID(), Instant.now(),
				Instant.now().plusSeconds(60)));
		publish(Topics.BOOKING, "booking", doneId, 6, new MessageSent(UUID.randomUUID(), doneId, "BK-2027-000102",
				UUID.randomUUID(), "CELEBRITY", fan.id(), "Thanks for coming!", Instant.now()));
		awaitMail(fan.email(), NotificationType.NEW_MESSAGE);
		await().until(() -> count(fanAuth) == 1);
		assertThat(get("/v1/notifications", fanAuth).at("/data/0/type").asString()).isEqualTo("BOOKING_COMPLETED");
		assertThat(mails(fan.email(), NotificationType.BOOKING_COMPLETED)).isEmpty();
		assertThat(jdbc.sql("SELECT count(*) FROM delivery WHERE recipient_id = :u AND type = 'BOOKING_COMPLETED'")
			.param("u", fan.id()).query(Long.class).single()).isZero();
	}

	@Test
	void theUnsubscribeLinkWorksWithoutSigningInAndCannotBeForged() {
		var kim = registered("Kim", "USER");
		var welcome = text(awaitMail(kim.email(), NotificationType.WELCOME));
		var matcher = Pattern.compile("http://localhost:8080(/v1/notifications/unsubscribe\\?token=(\\S+))").matcher(welcome);
		assertThat(matcher.find()).isTrue();
		var path = matcher.group(1);
		var token = matcher.group(2);

		var forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
		var bad = http.get("/v1/notifications/unsubscribe?token=" + forged);
		assertThat(bad.statusCode()).isEqualTo(404);
		assertThat(json.readTree(bad.body()).get("code").asString()).isEqualTo("INVALID_UNSUBSCRIBE_TOKEN");
		assertThat(http.get("/v1/notifications/unsubscribe?token=nonsense").statusCode()).isEqualTo(404);

		var done = http.get(URI.create(path).toString());
		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(json.readTree(done.body()).at("/data/type").asString()).isEqualTo("WELCOME");
		var prefs = get("/v1/notifications/preferences", auth(kim.id())).get("data");
		assertThat(find(prefs, "WELCOME").at("/channels/EMAIL").asBoolean()).isFalse();
		assertThat(find(prefs, "WELCOME").at("/channels/IN_APP").asBoolean()).isTrue();
	}

	private static String auth(UUID userId) {
		return TestHttp.bearer(TestTokens.token(userId.toString(), "USER"));
	}

	private JsonNode get(String path, String auth) {
		var response = http.get(path, "Authorization", auth);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private long count(String auth) {
		return get("/v1/notifications/unread-count", auth).at("/data/count").asLong();
	}

	private java.net.http.HttpResponse<String> patch(String auth, String body) {
		return http.method("PATCH", "/v1/notifications/preferences", body, "Content-Type", "application/json",
				"Authorization", auth);
	}

	private static JsonNode find(JsonNode prefs, String type) {
		return prefs.valueStream().filter(p -> p.get("type").asString().equals(type)).findFirst().orElseThrow();
	}
}

package com.starrymeet.booking.booking;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.starrymeet.common.testing.ServiceTest;
import com.starrymeet.common.testing.TestHttp;
import com.starrymeet.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.starrymeet.booking.booking.BookingApi.assertProblem;
import static com.starrymeet.booking.booking.BookingApi.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's booking desk: filters, one booking with its event history and its money from payment-service (and
 * without it, flagged, when payment-service is down), the streamed CSV export with RFC 4180 quoting (a large
 * export included), the audit log, and ADMIN only.
 */
@ServiceTest
class AdminDeskTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void searchesShowsOneBookingWithHistoryAndMoneyOrWithoutMoneyWhenPaymentsAreDown() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 80, 3);
		var fan = UUID.randomUUID();
		var id = api.confirmed(fan, BookingApi.body(celebrity, window, "10:00"));
		var pending = UUID.fromString(api.booked(TestTokens.token("USER"), celebrity, window, "11:00").get("id").asString());
		var admin = TestTokens.token("ADMIN");

		assertThat(api.get("/v1/admin/bookings", TestTokens.token("USER")).statusCode()).isEqualTo(403);
		assertThat(api.get("/v1/admin/bookings", celebrity.token()).statusCode()).isEqualTo(403);
		assertThat(api.get("/v1/admin/bookings/" + id, celebrity.token()).statusCode()).isEqualTo(403);
		assertThat(api.get("/v1/admin/bookings/export.csv", TestTokens.token("USER")).statusCode()).isEqualTo(403);
		var byCelebrity = api.get("/v1/admin/bookings?celebrityId=" + celebrity.id(), admin);
		assertThat(data(byCelebrity).size()).isEqualTo(2);
		assertThat(BookingApi.body(byCelebrity).at("/pagination/total").asLong()).isEqualTo(2);
		var confirmed = data(api.get("/v1/admin/bookings?celebrityId=" + celebrity.id() + "&status=confirmed", admin));
		assertThat(confirmed.size()).isEqualTo(1);
		assertThat(confirmed.get(0).at("/booking/id").asString()).isEqualTo(id.toString());
		assertThat(confirmed.get(0).get("fanId").asString()).isEqualTo(fan.toString());
		var number = confirmed.get(0).at("/booking/bookingNumber").asString();
		assertThat(data(api.get("/v1/admin/bookings?bookingNumber=" + number.toLowerCase(), admin)).size()).isEqualTo(1);
		assertThat(data(api.get("/v1/admin/bookings?fanId=" + fan + "&from=" + window.date() + "&to=" + window.date(),
				admin)).size()).isEqualTo(1);
		assertThat(data(api.get("/v1/admin/bookings?fanId=" + fan + "&from=" + window.date().plusDays(1), admin)).size())
			.isZero();
		assertThat(BookingApi.errorFields(api.get("/v1/admin/bookings?status=lost", admin))).containsExactly("status");
		assertThat(BookingApi.errorFields(api.get("/v1/admin/bookings?celebrityId=nope", admin))).containsExactly("celebrityId");

		Stubs.moneyOf(id, """
				{"payment":{"paymentId":"%s","status":"succeeded","amountCents":25000,"capturedCents":25000,
				 "creditUsedCents":0,"currency":"USD"},"refunds":[],"payout":null,"credits":[]}""".formatted(UUID.randomUUID()));
		var detail = data(api.get("/v1/admin/bookings/" + id, admin));
		assertThat(detail.at("/booking/id").asString()).isEqualTo(id.toString());
		assertThat(detail.get("moneyAvailable").asBoolean()).isTrue();
		assertThat(detail.at("/money/payment/capturedCents").asLong()).isEqualTo(25000);
		assertThat(detail.get("events").valueStream().map(e -> e.get("type").asString()).toList())
			.containsExactly("BookingRequested", "BookingConfirmed");
		assertThat(detail.at("/events/1/aggregateVersion").asLong()).isEqualTo(2);
		assertThat(detail.at("/events/1/payload/bookingId").asString()).isEqualTo(id.toString());

		Stubs.moneyDown(pending);
		var withoutMoney = api.get("/v1/admin/bookings/" + pending, admin);
		assertThat(withoutMoney.statusCode()).as(withoutMoney.body()).isEqualTo(200);
		assertThat(data(withoutMoney).get("money").isNull()).isTrue();
		assertThat(data(withoutMoney).get("moneyAvailable").asBoolean()).isFalse();
		assertProblem(api.get("/v1/admin/bookings/" + UUID.randomUUID(), admin), 404, "NOT_FOUND");
	}

	@Test
	void exportsAnySizeAsQuotedCsvAndAuditsTheExport() throws Exception {
		var api = new BookingApi(port, jdbc);
		var celebrity = api.celebrity();
		var window = api.window(celebrity, 81, 1);
		var fan = UUID.randomUUID();
		var id = api.confirmed(fan, BookingApi.body(celebrity, window, "10:00"));
		// names with a comma, quotes, a line break and a formula
		jdbc.sql("UPDATE booking SET celebrity_name = :name, city = :city, meeting_type_name = :type WHERE id = :id")
			.param("name", "Smith, \"The Rock\"").param("city", "Los\nAngeles").param("type", "=HYPERLINK(\"x\")")
			.param("id", id).update();
		// many more rows for this celebrity, straight in SQL (an export streams whatever is there)
		int extra = 20_000;
		jdbc.sql("""
				INSERT INTO booking (id, booking_number, fan_id, celebrity_id, celebrity_name, meeting_type_id,
				    meeting_type_name, duration_minutes, date, time, time_zone, starts_at, ends_at, city, country,
				    price_cents, currency, platform_fee_cents, celebrity_payout_cents, refund_policy, status,
				    hold_expires_at, idempotency_key, canceled_at)
				SELECT gen_random_uuid(), 'BK-2099-' || lpad(g::text, 7, '0'), gen_random_uuid(), :c,
				    'Bulk', gen_random_uuid(), 'Standard Meet', 30, DATE '2027-01-01', TIME '10:00', 'UTC',
				    TIMESTAMPTZ '2027-01-01 10:00Z', TIMESTAMPTZ '2027-01-01 10:30Z', 'Paris', 'France', 25000, 'USD', 3750,
				    21250, CAST(:policy AS jsonb), 'canceled', now(), 'bulk-' || g, now()
				FROM generate_series(1, :n) g""")
			.param("c", celebrity.id()).param("n", extra)
			.param("policy", BookingApi.json.writeValueAsString(CancellationPolicyTest.STANDARD)).update();
		var admin = UUID.randomUUID();
		var http = TestHttp.at(port);
		HttpResponse<java.io.InputStream> response = java.net.http.HttpClient.newHttpClient()
			.send(http.request("/v1/admin/bookings/export.csv?celebrityId=" + celebrity.id(), "Authorization",
					TestHttp.bearer(TestTokens.token(admin.toString(), "ADMIN"))).GET().build(),
					HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
		var records = parse(new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8)));
		assertThat(records.getFirst()).startsWith("booking_id", "booking_number", "status");
		assertThat(records).hasSize(1 + 1 + extra);
		var row = records.stream().filter(r -> r.getFirst().equals(id.toString())).findFirst().orElseThrow();
		assertThat(row).hasSize(AdminDesk.CSV_COLUMNS.size());
		assertThat(row.get(AdminDesk.CSV_COLUMNS.indexOf("celebrity_name"))).isEqualTo("Smith, \"The Rock\"");
		assertThat(row.get(AdminDesk.CSV_COLUMNS.indexOf("city"))).isEqualTo("Los\nAngeles");
		assertThat(row.get(AdminDesk.CSV_COLUMNS.indexOf("meeting_type"))).isEqualTo("'=HYPERLINK(\"x\")");
		assertThat(row.get(AdminDesk.CSV_COLUMNS.indexOf("price_cents"))).isEqualTo("25000");
		assertThat(row.get(AdminDesk.CSV_COLUMNS.indexOf("status"))).isEqualTo("confirmed");
		assertThat(jdbc.sql("SELECT details->>'celebrityId' FROM admin_audit WHERE admin_id = :a AND action = 'EXPORT_BOOKINGS'")
			.param("a", admin).query(String.class).single()).isEqualTo(celebrity.id().toString());
		assertThat(BookingApi.errorFields(api.get("/v1/admin/bookings/export.csv?status=lost", TestTokens.token("ADMIN"))))
			.containsExactly("status");
	}

	@Test
	void csvCellsAreQuotedOnlyWhenNeeded() {
		assertThat(AdminDesk.csv(null)).isEmpty();
		assertThat(AdminDesk.csv("plain")).isEqualTo("plain");
		assertThat(AdminDesk.csv("a,b")).isEqualTo("\"a,b\"");
		assertThat(AdminDesk.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(AdminDesk.csv("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
		assertThat(AdminDesk.csv("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(AdminDesk.csv(-5L)).isEqualTo("-5");
	}

	/** A strict RFC 4180 reader: CRLF between records, quotes doubled inside quoted fields. */
	private static List<List<String>> parse(BufferedReader reader) throws java.io.IOException {
		var records = new ArrayList<List<String>>();
		var record = new ArrayList<String>();
		var field = new StringBuilder();
		boolean quoted = false;
		int c;
		while ((c = reader.read()) != -1) {
			char ch = (char) c;
			if (quoted) {
				if (ch == '"') {
					reader.mark(1);
					int next = reader.read();
					if (next == '"') {
						field.append('"');
					}
					else {
						quoted = false;
						if (next != -1) {
							reader.reset();
						}
					}
				}
				else {
					field.append(ch);
				}
			}
			else if (ch == '"') {
				quoted = true;
			}
			else if (ch == ',') {
				record.add(field.toString());
				field.setLength(0);
			}
			else if (ch == '\r') {
				assertThat(reader.read()).isEqualTo('\n');
				record.add(field.toString());
				field.setLength(0);
				records.add(record);
				record = new ArrayList<>();
			}
			else {
				assertThat(ch).as("a bare LF outside quotes").isNotEqualTo('\n');
				field.append(ch);
			}
		}
		assertThat(record).isEmpty();
		return records;
	}

}

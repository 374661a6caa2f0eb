package com.starrymeet.booking.booking;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.ValidationFailed;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The admin's booking desk: search and filter, one booking with everything known about it (its event history, its
 * disputes, review and admin actions here, its money from payment-service), and a CSV export of any size —
 * streamed from a server-side cursor (fetch size {@value #FETCH}) straight into the response, so memory stays flat
 * whatever the number of rows.
 */
@Service
public class AdminDesk {

	static final int FETCH = 500;

	/** The desk's filters; every one optional. {@code from}/{@code to} are local meeting dates, inclusive. */
	public record Filter(@Nullable String status, @Nullable LocalDate from, @Nullable LocalDate to,
			@Nullable UUID celebrityId, @Nullable UUID fanId, @Nullable String bookingNumber) {
	}

	/** One booking as the desk shows it; {@code money} is payment-service's, {@code null} when it is unavailable. */
	public record Detail(BookingView booking, UUID fanId, List<BookingEvents.Recorded> events,
			List<Disputes.Dispute> disputes, Reviews.@Nullable Review review, List<AdminAudit.Entry> adminActions,
			@Nullable JsonNode money, boolean moneyAvailable) {
	}

	/** A listed booking with the ids the desk filters by. */
	public record Row(BookingView booking, UUID fanId) {
	}

	public record Page(List<Row> items, Pagination pagination) {
	}

	static final List<String> CSV_COLUMNS = List.of("booking_id", "booking_number", "status", "fan_id", "celebrity_id",
			"celebrity_name", "meeting_type", "date", "time", "time_zone", "starts_at", "ends_at", "city", "country",
			"price_cents", "currency", "platform_fee_cents", "celebrity_payout_cents", "reschedule_count",
			"checked_in_at", "completed_by", "canceled_by", "cancel_reason", "refund_percent", "credit_grant_cents",
			"created_at");

	private final JdbcClient jdbc;

	private final JdbcClient streaming;

	private final TransactionTemplate readOnly;

	private final BookingRows rows;

	private final BookingEvents events;

	private final Disputes disputes;

	private final Reviews reviews;

	private final AdminAudit audit;

	private final PaymentReads payments;

	AdminDesk(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, BookingRows rows,
			BookingEvents events, Disputes disputes, Reviews reviews, AdminAudit audit, PaymentReads payments) {
		this.jdbc = jdbc;
		var template = new JdbcTemplate(dataSource);
		template.setFetchSize(FETCH); // PostgreSQL streams with a fetch size inside a transaction
		this.streaming = JdbcClient.create(template);
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.rows = rows;
		this.events = events;
		this.disputes = disputes;
		this.reviews = reviews;
		this.audit = audit;
		this.payments = payments;
	}

	@Transactional(readOnly = true)
	public Page search(Caller admin, Filter filter, Pagination.PageQuery page) {
		admin.requireRole(Caller.Role.ADMIN);
		var params = new HashMap<String, Object>();
		var where = where(filter, params);
		long total = jdbc.sql("SELECT count(*) FROM booking WHERE " + where).params(params).query(Long.class).single();
		var items = jdbc.sql("SELECT " + BookingRows.COLUMNS + " FROM booking WHERE " + where
				+ " ORDER BY starts_at DESC, id LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", page.limit())
			.param("offset", page.offset())
			.query((rs, n) -> {
				var b = BookingRows.booking(rs);
				return new Row(BookingView.of(b, null), b.fanId());
			})
			.list();
		return new Page(items, Pagination.of(page, total));
	}

	/** The booking with its history; its money asked from payment-service outside any transaction. */
	public Detail detail(Caller admin, UUID bookingId) {
		admin.requireRole(Caller.Role.ADMIN);
		var booking = rows.find(bookingId).orElseThrow(() -> ApiException.notFound("Booking " + bookingId));
		var money = payments.byBooking(bookingId);
		return new Detail(BookingView.of(booking, null), booking.fanId(), events.history(bookingId),
				disputes.ofBooking(bookingId), reviews.ofBooking(bookingId), audit.ofBooking(bookingId), money,
				money != null);
	}

	/** Checks the filters (400 naming the field) and audit-logs the export; the rows are written by {@link #writeCsv}. */
	@Transactional
	public void startExport(Caller admin, Filter filter) {
		admin.requireRole(Caller.Role.ADMIN);
		where(filter, new HashMap<>());
		var details = new HashMap<String, Object>();
		if (filter.status() != null) details.put("status", filter.status());
		if (filter.from() != null) details.put("from", filter.from().toString());
		if (filter.to() != null) details.put("to", filter.to().toString());
		if (filter.celebrityId() != null) details.put("celebrityId", filter.celebrityId().toString());
		if (filter.fanId() != null) details.put("fanId", filter.fanId().toString());
		if (filter.bookingNumber() != null) details.put("bookingNumber", filter.bookingNumber());
		audit.record(admin.userId(), "EXPORT_BOOKINGS", null, null, details);
	}

	/** Writes the filtered bookings as CSV (RFC 4180: CRLF, quoted when needed), row by row from a cursor. */
	public void writeCsv(Filter filter, OutputStream out) throws IOException {
		var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		writer.write(String.join(",", CSV_COLUMNS));
		writer.write("\r\n");
		var params = new HashMap<String, Object>();
		var where = where(filter, params);
		readOnly.executeWithoutResult(status -> {
			try (var stream = streaming.sql("SELECT " + BookingRows.COLUMNS + " FROM booking WHERE " + where
					+ " ORDER BY starts_at DESC, id").params(params).query((rs, n) -> BookingRows.booking(rs)).stream()) {
				stream.forEach(b -> line(writer, b));
			}
		});
		writer.flush();
	}

	private static void line(Writer writer, Booking b) {
		try {
			var cells = new Object[] { b.id(), b.bookingNumber(), b.status(), b.fanId(), b.celebrityId(),
					b.celebrityName(), b.meetingTypeName(), b.date(), b.time(), b.timeZone(), b.startsAt(), b.endsAt(),
					b.city(), b.country(), b.priceCents(), b.currency(), b.platformFeeCents(), b.celebrityPayoutCents(),
					b.rescheduleCount(), b.checkedInAt(), b.completedBy(), b.canceledBy(), b.cancelReason(),
					b.refundPercent(), b.creditGrantCents(), b.createdAt() };
			for (int i = 0; i < cells.length; i++) {
				if (i > 0) {
					writer.write(',');
				}
				writer.write(csv(cells[i]));
			}
			writer.write("\r\n");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * One CSV cell: quoted (quotes doubled) when it holds a comma, quote, CR or LF; a text starting with
	 * {@code = + - @} (or a tab/CR) gets a leading apostrophe so a spreadsheet never runs it as a formula.
	 */
	static String csv(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		var text = value.toString();
		if (value instanceof String && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
			return '"' + text.replace("\"", "\"\"") + '"';
		}
		return text;
	}

	private static String where(Filter filter, Map<String, Object> params) {
		var where = new StringBuilder("true");
		if (filter.status() != null) {
			var status = filter.status().strip().toLowerCase(Locale.ROOT);
			if (!BookingQueries.STATES.contains(status)) {
				throw ValidationFailed.of("status", "must be one of " + String.join(", ", BookingQueries.STATES));
			}
			where.append(" AND status = :status");
			params.put("status", status);
		}
		if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())) {
			throw ValidationFailed.of("to", "must not be before from");
		}
		if (filter.from() != null) {
			where.append(" AND date >= :from");
			params.put("from", filter.from());
		}
		if (filter.to() != null) {
			where.append(" AND date <= :to");
			params.put("to", filter.to());
		}
		if (filter.celebrityId() != null) {
			where.append(" AND celebrity_id = :celebrity");
			params.put("celebrity", filter.celebrityId());
		}
		if (filter.fanId() != null) {
			where.append(" AND fan_id = :fan");
			params.put("fan", filter.fanId());
		}
		if (filter.bookingNumber() != null && !filter.bookingNumber().isBlank()) {
			where.append(" AND booking_number = :number");
			params.put("number", filter.bookingNumber().strip().toUpperCase(Locale.ROOT));
		}
		return where.toString();
	}

}

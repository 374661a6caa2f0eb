package com.starrymeet.booking.booking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The {@code booking} table: insert, read, lock and the state changes, each one statement. */
@Component
class BookingRows {

	static final String COLUMNS = """
			id, booking_number, fan_id, celebrity_id, celebrity_user_id, celebrity_name, meeting_type_id,
			meeting_type_name, duration_minutes, window_id, date, time, time_zone, starts_at, ends_at, city, country,
			price_cents, currency, platform_fee_cents, celebrity_payout_cents, occasion, special_requests, fan_notes,
			status, hold_expires_at, payment_id, payment_intent_id, last_payment_failure, version, created_at,
			confirmed_at, expired_at, canceled_at, refund_policy, reschedule_count, checked_in_at, completed_at,
			completed_by, disputed_at, canceled_by, cancel_reason, refund_percent, credit_grant_cents,
			credit_applied_cents, amount_due_cents""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	BookingRows(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** What a new booking is made of; the number, version and times come from the database. */
	record NewRow(UUID id, UUID fanId, UUID celebrityId, @Nullable UUID celebrityUserId, String celebrityName,
			UUID meetingTypeId, String meetingTypeName, int durationMinutes, UUID windowId, LocalDate date,
			LocalTime time, String timeZone, Instant startsAt, Instant endsAt, String city, String country,
			long priceCents, String currency, long platformFeeCents, long celebrityPayoutCents,
			RefundPolicy refundPolicy, @Nullable String occasion, @Nullable String specialRequests,
			@Nullable String fanNotes, Instant holdExpiresAt, String idempotencyKey) {
	}

	/** Inserts a pending booking numbered {@code BK-<year of now, UTC>-<sequence, ≥ 6 digits>}. */
	Booking insert(NewRow row) {
		return jdbc.sql("""
				WITH n AS (SELECT nextval('booking_number_seq')::text AS seq)
				INSERT INTO booking (id, booking_number, fan_id, celebrity_id, celebrity_user_id, celebrity_name,
				    meeting_type_id, meeting_type_name, duration_minutes, window_id, date, time, time_zone, starts_at,
				    ends_at, city, country, price_cents, currency, platform_fee_cents, celebrity_payout_cents,
				    refund_policy, occasion, special_requests, fan_notes, status, hold_expires_at, idempotency_key)
				SELECT :id, 'BK-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(n.seq, greatest(6, length(n.seq)), '0'),
				    :fan, :celebrity, :celebrityUser, :celebrityName, :meetingType, :meetingTypeName, :duration, :window,
				    :date, :time, :zone, :startsAt, :endsAt, :city, :country, :price, :currency, :fee, :payout,
				    CAST(:policy AS jsonb), :occasion, :specialRequests, :fanNotes, 'pending', :holdExpiresAt, :key
				FROM n
				RETURNING\s""" + COLUMNS)
			.param("id", row.id())
			.param("fan", row.fanId())
			.param("celebrity", row.celebrityId())
			.param("celebrityUser", row.celebrityUserId(), Types.OTHER)
			.param("celebrityName", row.celebrityName())
			.param("meetingType", row.meetingTypeId())
			.param("meetingTypeName", row.meetingTypeName())
			.param("duration", row.durationMinutes())
			.param("window", row.windowId())
			.param("date", row.date())
			.param("time", row.time())
			.param("zone", row.timeZone())
			.param("startsAt", Timestamp.from(row.startsAt()))
			.param("endsAt", Timestamp.from(row.endsAt()))
			.param("city", row.city())
			.param("country", row.country())
			.param("price", row.priceCents())
			.param("currency", row.currency())
			.param("fee", row.platformFeeCents())
			.param("payout", row.celebrityPayoutCents())
			.param("policy", json.writeValueAsString(row.refundPolicy()))
			.param("occasion", row.occasion(), Types.VARCHAR)
			.param("specialRequests", row.specialRequests(), Types.VARCHAR)
			.param("fanNotes", row.fanNotes(), Types.VARCHAR)
			.param("holdExpiresAt", Timestamp.from(row.holdExpiresAt()))
			.param("key", row.idempotencyKey())
			.query((rs, n) -> booking(rs))
			.single();
	}

	Optional<Booking> find(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM booking WHERE id = :id")
			.param("id", id)
			.query((rs, n) -> booking(rs))
			.optional();
	}

	/** The booking and a row lock on it: the first lock of every transaction that changes a booking. */
	Optional<Booking> lock(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM booking WHERE id = :id FOR UPDATE")
			.param("id", id)
			.query((rs, n) -> booking(rs))
			.optional();
	}

	Optional<Booking> findByKey(UUID fanId, String idempotencyKey) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM booking WHERE fan_id = :fan AND idempotency_key = :key")
			.param("fan", fanId)
			.param("key", idempotencyKey)
			.query((rs, n) -> booking(rs))
			.optional();
	}

	/**
	 * The next pending booking whose hold ran out, locked; rows other instances hold are skipped, so every instance
	 * can run the expiry at once.
	 */
	Optional<Booking> lockNextExpiredHold() {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM booking WHERE status = 'pending' AND hold_expires_at <= now()
				ORDER BY hold_expires_at LIMIT 1 FOR UPDATE SKIP LOCKED""")
			.query((rs, n) -> booking(rs))
			.optional();
	}

	/** Pending bookings of the fan whose hold still runs. */
	long unpaidHolds(UUID fanId) {
		return jdbc.sql("SELECT count(*) FROM booking WHERE fan_id = :fan AND status = 'pending' AND hold_expires_at > now()")
			.param("fan", fanId)
			.query(Long.class)
			.single();
	}

	/**
	 * Serialises the booking requests of one fan until the transaction ends, so "at most N unpaid holds" is
	 * counted and enforced race-free (two requests cannot both see N - 1).
	 */
	void lockFan(UUID fanId) {
		jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
			.param("key", fanId.getMostSignificantBits() ^ fanId.getLeastSignificantBits())
			.query((rs, n) -> 1)
			.single();
	}

	Booking expire(UUID id) {
		return change(id, "status = 'expired', expired_at = now()");
	}

	Booking confirm(UUID id, UUID paymentId, @Nullable String paymentIntentId) {
		return jdbc.sql("""
				UPDATE booking SET status = 'confirmed', payment_id = :payment, payment_intent_id = :intent,
				    confirmed_at = now(), last_payment_failure = NULL, version = version + 1, updated_at = now()
				WHERE id = :id RETURNING\s""" + COLUMNS)
			.param("id", id)
			.param("payment", paymentId)
			.param("intent", paymentIntentId, Types.VARCHAR)
			.query((rs, n) -> booking(rs))
			.single();
	}

	/** {@code canceled} with who, why and the share decided (the slot is released by the caller, same transaction). */
	Booking cancel(UUID id, String canceledBy, String reason, int refundPercent, long creditGrantCents) {
		return jdbc.sql("""
				UPDATE booking SET status = 'canceled', canceled_at = now(), canceled_by = :by, cancel_reason = :reason,
				    refund_percent = :percent, credit_grant_cents = :credit, version = version + 1, updated_at = now()
				WHERE id = :id RETURNING\s""" + COLUMNS)
			.param("id", id)
			.param("by", canceledBy)
			.param("reason", reason)
			.param("percent", refundPercent)
			.param("credit", creditGrantCents)
			.query((rs, n) -> booking(rs))
			.single();
	}

	/** The meeting moved to another window (or time): its place and instants, one more reschedule. */
	Booking reschedule(UUID id, UUID windowId, LocalDate date, LocalTime time, String timeZone, Instant startsAt,
			Instant endsAt, String city, String country) {
		return jdbc.sql("""
				UPDATE booking SET window_id = :window, date = :date, time = :time, time_zone = :zone,
				    starts_at = :startsAt, ends_at = :endsAt, city = :city, country = :country,
				    reschedule_count = reschedule_count + 1, version = version + 1, updated_at = now()
				WHERE id = :id RETURNING\s""" + COLUMNS)
			.param("id", id)
			.param("window", windowId)
			.param("date", date)
			.param("time", time)
			.param("zone", timeZone)
			.param("startsAt", Timestamp.from(startsAt))
			.param("endsAt", Timestamp.from(endsAt))
			.param("city", city)
			.param("country", country)
			.query((rs, n) -> booking(rs))
			.single();
	}

	/** {@code completed} by {@code by} (a constant code); a check-in also notes when the code was scanned. */
	Booking complete(UUID id, String by, boolean checkIn) {
		return change(id, "status = 'completed', completed_at = now(), completed_by = '" + by + "'"
				+ (checkIn ? ", checked_in_at = now()" : ""));
	}

	Booking dispute(UUID id) {
		return change(id, "status = 'disputed', disputed_at = now()");
	}

	/** A settled dispute that ends the booking as met (the completion is noted if there was none). */
	Booking settleCompleted(UUID id) {
		return change(id, "status = 'completed', completed_at = coalesce(completed_at, now()), "
				+ "completed_by = coalesce(completed_by, 'DISPUTE_SETTLED')");
	}

	/** A settled dispute that ends the booking as canceled (the settlement refunded it). */
	Booking settleCanceled(UUID id, int refundPercent) {
		return change(id, "status = 'canceled', canceled_at = now(), canceled_by = 'ADMIN', "
				+ "cancel_reason = 'DISPUTE_SETTLED', refund_percent = " + refundPercent + ", credit_grant_cents = 0");
	}

	/**
	 * The next confirmed booking whose meeting ended at least {@code after} ago (48 h: the dispute window), locked,
	 * skipping rows another instance or a request holds: every instance can run the completion at once.
	 */
	Optional<Booking> lockNextDueCompletion(java.time.Duration after) {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM booking WHERE status = 'confirmed' AND ends_at <= now() - make_interval(secs => :secs)
				ORDER BY ends_at LIMIT 1 FOR UPDATE SKIP LOCKED""")
			.param("secs", (double) after.toSeconds())
			.query((rs, n) -> booking(rs))
			.optional();
	}

	/** What payment-service reported when it opened the payment: credit used and what the card owes (no event). */
	void paymentOpened(UUID id, long creditAppliedCents, long amountDueCents) {
		jdbc.sql("UPDATE booking SET credit_applied_cents = :credit, amount_due_cents = :due, updated_at = now() WHERE id = :id")
			.param("id", id)
			.param("credit", creditAppliedCents)
			.param("due", amountDueCents)
			.update();
	}

	/** A new version without a state change (a rejected payment is still an event of the booking). */
	Booking touch(UUID id) {
		return change(id, "status = status");
	}

	private Booking change(UUID id, String set) {
		return jdbc.sql("UPDATE booking SET " + set + ", version = version + 1, updated_at = now() WHERE id = :id RETURNING "
				+ COLUMNS)
			.param("id", id)
			.query((rs, n) -> booking(rs))
			.single();
	}

	/** Notes a failed payment attempt on a pending booking (no state change, no event). */
	void paymentFailed(UUID id, String failure) {
		jdbc.sql("UPDATE booking SET last_payment_failure = :failure, updated_at = now() WHERE id = :id AND status = 'pending'")
			.param("id", id)
			.param("failure", failure)
			.update();
	}

	static Booking booking(ResultSet rs) throws SQLException {
		return new Booking(rs.getObject("id", UUID.class), rs.getString("booking_number"),
				rs.getObject("fan_id", UUID.class), rs.getObject("celebrity_id", UUID.class),
				rs.getObject("celebrity_user_id", UUID.class), rs.getString("celebrity_name"),
				rs.getObject("meeting_type_id", UUID.class), rs.getString("meeting_type_name"),
				rs.getInt("duration_minutes"), rs.getObject("window_id", UUID.class),
				rs.getObject("date", LocalDate.class), rs.getObject("time", LocalTime.class), rs.getString("time_zone"),
				instant(rs, "starts_at"), instant(rs, "ends_at"), rs.getString("city"), rs.getString("country"),
				rs.getLong("price_cents"), rs.getString("currency"), rs.getLong("platform_fee_cents"),
				rs.getLong("celebrity_payout_cents"), rs.getString("occasion"), rs.getString("special_requests"),
				rs.getString("fan_notes"), rs.getString("status"), instant(rs, "hold_expires_at"),
				rs.getObject("payment_id", UUID.class), rs.getString("payment_intent_id"),
				rs.getString("last_payment_failure"), rs.getLong("version"), instant(rs, "created_at"),
				nullableInstant(rs, "confirmed_at"), nullableInstant(rs, "expired_at"),
				nullableInstant(rs, "canceled_at"), JSON.readValue(rs.getString("refund_policy"), RefundPolicy.class),
				rs.getInt("reschedule_count"), nullableInstant(rs, "checked_in_at"), nullableInstant(rs, "completed_at"),
				rs.getString("completed_by"), nullableInstant(rs, "disputed_at"), rs.getString("canceled_by"),
				rs.getString("cancel_reason"), rs.getObject("refund_percent", Integer.class),
				rs.getObject("credit_grant_cents", Long.class), rs.getObject("credit_applied_cents", Long.class),
				rs.getObject("amount_due_cents", Long.class));
	}

	/** Reads the frozen policy (a plain record: a default mapper reads it like the service's would). */
	private static final JsonMapper JSON = new JsonMapper();

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getTimestamp(column).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		var value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}
}

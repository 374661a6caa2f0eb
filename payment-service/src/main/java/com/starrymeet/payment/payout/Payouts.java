package com.starrymeet.payment.payout;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One payout per booking ({@code booking_id} UNIQUE): the celebrity's share of what the platform keeps, with the
 * figures it comes from — paid (card + credit), card refunds, credit returned, the platform's fee — such that
 * {@code amount + fee + card refunds + credit returned = paid} (a CHECK). Created when the meeting completed or a late
 * cancellation left money with the platform; recomputed while not sent when a refund changes what is kept; held by a
 * dispute or a chargeback ({@code payout_hold}) until an admin settles it; sent by {@link PayoutSender}.
 * The decisions are taken in the caller's transaction (a booking event's consumer, an admin action).
 */
@Service
public class Payouts {

	/** The platform's share of what it keeps, in percent (85 % goes to the celebrity). */
	public static final int PLATFORM_FEE_PERCENT = 15;

	/** What a payout is for: the booking, its celebrity, the charge a transfer can be tied to. */
	public record Subject(UUID bookingId, String bookingNumber, UUID celebrityId, @Nullable UUID celebrityUserId,
			LocalDate meetingDate, Instant meetingStartsAt, String currency, @Nullable String chargeId) {
	}

	/**
	 * What the fan paid and what went back.
	 * @param cardRemaining what is left of the card charge (captured − card refunds): a transfer tied to the
	 *     charge cannot exceed it
	 */
	public record Figures(long paid, long cardRefunded, long creditReturned, long fee, long cardRemaining) {

		public long kept() {
			return paid - cardRefunded - creditReturned;
		}

		public long amount() {
			return kept() - fee;
		}

		/** The figures with the platform fee taken from what is kept (round half up). */
		public static Figures of(long paid, long cardRefunded, long creditReturned, long cardRemaining) {
			long kept = Math.max(0, paid - cardRefunded - creditReturned);
			return new Figures(paid, cardRefunded, creditReturned, Payouts.fee(kept), cardRemaining);
		}
	}

	public record Payout(UUID id, UUID bookingId, String bookingNumber, UUID celebrityId, @Nullable UUID celebrityUserId,
			LocalDate meetingDate, String currency, long paidCents, long cardRefundedCents, long creditReturnedCents,
			long feeCents, long amountCents, String basis, String status, boolean held, Instant eligibleAt,
			@Nullable String destinationAccount, @Nullable String stripeTransferId, long reversedCents,
			@Nullable Instant sentAt, Instant createdAt) {
	}

	private static final String ACTIVE_HOLD = """
			EXISTS (SELECT 1 FROM payout_hold h WHERE h.booking_id = p.booking_id AND h.released_at IS NULL)""";

	private final JdbcClient jdbc;

	private final Clock clock = Clock.systemUTC();

	Payouts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** round_half_up(kept × 15 %), integer cents. */
	public static long fee(long kept) {
		return (kept * PLATFORM_FEE_PERCENT + 50) / 100;
	}

	/**
	 * Records the booking's payout unless it has one (the first decision stands; a redelivered event is nothing).
	 * Nothing when there is nothing to pay.
	 * @return whether a payout was recorded
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean create(Subject subject, Figures figures, String basis, Instant eligibleAt) {
		if (figures.amount() <= 0) {
			return false;
		}
		return jdbc.sql("""
				INSERT INTO payout (id, booking_id, booking_number, celebrity_id, celebrity_user_id, meeting_date,
				    meeting_starts_at, currency, paid_cents, card_refunded_cents, credit_returned_cents, fee_cents,
				    amount_cents, source_charge_id, card_remaining_cents, basis, status, eligible_at)
				VALUES (:id, :booking, :number, :celebrity, :celebrityUser, :date, :startsAt, :currency, :paid, :refunded,
				    :returned, :fee, :amount, :charge, :remaining, :basis, 'pending', :eligible)
				ON CONFLICT (booking_id) DO NOTHING""")
			.param("id", UUID.randomUUID())
			.param("booking", subject.bookingId())
			.param("number", subject.bookingNumber())
			.param("celebrity", subject.celebrityId())
			.param("celebrityUser", subject.celebrityUserId())
			.param("date", subject.meetingDate())
			.param("startsAt", Timestamp.from(subject.meetingStartsAt()))
			.param("currency", subject.currency())
			.param("paid", figures.paid())
			.param("refunded", figures.cardRefunded())
			.param("returned", figures.creditReturned())
			.param("fee", figures.fee())
			.param("amount", figures.amount())
			.param("charge", subject.chargeId())
			.param("remaining", figures.cardRemaining())
			.param("basis", basis)
			.param("eligible", Timestamp.from(eligibleAt))
			.update() == 1;
	}

	/**
	 * A refund changed what is kept: a payout not sent yet is recomputed (canceled when nothing is left to pay). A
	 * payout already sent stays as it is (that refund is the platform's).
	 * @return whether a payout was changed
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean recompute(UUID bookingId, Figures figures) {
		return jdbc.sql("""
				UPDATE payout SET paid_cents = :paid, card_refunded_cents = :refunded, credit_returned_cents = :returned,
				    fee_cents = :fee, amount_cents = :amount, card_remaining_cents = :remaining,
				    status = CASE WHEN :amount = 0 THEN 'canceled' ELSE status END, updated_at = now()
				WHERE booking_id = :b AND status IN ('pending', 'waiting_account')""")
			.param("paid", figures.paid())
			.param("refunded", figures.cardRefunded())
			.param("returned", figures.creditReturned())
			.param("fee", figures.amount() <= 0 ? figures.kept() : figures.fee())
			.param("amount", Math.max(0, figures.amount()))
			.param("remaining", figures.cardRemaining())
			.param("b", bookingId)
			.update() == 1;
	}

	/** Holds the booking's payout, whether it exists yet or not (a dispute, a chargeback). */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean hold(UUID bookingId, String source, @Nullable String reason) {
		return jdbc.sql("""
				INSERT INTO payout_hold (booking_id, source, reason) VALUES (:b, :s, :r)
				ON CONFLICT (booking_id, source) DO UPDATE SET released_at = NULL, reason = EXCLUDED.reason
				WHERE payout_hold.released_at IS NOT NULL""")
			.param("b", bookingId)
			.param("s", source)
			.param("r", reason)
			.update() == 1;
	}

	/** An admin settled the booking's dispute: its holds end. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void release(UUID bookingId) {
		jdbc.sql("UPDATE payout_hold SET released_at = now() WHERE booking_id = :b AND released_at IS NULL")
			.param("b", bookingId)
			.update();
	}

	/** The payout will not be paid (a dispute settled without release); a payout already sent stays. */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean cancel(UUID bookingId) {
		return jdbc.sql("""
				UPDATE payout SET status = 'canceled', updated_at = now()
				WHERE booking_id = :b AND status IN ('pending', 'waiting_account')""")
			.param("b", bookingId)
			.update() == 1;
	}

	/**
	 * A chargeback: a transfer already sent is to be reversed in full (key {@code reversal-<payoutId>}); the
	 * reversal is sent after the caller's transaction commits ({@link PayoutSender#sendReversals()}).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean requestReversal(UUID bookingId) {
		return jdbc.sql("""
				UPDATE payout SET reversal_requested_at = coalesce(reversal_requested_at, now()), updated_at = now()
				WHERE booking_id = :b AND status = 'sent' AND reversal_requested_at IS NULL""")
			.param("b", bookingId)
			.update() == 1;
	}

	public Optional<Payout> forBooking(UUID bookingId) {
		return jdbc.sql("SELECT p.*, " + ACTIVE_HOLD + " AS held FROM payout p WHERE p.booking_id = :b")
			.param("b", bookingId)
			.query(Payouts::map)
			.optional();
	}

	/** Whether the booking's payout is held now. */
	public boolean held(UUID bookingId) {
		return jdbc.sql("SELECT count(*) FROM payout_hold WHERE booking_id = :b AND released_at IS NULL")
			.param("b", bookingId)
			.query(Long.class)
			.single() > 0;
	}

	/** The payout report: payouts by status (held ones are {@code held}) created in [from, to), newest first. */
	public List<Payout> report(@Nullable String status, Instant from, Instant to, int limit, long offset) {
		return jdbc.sql("SELECT * FROM (SELECT p.*, " + ACTIVE_HOLD + """
				 AS held FROM payout p WHERE p.created_at >= :from AND p.created_at < :to) p
				WHERE CAST(:status AS text) IS NULL OR (CASE WHEN p.held AND p.status IN ('pending', 'waiting_account')
				    THEN 'held' ELSE p.status END) = :status
				ORDER BY p.created_at DESC, p.id LIMIT :limit OFFSET :offset""")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("status", status)
			.param("limit", limit)
			.param("offset", offset)
			.query(Payouts::map)
			.list();
	}

	/**
	 * Every payout of the report's filter, streamed to {@code sink} row by row (a cursor of 500 rows in a read-only
	 * transaction), so an export of any size never sits in memory.
	 */
	@Transactional(readOnly = true)
	public void each(@Nullable String status, Instant from, Instant to, java.util.function.Consumer<Payout> sink) {
		jdbc.sql("SELECT * FROM (SELECT p.*, " + ACTIVE_HOLD + """
				 AS held FROM payout p WHERE p.created_at >= :from AND p.created_at < :to) p
				WHERE CAST(:status AS text) IS NULL OR (CASE WHEN p.held AND p.status IN ('pending', 'waiting_account')
				    THEN 'held' ELSE p.status END) = :status
				ORDER BY p.created_at, p.id""")
			.withFetchSize(500)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("status", status)
			.query((java.sql.ResultSet rs) -> sink.accept(map(rs, 0)));
	}

	/** Every payout of a celebrity account, newest meeting first. */
	public List<Payout> ofCelebrity(UUID celebrityUserId) {
		return jdbc.sql("SELECT p.*, " + ACTIVE_HOLD + """
				 AS held FROM payout p WHERE p.celebrity_user_id = :u ORDER BY p.meeting_date DESC, p.created_at DESC""")
			.param("u", celebrityUserId)
			.query(Payouts::map)
			.list();
	}

	/**
	 * Payout figures per period for finance: {@code fees} (the platform's fee of payouts created, not canceled) and
	 * {@code payouts} (sent, net of reversals, by the time sent).
	 */
	public Map<String, Map<Instant, Long>> figures(String granularity, Instant from, Instant to) {
		var fees = new LinkedHashMap<Instant, Long>();
		var sent = new LinkedHashMap<Instant, Long>();
		jdbc.sql("""
				SELECT date_trunc(:g, created_at AT TIME ZONE 'UTC') AS period, sum(fee_cents) AS cents FROM payout
				WHERE status <> 'canceled' AND created_at >= :from AND created_at < :to GROUP BY 1""")
			.param("g", granularity)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, i) -> fees.put(utc(rs.getTimestamp("period")), rs.getLong("cents")))
			.list();
		jdbc.sql("""
				SELECT date_trunc(:g, sent_at AT TIME ZONE 'UTC') AS period, sum(amount_cents - reversed_cents) AS cents
				FROM payout WHERE sent_at IS NOT NULL AND sent_at >= :from AND sent_at < :to GROUP BY 1""")
			.param("g", granularity)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, i) -> sent.put(utc(rs.getTimestamp("period")), rs.getLong("cents")))
			.list();
		return Map.of("fees", fees, "payouts", sent);
	}

	static Instant utc(Timestamp localUtc) {
		return localUtc.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
	}

	static Payout map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		var sent = rs.getTimestamp("sent_at");
		return new Payout(rs.getObject("id", UUID.class), rs.getObject("booking_id", UUID.class),
				rs.getString("booking_number"), rs.getObject("celebrity_id", UUID.class),
				rs.getObject("celebrity_user_id", UUID.class), rs.getObject("meeting_date", LocalDate.class),
				rs.getString("currency"), rs.getLong("paid_cents"), rs.getLong("card_refunded_cents"),
				rs.getLong("credit_returned_cents"), rs.getLong("fee_cents"), rs.getLong("amount_cents"),
				rs.getString("basis"), rs.getString("status"), rs.getBoolean("held"),
				rs.getTimestamp("eligible_at").toInstant(), rs.getString("destination_account"),
				rs.getString("stripe_transfer_id"), rs.getLong("reversed_cents"), sent == null ? null : sent.toInstant(),
				rs.getTimestamp("created_at").toInstant());
	}

	Instant now() {
		return Instant.now(clock);
	}
}

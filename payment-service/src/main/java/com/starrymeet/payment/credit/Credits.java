package com.starrymeet.payment.credit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.CreditGranted;
import com.starrymeet.common.web.Pagination.PageQuery;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The credit ledger. Every change is one appended entry, in the caller's transaction, made like this: the user's
 * {@code credit_balance} row is updated first ({@code balance_cents + amount}, {@code last_seq + 1}) — its row lock
 * puts a user's entries in one order, and its CHECK refuses a negative balance — then the entry is inserted with that
 * sequence number and the balance after it (CHECK {@code balance_after >= 0}, UNIQUE {@code (user_id, seq)}). Each
 * decision has an idempotency key (UNIQUE), so a decision taken twice (a redelivered event) is one entry. Grants and
 * returns publish CreditGranted (key = the entry id) through the outbox.
 */
@Service
public class Credits {

	public static final String CURRENCY = "USD";

	public static final String CELEBRITY_CANCELLATION = "CELEBRITY_CANCELLATION";

	public static final String GOODWILL = "GOODWILL";

	public static final String CANCELLATION_RETURN = "CANCELLATION_RETURN";

	public static final String HOLD_EXPIRED_RETURN = "HOLD_EXPIRED_RETURN";

	public static final String DISPUTE_RETURN = "DISPUTE_RETURN";

	public static final String BOOKING_PAYMENT = "BOOKING_PAYMENT";

	public record Entry(UUID id, UUID userId, long seq, String kind, String reason, long amountCents,
			long balanceAfterCents, String currency, @Nullable UUID bookingId, @Nullable String note,
			Instant createdAt) {
	}

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock = Clock.systemUTC();

	Credits(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	public long balance(UUID userId) {
		return jdbc.sql("SELECT balance_cents FROM credit_balance WHERE user_id = :u")
			.param("u", userId)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	/**
	 * Applies up to {@code maxCents} of the user's credit to a booking (a USE entry, key {@code use-<bookingId>}).
	 * @return the amount applied (0 when there is no credit; the same amount when asked again for this booking)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long use(UUID userId, UUID bookingId, long maxCents) {
		var key = "use-" + bookingId;
		var existing = byKey(key);
		if (existing.isPresent()) {
			return -existing.get().amountCents();
		}
		long balance = lockBalance(userId);
		long amount = Math.min(balance, maxCents);
		if (amount <= 0) {
			return 0;
		}
		return append(userId, "USE", BOOKING_PAYMENT, -amount, bookingId, null, null, key).map(e -> -e.amountCents())
			.orElse(0L);
	}

	/** Credit granted (celebrity cancellation, goodwill); nothing when {@code key} was used already. */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<Entry> grant(UUID userId, long amountCents, String reason, @Nullable UUID bookingId,
			@Nullable UUID actorId, @Nullable String note, String key) {
		if (amountCents <= 0) {
			return Optional.empty();
		}
		lockBalance(userId);
		return append(userId, "GRANT", reason, amountCents, bookingId, actorId, note, key);
	}

	/**
	 * Gives back up to {@code amountCents} of the credit used for a booking, never more than was used and not yet
	 * given back; nothing when {@code key} was used already.
	 * @return the amount given back
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long giveBack(UUID userId, UUID bookingId, long amountCents, String reason, String key) {
		if (amountCents <= 0 || byKey(key).isPresent()) {
			return 0;
		}
		lockBalance(userId);
		long returnable = usedFor(bookingId) - returnedFor(bookingId);
		long amount = Math.min(amountCents, returnable);
		if (amount <= 0) {
			return 0;
		}
		return append(userId, "RETURN", reason, amount, bookingId, null, null, key).map(Entry::amountCents).orElse(0L);
	}

	/** The credit used for a booking (positive). */
	public long usedFor(UUID bookingId) {
		return -sum(bookingId, "USE");
	}

	/** The credit given back for a booking. */
	public long returnedFor(UUID bookingId) {
		return sum(bookingId, "RETURN");
	}

	public List<Entry> forBooking(UUID bookingId) {
		return jdbc.sql("SELECT * FROM credit_entry WHERE booking_id = :b ORDER BY created_at, seq")
			.param("b", bookingId)
			.query(Credits::map)
			.list();
	}

	public long count(UUID userId) {
		return jdbc.sql("SELECT count(*) FROM credit_entry WHERE user_id = :u").param("u", userId).query(Long.class)
			.single();
	}

	/** Newest first. */
	public List<Entry> history(UUID userId, PageQuery page) {
		return jdbc.sql("SELECT * FROM credit_entry WHERE user_id = :u ORDER BY seq DESC LIMIT :l OFFSET :o")
			.param("u", userId)
			.param("l", page.limit())
			.param("o", page.offset())
			.query(Credits::map)
			.list();
	}

	/**
	 * Credit figures per period for finance: {@code granted} (GRANT entries), {@code used} (USE), {@code returned}
	 * (RETURN), {@code reversed} (REVERSAL), by the entry's time truncated to {@code granularity} (UTC).
	 */
	public Map<String, Map<Instant, Long>> figures(String granularity, Instant from, Instant to) {
		var out = new LinkedHashMap<String, Map<Instant, Long>>();
		for (var kind : List.of("GRANT", "USE", "RETURN", "REVERSAL")) {
			out.put(kind, new LinkedHashMap<>());
		}
		jdbc.sql("""
				SELECT date_trunc(:g, created_at AT TIME ZONE 'UTC') AS period, kind, sum(abs(amount_cents)) AS cents
				FROM credit_entry WHERE created_at >= :from AND created_at < :to GROUP BY 1, 2""")
			.param("g", granularity)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, i) -> out.get(rs.getString("kind"))
				.put(rs.getTimestamp("period").toLocalDateTime().toInstant(java.time.ZoneOffset.UTC), rs.getLong("cents")))
			.list();
		return out;
	}

	private long sum(UUID bookingId, String kind) {
		return jdbc.sql("SELECT coalesce(sum(amount_cents), 0) FROM credit_entry WHERE booking_id = :b AND kind = :k")
			.param("b", bookingId)
			.param("k", kind)
			.query(Long.class)
			.single();
	}

	private Optional<Entry> byKey(String key) {
		return jdbc.sql("SELECT * FROM credit_entry WHERE idempotency_key = :k").param("k", key).query(Credits::map)
			.optional();
	}

	/** Creates the balance row if needed and locks it; the balance now. */
	private long lockBalance(UUID userId) {
		jdbc.sql("INSERT INTO credit_balance (user_id, balance_cents) VALUES (:u, 0) ON CONFLICT (user_id) DO NOTHING")
			.param("u", userId)
			.update();
		return jdbc.sql("SELECT balance_cents FROM credit_balance WHERE user_id = :u FOR UPDATE")
			.param("u", userId)
			.query(Long.class)
			.single();
	}

	private Optional<Entry> append(UUID userId, String kind, String reason, long amount, @Nullable UUID bookingId,
			@Nullable UUID actorId, @Nullable String note, String key) {
		if (byKey(key).isPresent()) {
			return Optional.empty();
		}
		var now = Instant.now(clock);
		var after = jdbc.sql("""
				UPDATE credit_balance SET balance_cents = balance_cents + :a, last_seq = last_seq + 1, updated_at = :now
				WHERE user_id = :u RETURNING balance_cents, last_seq""")
			.param("a", amount)
			.param("now", Timestamp.from(now))
			.param("u", userId)
			.query((rs, i) -> new long[] { rs.getLong("balance_cents"), rs.getLong("last_seq") })
			.single();
		var entry = new Entry(UUID.randomUUID(), userId, after[1], kind, reason, amount, after[0], CURRENCY, bookingId,
				note, now);
		jdbc.sql("""
				INSERT INTO credit_entry (id, user_id, seq, kind, reason, amount_cents, balance_after, currency, booking_id,
				    actor_id, note, idempotency_key, created_at)
				VALUES (:id, :u, :seq, :kind, :reason, :amount, :after, :currency, :booking, :actor, :note, :key, :now)""")
			.param("id", entry.id())
			.param("u", userId)
			.param("seq", entry.seq())
			.param("kind", kind)
			.param("reason", reason)
			.param("amount", amount)
			.param("after", entry.balanceAfterCents())
			.param("currency", CURRENCY)
			.param("booking", bookingId)
			.param("actor", actorId)
			.param("note", note)
			.param("key", key)
			.param("now", Timestamp.from(now))
			.update();
		if (amount > 0) {
			events.publishEvent(EventEnvelope.of(CreditGranted.AGGREGATE, entry.id(), 1, new CreditGranted(entry.id(),
					userId, amount, CURRENCY, reason, bookingId, entry.balanceAfterCents(), now)));
		}
		return Optional.of(entry);
	}

	static Entry map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Entry(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getLong("seq"),
				rs.getString("kind"), rs.getString("reason"), rs.getLong("amount_cents"), rs.getLong("balance_after"),
				rs.getString("currency"), rs.getObject("booking_id", UUID.class), rs.getString("note"),
				rs.getTimestamp("created_at").toInstant());
	}
}

package com.starrymeet.booking.availability;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.starrymeet.booking.availability.Views.Blocked;
import com.starrymeet.booking.availability.Views.BlockedDateView;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ValidationFailed;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dates a celebrity is unavailable, whatever the location (windows match by their local date). The
 * {@code blocked} flag lives on the windows too, so a booking can take a slot race-free with one conditional
 * UPDATE. Every change runs through the {@link Calendar} (lock, change, publish). Who may call these is checked
 * by the caller of these methods.
 */
@Service
public class BlockedDates {

	/** The last time zone to reach a date: a date is past when it is past there too ("anywhere on Earth"). */
	static final ZoneOffset ANYWHERE_ON_EARTH = ZoneOffset.ofHours(-12);

	/** Block {@code date}, with an optional reason the owner sees (never public). */
	public record BlockDate(LocalDate date, @Nullable String reason) {
	}

	private final JdbcClient jdbc;

	private final Calendar calendar;

	private final Clock clock;

	BlockedDates(JdbcClient jdbc, Calendar calendar) {
		this.jdbc = jdbc;
		this.calendar = calendar;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Blocks a date for all locations: its windows stop being offered. 400 for a date past everywhere; 409
	 * {@code DATE_HAS_BOOKINGS} if a window that day is booked. Blocking a blocked date replaces its reason.
	 */
	@Transactional
	public Blocked block(UUID celebrityId, BlockDate command) {
		var date = command.date();
		if (date.isBefore(LocalDate.now(clock.withZone(ANYWHERE_ON_EARTH)))) {
			throw ValidationFailed.of("date", "is in the past");
		}
		return calendar.change(celebrityId, () -> {
			// flag first: the UPDATE locks the day's windows, so no booking can land on them until this commits
			jdbc.sql("UPDATE time_window SET blocked = true, updated_at = now() WHERE celebrity_id = :c AND date = :d")
				.param("c", celebrityId)
				.param("d", date)
				.update();
			long booked = jdbc.sql("SELECT count(*) FROM time_window WHERE celebrity_id = :c AND date = :d AND booked > 0")
				.param("c", celebrityId)
				.param("d", date)
				.query(Long.class)
				.single();
			if (booked > 0) {
				throw ApiException.conflict("DATE_HAS_BOOKINGS", "Windows on " + date + " have bookings");
			}
			var created = jdbc.sql("""
					INSERT INTO blocked_date (celebrity_id, date, reason) VALUES (:c, :d, :reason)
					ON CONFLICT (celebrity_id, date) DO UPDATE SET reason = excluded.reason
					RETURNING (xmax = 0) AS created""")
				.param("c", celebrityId)
				.param("d", date)
				.param("reason", command.reason(), java.sql.Types.VARCHAR)
				.query(Boolean.class)
				.single();
			return new Blocked(blockedDate(celebrityId, date), created);
		});
	}

	/** Unblocks a date; 404 if it is not blocked. */
	@Transactional
	public void unblock(UUID celebrityId, LocalDate date) {
		calendar.change(celebrityId, () -> {
			int deleted = jdbc.sql("DELETE FROM blocked_date WHERE celebrity_id = :c AND date = :d")
				.param("c", celebrityId)
				.param("d", date)
				.update();
			if (deleted == 0) {
				throw ApiException.notFound("Blocked date " + date);
			}
			jdbc.sql("UPDATE time_window SET blocked = false, updated_at = now() WHERE celebrity_id = :c AND date = :d")
				.param("c", celebrityId)
				.param("d", date)
				.update();
		});
	}

	@Transactional(readOnly = true)
	public List<BlockedDateView> list(UUID celebrityId) {
		return jdbc.sql("SELECT date, reason, created_at FROM blocked_date WHERE celebrity_id = :c ORDER BY date")
			.param("c", celebrityId)
			.query((rs, n) -> new BlockedDateView(rs.getObject("date", LocalDate.class), rs.getString("reason"),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	private BlockedDateView blockedDate(UUID celebrityId, LocalDate date) {
		return jdbc.sql("SELECT date, reason, created_at FROM blocked_date WHERE celebrity_id = :c AND date = :d")
			.param("c", celebrityId)
			.param("d", date)
			.query((rs, n) -> new BlockedDateView(rs.getObject("date", LocalDate.class), rs.getString("reason"),
					rs.getTimestamp("created_at").toInstant()))
			.single();
	}
}

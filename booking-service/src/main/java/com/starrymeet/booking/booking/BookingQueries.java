package com.starrymeet.booking.booking;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.starrymeet.booking.celebrity.CelebrityReplica;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.ValidationFailed;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading bookings, with the object-level rule: a booking is visible to the fan who made it, to the celebrity's
 * account (the one frozen into the booking, or the one managing the profile now) and to admins; to anyone else it
 * does not exist (404).
 */
@Service
public class BookingQueries {

	/** The fan's lists. */
	public enum FanFilter {

		/** pending or confirmed, not ended yet (soonest first) */
		UPCOMING("status IN ('pending', 'confirmed') AND ends_at > now()", "starts_at, id"),
		/** met: completed or disputed, or confirmed and ended (latest first) */
		PAST("(status IN ('completed', 'disputed') OR (status = 'confirmed' AND ends_at <= now()))", "starts_at DESC, id"),
		/** canceled, or expired unpaid (latest first) */
		CANCELED("status IN ('canceled', 'expired')", "updated_at DESC, id"),
		/** everything */
		ALL("true", "starts_at DESC, id");

		final String where;

		final String order;

		FanFilter(String where, String order) {
			this.where = where;
			this.order = order;
		}

		/** {@code upcoming|past|canceled}, or everything when absent; 400 naming {@code status} otherwise. */
		public static FanFilter of(@Nullable String status) {
			if (status == null) {
				return ALL;
			}
			return switch (status.strip().toLowerCase(Locale.ROOT)) {
				case "upcoming" -> UPCOMING;
				case "past" -> PAST;
				case "canceled" -> CANCELED;
				default -> throw ValidationFailed.of("status", "must be one of upcoming, past, canceled");
			};
		}
	}

	/** The booking states a celebrity can filter by. */
	public static final List<String> STATES = List.of(Booking.PENDING, Booking.CONFIRMED, Booking.EXPIRED,
			Booking.CANCELED, Booking.COMPLETED, Booking.DISPUTED);

	public record Page(List<BookingView> items, Pagination pagination) {
	}

	private final JdbcClient jdbc;

	private final BookingRows rows;

	private final CelebrityReplica celebrities;

	BookingQueries(JdbcClient jdbc, BookingRows rows, CelebrityReplica celebrities) {
		this.jdbc = jdbc;
		this.rows = rows;
		this.celebrities = celebrities;
	}

	/** The booking if {@code userId} may see it (admins see all); 404 otherwise. */
	@Transactional(readOnly = true)
	public BookingView get(UUID bookingId, UUID userId, boolean admin) {
		return rows.find(bookingId)
			.filter(b -> admin || userId.equals(b.fanId()) || userId.equals(b.celebrityUserId())
					|| celebrities.find(b.celebrityId()).map(c -> c.managedBy(userId)).orElse(false))
			.map(b -> BookingView.of(b, null))
			.orElseThrow(() -> ApiException.notFound("Booking " + bookingId));
	}

	/** For service-to-service reads (payment-service): no caller rule, the route is internal. */
	@Transactional(readOnly = true)
	public Optional<Booking> find(UUID bookingId) {
		return rows.find(bookingId);
	}

	@Transactional(readOnly = true)
	public Page fanBookings(UUID fanId, FanFilter filter, Pagination.PageQuery page) {
		var params = new HashMap<String, Object>();
		params.put("fan", fanId);
		return page("fan_id = :fan AND " + filter.where, filter.order, params, page);
	}

	/**
	 * The bookings of the celebrities {@code userId} manages (or that name it as their account), optionally only
	 * those of a state and meeting dates (local) in {@code [from, to]}; soonest first.
	 */
	@Transactional(readOnly = true)
	public Page celebrityBookings(UUID userId, @Nullable LocalDate from, @Nullable LocalDate to, @Nullable String status,
			Pagination.PageQuery page) {
		if (status != null && !STATES.contains(status)) {
			throw ValidationFailed.of("status", "must be one of " + String.join(", ", STATES));
		}
		if (from != null && to != null && to.isBefore(from)) {
			throw ValidationFailed.of("to", "must not be before from");
		}
		var managed = celebrities.managedBy(userId);
		var params = new HashMap<String, Object>();
		params.put("user", userId);
		var where = new StringBuilder(managed.isEmpty() ? "celebrity_user_id = :user"
				: "(celebrity_user_id = :user OR celebrity_id IN (:managed))");
		if (!managed.isEmpty()) {
			params.put("managed", managed);
		}
		if (status != null) {
			where.append(" AND status = :status");
			params.put("status", status);
		}
		if (from != null) {
			where.append(" AND date >= :from");
			params.put("from", from);
		}
		if (to != null) {
			where.append(" AND date <= :to");
			params.put("to", to);
		}
		return page(where.toString(), "starts_at, id", params, page);
	}

	private Page page(String where, String order, java.util.Map<String, Object> params, Pagination.PageQuery page) {
		long total = jdbc.sql("SELECT count(*) FROM booking WHERE " + where).params(params).query(Long.class).single();
		var items = jdbc.sql("SELECT " + BookingRows.COLUMNS + " FROM booking WHERE " + where + " ORDER BY " + order
				+ " LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", page.limit())
			.param("offset", page.offset())
			.query((rs, n) -> BookingView.of(BookingRows.booking(rs), null))
			.list();
		return new Page(items, Pagination.of(page, total));
	}
}

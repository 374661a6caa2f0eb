package com.starrymeet.celebrity.profile;

import java.util.UUID;

import com.starrymeet.common.web.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The authoritative price of a meeting type at this moment, for booking-service, which freezes it into a booking.
 * Read from the tables (never from a cache), so a price change is in force for the very next booking.
 */
@Service
public class MeetingTypePrices {

	/**
	 * A meeting type of a celebrity as a booking needs it.
	 *
	 * @param bookable the celebrity is public (active and verified); only then can it be booked
	 * @param active the meeting type is offered
	 */
	@Schema(name = "BookableMeetingType")
	public record BookableMeetingType(UUID celebrityId, String celebrityName, @Nullable UUID celebrityUserId,
			boolean bookable, UUID meetingTypeId, String name, int durationMinutes, long priceCents, String currency,
			boolean active) {
	}

	private final JdbcClient jdbc;

	MeetingTypePrices(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** 404 when the celebrity or the meeting type is unknown, or the meeting type is not this celebrity's. */
	@Transactional(readOnly = true)
	public BookableMeetingType find(UUID celebrityId, UUID meetingTypeId) {
		return jdbc.sql("""
				SELECT c.id AS celebrity_id, c.display_name, c.user_id, c.active AND c.verified AS bookable,
				       m.id AS meeting_type_id, m.name, m.duration_minutes, m.price_cents, m.currency, m.active
				FROM meeting_type m JOIN celebrity c ON c.id = m.celebrity_id
				WHERE m.id = :m AND c.id = :c""")
			.param("m", meetingTypeId)
			.param("c", celebrityId)
			.query((rs, n) -> new BookableMeetingType(rs.getObject("celebrity_id", UUID.class),
					rs.getString("display_name"), rs.getObject("user_id", UUID.class), rs.getBoolean("bookable"),
					rs.getObject("meeting_type_id", UUID.class), rs.getString("name"), rs.getInt("duration_minutes"),
					rs.getLong("price_cents"), rs.getString("currency").strip(), rs.getBoolean("active")))
			.optional()
			.orElseThrow(() -> ApiException.notFound("Meeting type " + meetingTypeId + " of celebrity " + celebrityId));
	}
}

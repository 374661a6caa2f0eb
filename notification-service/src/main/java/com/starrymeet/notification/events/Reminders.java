package com.starrymeet.notification.events;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import com.starrymeet.notification.NotificationType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminders 24 hours and 1 hour before a confirmed meeting, computed on the meeting's instant (so across a
 * daylight-saving change the 24-hour reminder is exactly 24 hours before, at another local hour). Durable rows,
 * sent by whichever instance claims them first ({@code FOR UPDATE SKIP LOCKED}); moved when the booking is
 * rescheduled, dropped when it is canceled or expires; a reminder whose instant has passed when it is scheduled is
 * not created, and one found due after its meeting started is dropped, never sent.
 */
@Component
class Reminders {

	private static final Logger log = LoggerFactory.getLogger(Reminders.class);

	enum Kind {

		H24("24H", Duration.ofHours(24), NotificationType.REMINDER_24H),
		H1("1H", Duration.ofHours(1), NotificationType.REMINDER_1H);

		final String code;

		final Duration before;

		final NotificationType type;

		Kind(String code, Duration before, NotificationType type) {
			this.code = code;
			this.before = before;
			this.type = type;
		}
	}

	private record Due(UUID bookingId, String kind, Instant startsAt, String bookingNumber, UUID fanId,
			@Nullable UUID celebrityUserId, String celebrityName, String meetingTypeName, String timeZone, String city,
			String country) {
	}

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Notifier notifier;

	Reminders(JdbcClient jdbc, TransactionTemplate transactions, Notifier notifier) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.notifier = notifier;
	}

	/** (Re)schedules both reminders for a meeting at {@code startsAt}, as decided by the event of {@code version}. */
	void schedule(UUID bookingId, Instant startsAt, long version) {
		var now = Instant.now();
		for (var kind : Kind.values()) {
			var due = startsAt.minus(kind.before);
			if (due.isAfter(now)) {
				jdbc.sql("""
						INSERT INTO reminder (booking_id, kind, starts_at, due_at, status, version)
						VALUES (:booking, :kind, :startsAt, :due, 'pending', :version)
						ON CONFLICT (booking_id, kind) DO UPDATE SET starts_at = excluded.starts_at,
						    due_at = excluded.due_at, status = 'pending', sent_at = NULL, version = excluded.version
						WHERE reminder.version < excluded.version AND reminder.starts_at <> excluded.starts_at""")
					.param("booking", bookingId)
					.param("kind", kind.code)
					.param("startsAt", Timestamp.from(startsAt))
					.param("due", Timestamp.from(due))
					.param("version", version)
					.update();
			}
			else {
				drop(bookingId, kind, version);
			}
		}
	}

	/** Drops both reminders (canceled, expired). */
	void drop(UUID bookingId, long version) {
		for (var kind : Kind.values()) {
			drop(bookingId, kind, version);
		}
	}

	private void drop(UUID bookingId, Kind kind, long version) {
		jdbc.sql("""
				UPDATE reminder SET status = 'dropped', sent_at = NULL, version = :version
				WHERE booking_id = :booking AND kind = :kind AND status = 'pending' AND version < :version""")
			.param("booking", bookingId)
			.param("kind", kind.code)
			.param("version", version)
			.update();
	}

	@Scheduled(fixedDelayString = "${starrymeet.notification.delivery.poll-interval}")
	void sendDue() {
		try {
			while (Boolean.TRUE.equals(transactions.execute(status -> sendBatch()))) {
				// next batch
			}
		}
		catch (RuntimeException ex) {
			log.warn("Sending due reminders stopped: {}", ex.toString());
		}
	}

	/** @return whether a full batch was handled (there may be more) */
	private boolean sendBatch() {
		List<Due> due = jdbc.sql("""
				SELECT r.booking_id, r.kind, r.starts_at, b.booking_number, b.fan_id, b.celebrity_user_id,
				       b.celebrity_name, b.meeting_type_name, b.time_zone, b.city, b.country
				FROM reminder r JOIN booking_replica b ON b.booking_id = r.booking_id
				WHERE r.status = 'pending' AND r.due_at <= now()
				ORDER BY r.due_at LIMIT 50 FOR UPDATE OF r SKIP LOCKED""").query(Due.class).list();
		var now = Instant.now();
		for (var reminder : due) {
			if (!reminder.startsAt().isAfter(now)) {
				jdbc.sql("UPDATE reminder SET status = 'dropped' WHERE booking_id = :b AND kind = :k")
					.param("b", reminder.bookingId())
					.param("k", reminder.kind())
					.update();
				continue;
			}
			send(reminder);
			jdbc.sql("UPDATE reminder SET status = 'sent', sent_at = now() WHERE booking_id = :b AND kind = :k")
				.param("b", reminder.bookingId())
				.param("k", reminder.kind())
				.update();
		}
		return due.size() == 50;
	}

	private void send(Due reminder) {
		var kind = "24H".equals(reminder.kind()) ? Kind.H24 : Kind.H1;
		// the same reminder of the same meeting instant is one cause: never two e-mails for it
		var causeId = UUID.nameUUIDFromBytes(("reminder:" + reminder.bookingId() + ":" + reminder.kind() + ":"
				+ reminder.startsAt()).getBytes(StandardCharsets.UTF_8));
		var when = Formats.venueTime(reminder.startsAt(), reminder.timeZone());
		var model = new HashMap<String, Object>();
		model.put("bookingNumber", reminder.bookingNumber());
		model.put("celebrityName", reminder.celebrityName());
		model.put("meetingType", reminder.meetingTypeName());
		model.put("when", when);
		model.put("city", reminder.city());
		model.put("country", reminder.country());
		var title = kind == Kind.H24 ? "Tomorrow: " + reminder.meetingTypeName() + " with " + reminder.celebrityName()
				: "In one hour: " + reminder.meetingTypeName() + " with " + reminder.celebrityName();
		if (kind == Kind.H1) {
			notifier.sms(causeId, reminder.fanId(), kind.type, model);
			if (reminder.celebrityUserId() != null) {
				notifier.sms(causeId, reminder.celebrityUserId(), kind.type, model);
			}
		}
		var fanModel = new HashMap<String, Object>(model);
		fanModel.put("bookingUrl", notifier.web() + "/bookings/" + reminder.bookingId());
		notifier.tell(causeId, Instant.now(), reminder.fanId(), kind.type, fanModel, title, when,
				notifier.web() + "/bookings/" + reminder.bookingId(), null);
		if (reminder.celebrityUserId() != null) {
			var celebrityModel = new HashMap<String, Object>(model);
			celebrityModel.put("bookingUrl", notifier.web() + "/celebrity/bookings/" + reminder.bookingId());
			notifier.tell(causeId, Instant.now(), reminder.celebrityUserId(), kind.type, celebrityModel, title, when,
					notifier.web() + "/celebrity/bookings/" + reminder.bookingId(), null);
		}
	}
}

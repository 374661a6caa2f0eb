package com.starrymeet.notification.events;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.IdempotentConsumer;
import com.starrymeet.common.events.MalformedEventException;
import com.starrymeet.common.events.Topics;
import com.starrymeet.common.events.contract.BookingCanceled;
import com.starrymeet.common.events.contract.BookingCompleted;
import com.starrymeet.common.events.contract.BookingConfirmed;
import com.starrymeet.common.events.contract.BookingDisputed;
import com.starrymeet.common.events.contract.BookingExpired;
import com.starrymeet.common.events.contract.BookingMeeting;
import com.starrymeet.common.events.contract.BookingRequested;
import com.starrymeet.common.events.contract.BookingRescheduled;
import com.starrymeet.common.events.contract.MessageSent;
import com.starrymeet.notification.NotificationType;
import com.starrymeet.notification.live.Presence;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * booking-service's events ({@link Topics#BOOKING}): the booking replica, and the booking e-mails and in-app
 * notifications — confirmed (the fan also by SMS with the booking number as confirmation code; and the reminders scheduled: {@link Reminders}) (the fan and the celebrity's account), expired hold (the fan), canceled and rescheduled
 * (both; by SMS too within 48 hours of the meeting), completed (the fan: leave a review), disputed (both), a new chat message (its recipient: e-mailed only when
 * not connected, {@link Presence}). Times in the venue's zone.
 */
@Component
class BookingEventsListener {

	static final String CONSUMER = "notification-booking-events";

	/** Changes to a meeting closer than this are sent by SMS too. */
	static final Duration LAST_MINUTE = Duration.ofHours(48);

	private final IdempotentConsumer.Dispatch dispatch;

	private final Notifier notifier;

	BookingEventsListener(IdempotentConsumer consumer, Notifier notifier, BookingReplica replica,
			Reminders reminders, Presence presence) {
		this.notifier = notifier;
		this.dispatch = consumer.dispatch(CONSUMER)
			.onEvent(BookingRequested.class, (requested, event) -> {
				require(requested.bookingId(), requested.fanId(), requested.meeting(), "BookingRequested");
				replica.apply(requested.bookingId(), requested.bookingNumber(), requested.fanId(), requested.meeting(),
						event.aggregateVersion());
			})
			.onEvent(BookingConfirmed.class, (confirmed, event) -> {
				require(confirmed.bookingId(), confirmed.fanId(), confirmed.meeting(), "BookingConfirmed");
				replica.apply(confirmed.bookingId(), confirmed.bookingNumber(), confirmed.fanId(), confirmed.meeting(),
						event.aggregateVersion());
				reminders.schedule(confirmed.bookingId(), confirmed.meeting().startsAt(), event.aggregateVersion());
				var model = meeting(confirmed.bookingId(), confirmed.bookingNumber(), confirmed.meeting());
				model.put("price", Formats.money(confirmed.price().priceCents(), confirmed.price().currency()));
				var title = "Booking " + confirmed.bookingNumber() + " confirmed";
				var when = Formats.venueTime(confirmed.meeting().startsAt(), confirmed.meeting().timeZone());
				notifier.sms(event.eventId(), confirmed.fanId(), NotificationType.BOOKING_CONFIRMED, model);
				both(event, confirmed.fanId(), confirmed.meeting().celebrityUserId(), NotificationType.BOOKING_CONFIRMED,
						model, title, confirmed.meeting().meetingTypeName() + " with " + confirmed.meeting().celebrityName()
								+ ", " + when,
						confirmed.bookingId());
			})
			.onEvent(BookingExpired.class, (expired, event) -> {
				require(expired.bookingId(), expired.fanId(), expired.meeting(), "BookingExpired");
				reminders.drop(expired.bookingId(), event.aggregateVersion());
				var model = meeting(expired.bookingId(), expired.bookingNumber(), expired.meeting());
				model.put("celebritiesUrl", notifier.web() + "/celebrities/" + expired.meeting().celebrityId());
				notifier.tell(event, expired.fanId(), NotificationType.BOOKING_EXPIRED, model,
						"Your hold on " + expired.bookingNumber() + " expired",
						"The slot with " + expired.meeting().celebrityName() + " was released: it was not paid in time.",
						link(expired.bookingId()));
			})
			.onEvent(BookingCanceled.class, (canceled, event) -> {
				require(canceled.bookingId(), canceled.fanId(), canceled.meeting(), "BookingCanceled");
				reminders.drop(canceled.bookingId(), event.aggregateVersion());
				var model = meeting(canceled.bookingId(), canceled.bookingNumber(), canceled.meeting());
				model.put("canceledBy", canceled.canceledBy().toLowerCase(java.util.Locale.ROOT));
				model.put("refundPercent", canceled.refundPercent());
				if (canceled.creditGrantCents() > 0) {
					model.put("credit", Formats.money(canceled.creditGrantCents(), canceled.price().currency()));
				}
				if (lastMinute(canceled.meeting().startsAt())) {
					smsBoth(event, canceled.fanId(), canceled.meeting().celebrityUserId(), NotificationType.BOOKING_CANCELED,
							model);
				}
				both(event, canceled.fanId(), canceled.meeting().celebrityUserId(), NotificationType.BOOKING_CANCELED,
						model, "Booking " + canceled.bookingNumber() + " canceled",
						canceled.meeting().meetingTypeName() + " with " + canceled.meeting().celebrityName()
								+ " will not take place.",
						canceled.bookingId());
			})
			.onEvent(BookingRescheduled.class, (rescheduled, event) -> {
				require(rescheduled.bookingId(), rescheduled.fanId(), rescheduled.to(), "BookingRescheduled");
				replica.apply(rescheduled.bookingId(), rescheduled.bookingNumber(), rescheduled.fanId(), rescheduled.to(),
						event.aggregateVersion());
				reminders.schedule(rescheduled.bookingId(), rescheduled.to().startsAt(), event.aggregateVersion());
				var model = meeting(rescheduled.bookingId(), rescheduled.bookingNumber(), rescheduled.to());
				model.put("previousWhen", Formats.venueTime(rescheduled.from().startsAt(), rescheduled.from().timeZone()));
				var when = Formats.venueTime(rescheduled.to().startsAt(), rescheduled.to().timeZone());
				if (lastMinute(rescheduled.from().startsAt()) || lastMinute(rescheduled.to().startsAt())) {
					smsBoth(event, rescheduled.fanId(), rescheduled.to().celebrityUserId(),
							NotificationType.BOOKING_RESCHEDULED, model);
				}
				both(event, rescheduled.fanId(), rescheduled.to().celebrityUserId(), NotificationType.BOOKING_RESCHEDULED,
						model, "Booking " + rescheduled.bookingNumber() + " moved", "Now " + when, rescheduled.bookingId());
			})
			.onEvent(BookingCompleted.class, (completed, event) -> {
				require(completed.bookingId(), completed.fanId(), completed.meeting(), "BookingCompleted");
				var model = meeting(completed.bookingId(), completed.bookingNumber(), completed.meeting());
				model.put("reviewUrl", notifier.web() + "/bookings/" + completed.bookingId() + "/review");
				notifier.tell(event, completed.fanId(), NotificationType.BOOKING_COMPLETED, model,
						"How was your meeting with " + completed.meeting().celebrityName() + "?",
						"Leave a review of " + completed.meeting().meetingTypeName() + ".",
						notifier.web() + "/bookings/" + completed.bookingId() + "/review");
			})
			.onEvent(BookingDisputed.class, (disputed, event) -> {
				require(disputed.bookingId(), disputed.fanId(), disputed.meeting(), "BookingDisputed");
				var model = meeting(disputed.bookingId(), disputed.bookingNumber(), disputed.meeting());
				model.put("reason", disputed.reason().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
				model.put("byChargeback", "CHARGEBACK".equals(disputed.openedBy()));
				both(event, disputed.fanId(), disputed.meeting().celebrityUserId(), NotificationType.BOOKING_DISPUTED,
						model, "Booking " + disputed.bookingNumber() + " is in dispute",
						"Our team is looking into it; the payout is on hold meanwhile.", disputed.bookingId());
			})
			.onEvent(MessageSent.class, (sent, event) -> {
				if (sent.bookingId() == null || sent.messageId() == null || sent.text() == null) {
					throw new MalformedEventException("MessageSent without bookingId, messageId or text", null);
				}
				if (sent.recipientId() == null) {
					return; // admins manage the celebrity: nobody to tell by e-mail
				}
				var model = new HashMap<String, Object>();
				model.put("bookingNumber", sent.bookingNumber());
				model.put("senderRole", sent.senderRole().toLowerCase(java.util.Locale.ROOT));
				model.put("text", sent.text());
				model.put("chatUrl", notifier.web() + "/bookings/" + sent.bookingId() + "/messages");
				var preview = sent.text().length() > 140 ? sent.text().substring(0, 140) + "…" : sent.text();
				var title = "New message about " + sent.bookingNumber();
				var chat = notifier.web() + "/bookings/" + sent.bookingId() + "/messages";
				if (presence.online(sent.recipientId())) {
					// connected: the message reaches them over the socket; an e-mail too would be noise
					notifier.inApp(event, sent.recipientId(), NotificationType.NEW_MESSAGE, title, preview, chat);
				}
				else {
					notifier.tell(event, sent.recipientId(), NotificationType.NEW_MESSAGE, model, title, preview, chat);
				}
			});
	}

	private void both(EventEnvelope<JsonNode> event, UUID fanId, @Nullable UUID celebrityUserId, NotificationType type,
			Map<String, Object> model, String title, String body, UUID bookingId) {
		// the confirmation carries booking-service's calendar.ics ("Add to calendar")
		var attachment = type == NotificationType.BOOKING_CONFIRMED ? "calendar:" + bookingId : null;
		var forFan = new HashMap<String, Object>(model);
		forFan.put("forFan", true);
		notifier.tell(event, fanId, type, forFan, title, body, link(bookingId), attachment);
		if (celebrityUserId != null) {
			var forCelebrity = new HashMap<String, Object>(model);
			forCelebrity.put("forCelebrity", true);
			forCelebrity.put("bookingUrl", notifier.web() + "/celebrity/bookings/" + bookingId);
			notifier.tell(event, celebrityUserId, type, forCelebrity, title, body,
					notifier.web() + "/celebrity/bookings/" + bookingId, attachment);
		}
	}

	/** A change to a meeting that starts within 48 hours also goes out by SMS. */
	private static boolean lastMinute(Instant startsAt) {
		return startsAt.isBefore(Instant.now().plus(LAST_MINUTE));
	}

	private void smsBoth(EventEnvelope<JsonNode> event, UUID fanId, @Nullable UUID celebrityUserId,
			NotificationType type, Map<String, Object> model) {
		notifier.sms(event.eventId(), fanId, type, model);
		if (celebrityUserId != null) {
			notifier.sms(event.eventId(), celebrityUserId, type, model);
		}
	}

	private String link(UUID bookingId) {
		return notifier.web() + "/bookings/" + bookingId;
	}

	private HashMap<String, Object> meeting(UUID bookingId, String number, BookingMeeting meeting) {
		var model = new HashMap<String, Object>();
		model.put("bookingNumber", number);
		model.put("celebrityName", meeting.celebrityName());
		model.put("meetingType", meeting.meetingTypeName());
		model.put("durationMinutes", meeting.durationMinutes());
		model.put("when", Formats.venueTime(meeting.startsAt(), meeting.timeZone()));
		model.put("city", meeting.city());
		model.put("country", meeting.country());
		model.put("bookingUrl", link(bookingId));
		return model;
	}

	private static void require(@Nullable UUID bookingId, @Nullable UUID fanId, @Nullable BookingMeeting meeting,
			String type) {
		if (bookingId == null || fanId == null || meeting == null || meeting.startsAt() == null
				|| meeting.timeZone() == null) {
			throw new MalformedEventException(type + " without bookingId, fanId or meeting", null);
		}
	}

	@KafkaListener(topics = Topics.BOOKING, groupId = "${spring.application.name}")
	void on(ConsumerRecord<String, ?> record) {
		dispatch.handle(record);
	}
}

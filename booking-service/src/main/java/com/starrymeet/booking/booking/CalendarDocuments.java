package com.starrymeet.booking.booking;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Add to calendar": a booking as an iCalendar (RFC 5545) VEVENT, written by hand — no library is kept for it.
 * <ul>
 * <li>{@code UID} = {@code <bookingId>@starrymeet}, the same for the booking's whole life; {@code SEQUENCE} = its
 * reschedule count, + 1 once canceled, so a calendar that imported it replaces the older copy;
 * {@code STATUS:CONFIRMED} or {@code CANCELLED}.</li>
 * <li>{@code DTSTART;TZID=<venue zone>} / {@code DTEND} in the venue's local time, with that zone's
 * {@code VTIMEZONE} built from java.time's {@link java.time.zone.ZoneRules}: one STANDARD or DAYLIGHT component per
 * offset transition from the one in force a year before the meeting to a year after it (explicit onsets, no
 * RRULE, so it is exactly what the JDK's tz database says); a zone without transitions gets one STANDARD.</li>
 * <li>Text values escape {@code \ ; ,} and newlines; lines end in CRLF and are folded at 75 octets (never inside a
 * UTF-8 sequence).</li>
 * </ul>
 * Only a booking that was confirmed has one (409 {@code NOT_CONFIRMED} otherwise).
 */
@Service
public class CalendarDocuments {

	static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

	static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

	private final BookingAccess access;

	private final BookingQueries queries;

	CalendarDocuments(BookingAccess access, BookingQueries queries) {
		this.access = access;
		this.queries = queries;
	}

	/** For the booking's fan, the celebrity's account or an admin; anyone else 404. */
	@Transactional(readOnly = true)
	public String forCaller(UUID bookingId, Caller caller) {
		return render(access.read(bookingId, caller).booking());
	}

	/** For notification-service (internal route, no token). */
	@Transactional(readOnly = true)
	public String forService(UUID bookingId) {
		return render(queries.find(bookingId).orElseThrow(() -> ApiException.notFound("Booking " + bookingId)));
	}

	static String render(Booking booking) {
		if (booking.confirmedAt() == null) {
			throw ApiException.conflict("NOT_CONFIRMED", "Only a confirmed booking has a calendar event");
		}
		boolean canceled = Booking.CANCELED.equals(booking.status());
		var zone = ZoneId.of(booking.timeZone());
		var lines = new ArrayList<String>();
		lines.add("BEGIN:VCALENDAR");
		lines.add("VERSION:2.0");
		lines.add("PRODID:-//StarryMeet//Booking calendar//EN");
		lines.add("CALSCALE:GREGORIAN");
		// PUBLISH even when canceled: iTIP's CANCEL needs ORGANIZER and ATTENDEEs; STATUS:CANCELLED with a higher
		// SEQUENCE is what a calendar that imported the event applies
		lines.add("METHOD:PUBLISH");
		lines.addAll(vtimezone(zone, booking.startsAt()));
		lines.add("BEGIN:VEVENT");
		lines.add("UID:" + booking.id() + "@starrymeet");
		lines.add("SEQUENCE:" + (booking.rescheduleCount() + (canceled ? 1 : 0)));
		lines.add("DTSTAMP:" + UTC.format(booking.canceledAt() != null ? booking.canceledAt() : Instant.now()));
		lines.add("DTSTART;TZID=" + zone.getId() + ":" + LOCAL.format(LocalDateTime.ofInstant(booking.startsAt(), zone)));
		lines.add("DTEND;TZID=" + zone.getId() + ":" + LOCAL.format(LocalDateTime.ofInstant(booking.endsAt(), zone)));
		lines.add("SUMMARY:" + text(booking.meetingTypeName() + " with " + booking.celebrityName()));
		lines.add("LOCATION:" + text(booking.city() + ", " + booking.country()));
		var description = new StringBuilder("Booking " + booking.bookingNumber() + "\n" + booking.meetingTypeName() + ", "
				+ booking.durationMinutes() + " minutes\nTime zone: " + zone.getId());
		if (booking.specialRequests() != null) {
			description.append("\nSpecial requests: ").append(booking.specialRequests());
		}
		lines.add("DESCRIPTION:" + text(description.toString()));
		lines.add("STATUS:" + (canceled ? "CANCELLED" : "CONFIRMED"));
		lines.add("TRANSP:OPAQUE");
		lines.add("END:VEVENT");
		lines.add("END:VCALENDAR");
		var out = new StringBuilder();
		for (var line : lines) {
			out.append(fold(line));
		}
		return out.toString();
	}

	/** The zone's transitions from the one in force a year before the meeting up to a year after it. */
	static List<String> vtimezone(ZoneId zone, Instant meeting) {
		var rules = zone.getRules();
		var lines = new ArrayList<String>();
		lines.add("BEGIN:VTIMEZONE");
		lines.add("TZID:" + zone.getId());
		var from = meeting.minus(Duration.ofDays(366));
		var until = meeting.plus(Duration.ofDays(366));
		var transitions = new ArrayList<ZoneOffsetTransition>();
		var first = rules.previousTransition(from.plusSeconds(1));
		if (first != null) {
			transitions.add(first);
		}
		var next = rules.nextTransition(from);
		while (next != null && !next.getInstant().isAfter(until)) {
			if (first == null || !next.equals(first)) {
				transitions.add(next);
			}
			next = rules.nextTransition(next.getInstant());
		}
		if (transitions.isEmpty()) {
			var offset = rules.getOffset(meeting);
			lines.add("BEGIN:STANDARD");
			lines.add("DTSTART:19700101T000000");
			lines.add("TZOFFSETFROM:" + offset(offset));
			lines.add("TZOFFSETTO:" + offset(offset));
			lines.add("END:STANDARD");
		}
		for (var t : transitions) {
			var kind = rules.isDaylightSavings(t.getInstant()) ? "DAYLIGHT" : "STANDARD";
			lines.add("BEGIN:" + kind);
			lines.add("DTSTART:" + LOCAL.format(t.getDateTimeBefore()));
			lines.add("TZOFFSETFROM:" + offset(t.getOffsetBefore()));
			lines.add("TZOFFSETTO:" + offset(t.getOffsetAfter()));
			lines.add("END:" + kind);
		}
		lines.add("END:VTIMEZONE");
		return lines;
	}

	/** {@code +HHMM} or {@code +HHMMSS} (RFC 5545 UTC-OFFSET). */
	static String offset(ZoneOffset offset) {
		int total = offset.getTotalSeconds();
		var sign = total < 0 ? "-" : "+";
		total = Math.abs(total);
		var hhmm = "%s%02d%02d".formatted(sign, total / 3600, (total / 60) % 60);
		return total % 60 == 0 ? hhmm : hhmm + "%02d".formatted(total % 60);
	}

	/** RFC 5545 TEXT: backslash, semicolon, comma and newlines escaped. */
	static String text(String value) {
		return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
			.replace("\n", "\\n").replace("\r", "\\n");
	}

	/**
	 * One content line, folded: at most 75 octets per physical line (continuations start with a space, which
	 * counts), never splitting a UTF-8 sequence, each ending in CRLF.
	 */
	static String fold(String line) {
		var out = new StringBuilder();
		int octets = 0;
		int max = 75;
		for (int i = 0; i < line.length();) {
			int cp = line.codePointAt(i);
			int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
			if (octets + size > max) {
				out.append("\r\n ");
				octets = 1;
			}
			out.appendCodePoint(cp);
			octets += size;
			i += Character.charCount(cp);
		}
		return out.append("\r\n").toString();
	}
}

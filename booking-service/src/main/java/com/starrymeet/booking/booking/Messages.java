package com.starrymeet.booking.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.starrymeet.booking.celebrity.CelebrityReplica;
import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.MessageSent;
import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ValidationFailed;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A booking's chat between its fan and the celebrity's account; admins read it. Anyone else: 404 (the booking rule
 * of {@link BookingAccess}).
 * <p>
 * <b>Open</b> for new messages from the booking's confirmation until {@link ChatSettings#openAfterMeeting()} after
 * the meeting's end (confirmed, completed or disputed; 409 {@code CHAT_CLOSED} otherwise). The history stays
 * readable. Times are the database's {@code now()} (instants), so tests move them in SQL.
 * <p>
 * <b>Numbering</b>: each message gets the next number of its booking, 1, 2, 3... without gaps, from the chat counter
 * row ({@code booking_chat}: an upsert that row-locks it until the transaction ends; a rollback returns the number).
 * The booking row is not locked and its version not bumped: a message is not a change of the booking.
 * MessageSent goes through the outbox (aggregate "booking", key = booking id) with {@code aggregateVersion} = that
 * number, in the message's transaction.
 * <p>
 * <b>Rate limit</b>: at most {@link ChatSettings#rateLimit()} messages per sender within
 * {@link ChatSettings#rateWindow()}, counted in the table after the sender's advisory lock (so two posts at once
 * cannot both see one below the limit). Lock order: the sender's advisory lock, then the chat counter; neither is
 * taken by any other transaction of this service, so no cycle with the booking locks can form.
 */
@Service
public class Messages {

	/** How the chat shows a message. {@code readAt}: when the other side read it. */
	public record Message(UUID id, UUID bookingId, long seq, UUID senderId, String senderRole, String text,
			Instant createdAt, @Nullable Instant readAt) {
	}

	/** Newest first; {@code nextCursor} (pass it as {@code before}) is null on the last page. */
	public record MessagePage(List<Message> items, @Nullable String nextCursor) {
	}

	public record ReadReceipt(long readUpTo, int marked) {
	}

	/** 429 {@code RATE_LIMITED}: too many messages; {@code Retry-After} says when the next one is accepted. */
	public static final class RateLimited extends ApiException {

		private final long retryAfterSeconds;

		RateLimited(long retryAfterSeconds) {
			super(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", "Too many messages; try again later");
			this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
		}

		public long retryAfterSeconds() {
			return retryAfterSeconds;
		}
	}

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 100;

	private final BookingAccess access;

	private final CelebrityReplica celebrities;

	private final ApplicationEventPublisher publisher;

	private final JdbcClient jdbc;

	private final ChatSettings settings;

	Messages(BookingAccess access, CelebrityReplica celebrities, ApplicationEventPublisher publisher, JdbcClient jdbc,
			ChatSettings settings) {
		this.access = access;
		this.celebrities = celebrities;
		this.publisher = publisher;
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/** The fan or the celebrity's account posts; admins 403 (they read only), anyone else 404. */
	@Transactional
	public Message send(UUID bookingId, Caller caller, String text) {
		var party = access.read(bookingId, caller);
		if (party.party() == BookingAccess.Party.ADMIN) {
			throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "Admins read a booking's chat; they do not post");
		}
		var booking = party.booking();
		boolean open = jdbc.sql("""
				SELECT status IN ('confirmed', 'completed', 'disputed') AND confirmed_at IS NOT NULL
				       AND now() <= ends_at + make_interval(secs => :after)
				FROM booking WHERE id = :id""")
			.param("after", (double) settings.openAfterMeeting().toSeconds())
			.param("id", bookingId)
			.query(Boolean.class)
			.single();
		if (!open) {
			throw ApiException.conflict("CHAT_CLOSED",
					"The chat is open from the booking's confirmation until 7 days after the meeting");
		}
		var sender = caller.userId();
		jdbc.sql("SELECT pg_advisory_xact_lock(:ns, hashtext(:sender))")
			.param("ns", 1_104)
			.param("sender", sender.toString())
			.query((rs, n) -> 1)
			.single();
		rateLimit(sender);
		long seq = jdbc.sql("""
				INSERT INTO booking_chat (booking_id, last_seq) VALUES (:id, 1)
				ON CONFLICT (booking_id) DO UPDATE SET last_seq = booking_chat.last_seq + 1
				RETURNING last_seq""")
			.param("id", bookingId)
			.query(Long.class)
			.single();
		var role = party.party().name();
		var message = jdbc.sql("""
				INSERT INTO booking_message (id, booking_id, seq, sender_id, sender_role, text, created_at)
				VALUES (:id, :booking, :seq, :sender, :role, :text, now())
				RETURNING *""")
			.param("id", UUID.randomUUID())
			.param("booking", bookingId)
			.param("seq", seq)
			.param("sender", sender)
			.param("role", role)
			.param("text", text)
			.query((rs, n) -> message(rs))
			.single();
		@Nullable UUID recipient = party.party() == BookingAccess.Party.FAN ? celebrityAccount(booking) : booking.fanId();
		publisher.publishEvent(EventEnvelope.of(MessageSent.AGGREGATE, bookingId, seq,
				new MessageSent(message.id(), bookingId, booking.bookingNumber(), sender, role, recipient, text,
						message.createdAt())));
		return message;
	}

	/** Newest first, {@code limit} 1..100 (default 50), before the message numbered {@code before}. */
	@Transactional(readOnly = true)
	public MessagePage list(UUID bookingId, Caller caller, @Nullable String before, @Nullable Integer limit) {
		long cursor = Long.MAX_VALUE;
		if (before != null) {
			try {
				cursor = Long.parseLong(before.strip());
			}
			catch (NumberFormatException ex) {
				throw ValidationFailed.of("before", "must be a cursor from nextCursor");
			}
			if (cursor < 1) {
				throw ValidationFailed.of("before", "must be a cursor from nextCursor");
			}
		}
		int size = limit == null ? DEFAULT_LIMIT : limit;
		if (size < 1 || size > MAX_LIMIT) {
			throw ValidationFailed.of("limit", "must be between 1 and " + MAX_LIMIT);
		}
		access.read(bookingId, caller);
		var rows = jdbc.sql("""
				SELECT * FROM booking_message WHERE booking_id = :id AND seq < :before
				ORDER BY seq DESC LIMIT :limit""")
			.param("id", bookingId)
			.param("before", cursor)
			.param("limit", size + 1)
			.query((rs, n) -> message(rs))
			.list();
		if (rows.size() > size) {
			var page = rows.subList(0, size);
			return new MessagePage(List.copyOf(page), Long.toString(page.get(size - 1).seq()));
		}
		return new MessagePage(rows, null);
	}

	/**
	 * The caller read the other side's messages up to {@code upTo} (a message of this booking, else 404): they get
	 * {@code read_at} (once; a later call does not move it). The fan or the celebrity's account; admins 403.
	 */
	@Transactional
	public ReadReceipt markRead(UUID bookingId, Caller caller, UUID upTo) {
		var party = access.read(bookingId, caller);
		if (party.party() == BookingAccess.Party.ADMIN) {
			throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "Admins do not mark messages read");
		}
		long seq = jdbc.sql("SELECT seq FROM booking_message WHERE id = :id AND booking_id = :booking")
			.param("id", upTo)
			.param("booking", bookingId)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> ApiException.notFound("Message " + upTo));
		int marked = jdbc.sql("""
				UPDATE booking_message SET read_at = now()
				WHERE booking_id = :booking AND seq <= :seq AND sender_role <> :role AND read_at IS NULL""")
			.param("booking", bookingId)
			.param("seq", seq)
			.param("role", party.party().name())
			.update();
		return new ReadReceipt(seq, marked);
	}

	private void rateLimit(UUID sender) {
		var recent = jdbc.sql("""
				SELECT count(*) AS n, min(created_at) AS oldest,
				       extract(epoch FROM (min(created_at) + make_interval(secs => :window) - now())) AS wait
				FROM booking_message WHERE sender_id = :sender AND created_at > now() - make_interval(secs => :window)""")
			.param("sender", sender)
			.param("window", (double) settings.rateWindow().toSeconds())
			.query((rs, n) -> new long[] { rs.getLong("n"), (long) Math.ceil(rs.getDouble("wait")) })
			.single();
		if (recent[0] >= settings.rateLimit()) {
			throw new RateLimited(recent[1]);
		}
	}

	private @Nullable UUID celebrityAccount(Booking booking) {
		if (booking.celebrityUserId() != null) {
			return booking.celebrityUserId();
		}
		return celebrities.find(booking.celebrityId()).map(c -> c.userId()).orElse(null);
	}

	private static Message message(java.sql.ResultSet rs) throws java.sql.SQLException {
		var read = rs.getTimestamp("read_at");
		return new Message(rs.getObject("id", UUID.class), rs.getObject("booking_id", UUID.class), rs.getLong("seq"),
				rs.getObject("sender_id", UUID.class), rs.getString("sender_role"), rs.getString("text"),
				rs.getTimestamp("created_at").toInstant(), read == null ? null : read.toInstant());
	}
}

package com.starrymeet.notification.delivery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.starrymeet.notification.NotificationSettings;
import com.starrymeet.notification.contact.Contacts;
import com.starrymeet.notification.delivery.documents.Documents;
import com.starrymeet.notification.delivery.sms.SmsSender;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.util.ByteArrayDataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the due deliveries (e-mail over SMTP, SMS through the {@link SmsSender} port), once across instances: each is claimed with {@code FOR UPDATE SKIP LOCKED} in
 * its own transaction, sent over SMTP, and marked sent in that same transaction (another instance skips a row being
 * sent). A failure counts an attempt and waits {@code initial-backoff × 2^(attempts-1)} (at most
 * {@code max-backoff}) before the next; after {@code max-attempts}, or at once when the address is not an address,
 * the delivery is dead ({@code GET /v1/admin/notifications/failures}, retryable from there). Runs every
 * {@code poll-interval} and right after a consumer recorded new deliveries ({@link #wakeUp}).
 */
@Component
class MailDispatcher {

	private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

	/** At most this many sends per run, so one run does not hold the scheduler for long. */
	private static final int BATCH = 200;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final JavaMailSender mail;

	private final Contacts contacts;

	private final NotificationSettings settings;

	private final AtomicBoolean wakeUpQueued = new AtomicBoolean();

	private final SmsSender sms;

	private final Documents documents;

	MailDispatcher(JdbcClient jdbc, TransactionTemplate transactions, JavaMailSender mail, Contacts contacts,
			NotificationSettings settings, SmsSender sms, Documents documents) {
		this.sms = sms;
		this.documents = documents;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.mail = mail;
		this.contacts = contacts;
		this.settings = settings;
	}

	private record Due(UUID id, String channel, UUID recipientId, @Nullable String toAddress,
			@Nullable String subject, String bodyText, @Nullable String bodyHtml, int attempts, String type,
			@Nullable String attachment) {
	}

	/** Sends what is due soon, on a virtual thread (after a consumer's commit); coalesces concurrent calls. */
	void wakeUp() {
		if (wakeUpQueued.compareAndSet(false, true)) {
			Thread.ofVirtual().name("mail-wake-up").start(() -> {
				wakeUpQueued.set(false);
				sendDue();
			});
		}
	}

	/** {@link #wakeUp} once the current transaction has committed (at once when there is none). */
	void wakeUpAfterCommit() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			wakeUp();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				wakeUp();
			}
		});
	}

	@Scheduled(fixedDelayString = "${starrymeet.notification.delivery.poll-interval}")
	void sendDue() {
		try {
			for (int i = 0; i < BATCH; i++) {
				if (!Boolean.TRUE.equals(transactions.execute(status -> sendOne()))) {
					return;
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Sending due e-mails stopped: {}", ex.toString());
		}
	}

	private boolean sendOne() {
		var due = jdbc.sql("""
				SELECT id, channel, recipient_id, to_address, subject, body_text, body_html, attempts, type, attachment
				FROM delivery
				WHERE status = 'pending' AND next_attempt_at <= now()
				ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED""").query(Due.class).optional();
		if (due.isEmpty()) {
			return false;
		}
		var delivery = due.get();
		if ("SMS".equals(delivery.channel())) {
			sendSms(delivery);
			return true;
		}
		var address = delivery.toAddress();
		if (address == null) {
			if (contacts.erased(delivery.recipientId())) {
				drop(delivery.id());
				return true;
			}
			address = contacts.find(delivery.recipientId()).map(Contacts.Contact::email).orElse(null);
		}
		if (address == null) {
			failed(delivery, "NO_CONTACT: no e-mail address known for the recipient yet", false);
			return true;
		}
		try {
			var message = mail.createMimeMessage();
			var helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(settings.mailFrom());
			helper.setTo(address);
			helper.setSubject(String.valueOf(delivery.subject()));
			helper.setText(delivery.bodyText(), String.valueOf(delivery.bodyHtml()));
			if (delivery.attachment() != null) {
				var stem = delivery.attachment().startsWith("calendar:") ? "booking" : "receipt";
				var document = documents.fetch(delivery.attachment(), stem);
				if (document.isPresent()) {
					helper.getRootMimeMultipart().addBodyPart(attachment(document.get()));
				}
			}
			message.setHeader("X-StarryMeet-Delivery", delivery.id().toString());
			message.setHeader("X-StarryMeet-Type", delivery.type());
			mail.send(message);
		}
		catch (AddressException | MailParseException ex) {
			failed(delivery, "BAD_ADDRESS: " + ex.getMessage(), true);
			return true;
		}
		catch (MessagingException | MailException ex) {
			failed(delivery, ex.getClass().getSimpleName() + ": " + ex.getMessage(), false);
			return true;
		}
		sent(delivery);
		return true;
	}

	/** An SMS goes to the recipient's phone (from the contact replica); without one there is nothing to send. */
	private void sendSms(Due delivery) {
		if (contacts.erased(delivery.recipientId())) {
			drop(delivery.id());
			return;
		}
		var phone = delivery.toAddress() != null ? delivery.toAddress()
				: contacts.find(delivery.recipientId()).map(Contacts.Contact::phone).orElse(null);
		if (phone == null || phone.isBlank()) {
			drop(delivery.id());
			return;
		}
		try {
			sms.send(phone, delivery.bodyText());
		}
		catch (SmsSender.SmsFailure ex) {
			failed(delivery, ex.getMessage(), ex.permanent());
			return;
		}
		sent(delivery);
	}

	private void sent(Due delivery) {
		jdbc.sql("""
				UPDATE delivery SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL,
				    subject = NULL, body_text = NULL, body_html = NULL
				WHERE id = :id""").param("id", delivery.id()).update();
		log.info("Sent {} {} {} (attempt {})", delivery.type(), delivery.channel(), delivery.id(),
				delivery.attempts() + 1);
	}

	private void failed(Due delivery, String error, boolean permanent) {
		var attempts = delivery.attempts() + 1;
		var dead = permanent || attempts >= settings.delivery().maxAttempts();
		var backoff = backoff(attempts);
		jdbc.sql("""
				UPDATE delivery SET attempts = :attempts, last_error = :error, next_attempt_at = :next,
				    status = CASE WHEN :dead THEN 'dead' ELSE 'pending' END
				WHERE id = :id""")
			.param("id", delivery.id())
			.param("attempts", attempts)
			.param("error", error.length() > 500 ? error.substring(0, 500) : error)
			.param("next", Timestamp.from(Instant.now().plus(backoff)))
			.param("dead", dead)
			.update();
		if (dead) {
			log.error("{} {} {} dead after {} attempt(s): {}", delivery.type(), delivery.channel(), delivery.id(), attempts,
					error);
		}
		else {
			log.warn("{} {} {} failed (attempt {}), next in {}: {}", delivery.type(), delivery.channel(), delivery.id(),
					attempts, backoff, error);
		}
	}

	/**
	 * The document as a base64 part, byte for byte: left to itself, Jakarta Mail would send an ASCII-looking file as
	 * text and rewrite its line ends.
	 */
	private static MimeBodyPart attachment(Documents.Document document) throws MessagingException {
		var part = new MimeBodyPart();
		part.setDataHandler(new DataHandler(new ByteArrayDataSource(document.content(), document.contentType())));
		part.setFileName(document.filename());
		part.setDisposition(Part.ATTACHMENT);
		part.setHeader("Content-Transfer-Encoding", "base64");
		return part;
	}

	Duration backoff(int attempts) {
		var delivery = settings.delivery();
		var wait = delivery.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
		return wait.compareTo(delivery.maxBackoff()) > 0 ? delivery.maxBackoff() : wait;
	}

	private void drop(UUID id) {
		jdbc.sql("UPDATE delivery SET status = 'dropped', subject = NULL, body_text = NULL, body_html = NULL WHERE id = :id")
			.param("id", id)
			.update();
	}
}

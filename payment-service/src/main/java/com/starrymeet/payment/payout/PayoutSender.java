package com.starrymeet.payment.payout;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.PayoutReleased;
import com.starrymeet.payment.stripe.IdempotencyKeys;
import com.starrymeet.payment.stripe.StripeFailures;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Transfer;
import com.stripe.param.TransferCreateParams;
import com.stripe.param.TransferReversalCreateParams;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due payouts, on every instance at once: each run takes one due payout at a time with
 * {@code FOR UPDATE SKIP LOCKED} (another instance takes another), sends it as one Stripe Transfer with the key
 * {@code transfer-<bookingId>} (a repeated send replays Stripe's answer: one transfer per booking), tied to the
 * booking's charge ({@code source_transaction}) when the fan paid by card and the amount fits in what is left of the
 * charge, {@code transfer_group} = the booking, to the celebrity account's connected account; marks it sent and
 * records PayoutReleased in the same transaction. Due = eligible, not held, and pending — or waiting for an account
 * that can now receive payouts. A celebrity without such an account: the payout waits ({@code waiting_account}).
 * Requested reversals (chargebacks) are sent the same way (key {@code reversal-<payoutId>}). The transfer's state is
 * also applied from Stripe's transfer webhooks ({@link #apply(Transfer)}), read back from Stripe.
 */
@Component
public class PayoutSender {

	private static final Logger log = LoggerFactory.getLogger(PayoutSender.class);

	private record Due(UUID id, UUID bookingId, UUID celebrityId, @Nullable UUID celebrityUserId, String currency,
			long amount, @Nullable String chargeId, long cardRemaining, String status) {
	}

	private final JdbcClient jdbc;

	private final StripeClient stripe;

	private final ConnectAccounts accounts;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	PayoutSender(JdbcClient jdbc, StripeClient stripe, ConnectAccounts accounts, TransactionTemplate transactions,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.stripe = stripe;
		this.accounts = accounts;
		this.transactions = transactions;
		this.events = events;
	}

	@Scheduled(fixedDelayString = "${starrymeet.payment.payouts.interval:PT1M}",
			initialDelayString = "${starrymeet.payment.payouts.interval:PT1M}")
	public void run() {
		try {
			sendDue();
		}
		catch (RuntimeException ex) {
			log.warn("Due payouts not all sent: {}", ex.getMessage());
		}
		try {
			sendReversals();
		}
		catch (RuntimeException ex) {
			log.warn("Requested reversals not all sent: {}", ex.getMessage());
		}
	}

	/** Sends every due payout; one failing at Stripe is left for the next run. @return how many were sent */
	public int sendDue() {
		var tried = new ArrayList<UUID>();
		int sent = 0;
		while (true) {
			var outcome = transactions.execute(tx -> {
				var due = jdbc.sql("""
						SELECT p.id, p.booking_id, p.celebrity_id, p.celebrity_user_id, p.currency, p.amount_cents,
						    p.source_charge_id, p.card_remaining_cents, p.status
						FROM payout p
						WHERE p.eligible_at <= now() AND p.id <> ALL (CAST(:tried AS uuid[]))
						  AND (p.status = 'pending' OR (p.status = 'waiting_account' AND EXISTS (SELECT 1 FROM connect_account a
						       WHERE a.celebrity_user_id = p.celebrity_user_id AND a.payouts_enabled)))
						  AND NOT EXISTS (SELECT 1 FROM payout_hold h WHERE h.booking_id = p.booking_id AND h.released_at IS NULL)
						ORDER BY p.eligible_at LIMIT 1 FOR UPDATE OF p SKIP LOCKED""")
					.param("tried", "{" + String.join(",", tried.stream().map(UUID::toString).toList()) + "}")
					.query((rs, i) -> new Due(rs.getObject("id", UUID.class), rs.getObject("booking_id", UUID.class),
							rs.getObject("celebrity_id", UUID.class), rs.getObject("celebrity_user_id", UUID.class),
							rs.getString("currency"), rs.getLong("amount_cents"), rs.getString("source_charge_id"),
							rs.getLong("card_remaining_cents"), rs.getString("status")))
					.optional();
				if (due.isEmpty()) {
					return null;
				}
				tried.add(due.get().id());
				return send(due.get());
			});
			if (outcome == null) {
				return sent;
			}
			if (outcome) {
				sent++;
			}
		}
	}

	/** In the job's transaction, with the payout row locked. @return whether it was sent */
	private boolean send(Due payout) {
		var destination = accounts.payable(payout.celebrityUserId());
		if (destination.isEmpty()) {
			jdbc.sql("UPDATE payout SET status = 'waiting_account', updated_at = now() WHERE id = :id AND status = 'pending'")
				.param("id", payout.id())
				.update();
			return false;
		}
		var params = TransferCreateParams.builder()
			.setAmount(payout.amount())
			.setCurrency(payout.currency().toLowerCase(Locale.ROOT))
			.setDestination(destination.get())
			.setTransferGroup(payout.bookingId().toString())
			.putMetadata("payout_id", payout.id().toString())
			.putMetadata("booking_id", payout.bookingId().toString());
		if (payout.chargeId() != null && payout.amount() <= payout.cardRemaining()) {
			params.setSourceTransaction(payout.chargeId());
		}
		Transfer transfer;
		try {
			transfer = stripe.v1().transfers().create(params.build(), IdempotencyKeys.key("transfer-" + payout.bookingId()));
		}
		catch (StripeException ex) {
			if (StripeFailures.transientFailure(ex)) {
				throw StripeFailures.problem("sending a payout", ex);
			}
			log.error("Stripe refused the transfer of payout {} (booking {}): {}", payout.id(), payout.bookingId(),
					ex.getMessage());
			return false;
		}
		return markSent(payout.id(), transfer);
	}

	/** The payout is sent as {@code transfer}: once (a conditional update), with PayoutReleased. */
	private boolean markSent(UUID payoutId, Transfer transfer) {
		var now = Instant.now();
		var row = jdbc.sql("""
				UPDATE payout SET status = 'sent', stripe_transfer_id = :transfer, destination_account = :destination,
				    sent_at = :now, updated_at = :now
				WHERE id = :id AND status IN ('pending', 'waiting_account')
				RETURNING booking_id, celebrity_id, celebrity_user_id, amount_cents, currency""")
			.param("transfer", transfer.getId())
			.param("destination", transfer.getDestination())
			.param("now", Timestamp.from(now))
			.param("id", payoutId)
			.query((rs, i) -> new PayoutReleased(payoutId, rs.getObject("booking_id", UUID.class),
					rs.getObject("celebrity_id", UUID.class), rs.getObject("celebrity_user_id", UUID.class),
					transfer.getId(), transfer.getDestination(), rs.getLong("amount_cents"), rs.getString("currency"), now))
			.optional();
		row.ifPresent(released -> events.publishEvent(EventEnvelope.of(PayoutReleased.AGGREGATE, payoutId, 1, released)));
		return row.isPresent();
	}

	/** Sends every requested reversal (a chargeback) until Stripe answers. */
	public void sendReversals() {
		List<UUID[]> requested = jdbc.sql("""
				SELECT id FROM payout WHERE reversal_requested_at IS NOT NULL AND status = 'sent'
				ORDER BY reversal_requested_at LIMIT 100""")
			.query((rs, i) -> new UUID[] { rs.getObject("id", UUID.class) })
			.list();
		for (var id : requested) {
			var transferId = jdbc.sql("SELECT stripe_transfer_id FROM payout WHERE id = :id")
				.param("id", id[0])
				.query(String.class)
				.single();
			try {
				stripe.v1()
					.transfers()
					.reversals()
					.create(transferId, TransferReversalCreateParams.builder()
						.putMetadata("payout_id", id[0].toString())
						.putMetadata("reason", "chargeback")
						.build(), IdempotencyKeys.key("reversal-" + id[0]));
			}
			catch (StripeException ex) {
				if (StripeFailures.transientFailure(ex)) {
					throw StripeFailures.problem("reversing a transfer", ex);
				}
				log.error("Stripe refused to reverse transfer {} of payout {}: {}", transferId, id[0], ex.getMessage());
			}
			read(transferId).ifPresent(t -> transactions.executeWithoutResult(tx -> apply(t)));
		}
	}

	/** The transfer as Stripe holds it now (503 when Stripe cannot be reached). */
	public Optional<Transfer> read(String transferId) {
		try {
			return Optional.of(stripe.v1().transfers().retrieve(transferId));
		}
		catch (InvalidRequestException ex) {
			if ("resource_missing".equals(ex.getCode())) {
				return Optional.empty();
			}
			throw StripeFailures.problem("reading a transfer", ex);
		}
		catch (StripeException ex) {
			throw StripeFailures.problem("reading a transfer", ex);
		}
	}

	/**
	 * Applies a transfer as read back from Stripe, in the caller's transaction: a transfer Stripe made for a payout
	 * we have not marked sent (our answer was lost) marks it sent, once; what Stripe reversed is recorded (it only
	 * grows), and a reversed payout is {@code reversed}. Whatever the order of the webhooks, the end state is Stripe's.
	 * @return whether the transfer is one of ours
	 */
	public boolean apply(Transfer transfer) {
		var payoutId = payoutOf(transfer);
		if (payoutId.isEmpty()) {
			return false;
		}
		markSent(payoutId.get(), transfer);
		long reversed = transfer.getAmountReversed() == null ? 0 : transfer.getAmountReversed();
		if (reversed > 0) {
			jdbc.sql("""
					UPDATE payout SET reversed_cents = GREATEST(reversed_cents, LEAST(:reversed, amount_cents)),
					    status = 'reversed', updated_at = now()
					WHERE id = :id AND status IN ('sent', 'reversed') AND stripe_transfer_id = :transfer""")
				.param("reversed", reversed)
				.param("id", payoutId.get())
				.param("transfer", transfer.getId())
				.update();
		}
		return true;
	}

	private Optional<UUID> payoutOf(Transfer transfer) {
		var byTransfer = jdbc.sql("SELECT id FROM payout WHERE stripe_transfer_id = :t")
			.param("t", transfer.getId())
			.query(UUID.class)
			.optional();
		if (byTransfer.isPresent()) {
			return byTransfer;
		}
		var metadata = transfer.getMetadata();
		var id = metadata == null ? null : metadata.get("payout_id");
		if (id == null) {
			return Optional.empty();
		}
		try {
			return jdbc.sql("SELECT id FROM payout WHERE id = :id AND stripe_transfer_id IS NULL")
				.param("id", UUID.fromString(id))
				.query(UUID.class)
				.optional();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}
}

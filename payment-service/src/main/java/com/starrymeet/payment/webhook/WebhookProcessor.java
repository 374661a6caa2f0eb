package com.starrymeet.payment.webhook;

import java.util.Optional;

import com.starrymeet.payment.payment.Chargebacks;
import com.starrymeet.payment.payment.IntentState;
import com.starrymeet.payment.payout.ConnectAccounts;
import com.starrymeet.payment.payout.PayoutSender;
import com.starrymeet.payment.payment.Payments;
import com.starrymeet.payment.payment.Refunds;
import com.starrymeet.payment.payment.StripeReads;
import com.starrymeet.payment.payment.Transitions;
import com.stripe.model.Event;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Acts on one verified Stripe event, once per event id, on the object's current state rather than on the event's
 * copy of it: for {@code payment_intent.*} the intent is read back from Stripe; for {@code charge.refunded} this
 * payment's requested refunds are sent (replaying Stripe's answer) and the charge is read back. Stripe is read
 * before the transaction; the transaction records the event id and applies the state together, so a failure
 * changes nothing and Stripe's retry does the whole again. Other types are acknowledged and recorded; events for
 * intents we do not know are acknowledged and logged. Likewise {@code account.updated} (the connected account read
 * back: payouts enabled makes waiting payouts due, sent right after), {@code transfer.*} (the transfer read back:
 * sent, reversed amount) and {@code charge.dispute.*} (the dispute read back: the first time, the payout is held, a
 * sent transfer reversed and DisputeOpened recorded; later, its status). Since each acts on Stripe's current
 * object and each effect is a conditional or monotonic update, duplicated, reordered and late events end in the same
 * state.
 */
@Component
class WebhookProcessor {

	private static final Logger log = LoggerFactory.getLogger(WebhookProcessor.class);

	enum Result {
		PROCESSED, DUPLICATE, IGNORED, UNKNOWN_OBJECT
	}

	private final WebhookEvents events;

	private final StripeReads reads;

	private final Transitions transitions;

	private final Refunds refunds;

	private final Payments payments;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final ConnectAccounts accounts;

	private final PayoutSender payoutSender;

	private final Chargebacks chargebacks;

	WebhookProcessor(WebhookEvents events, StripeReads reads, Transitions transitions, Refunds refunds,
			Payments payments, TransactionTemplate transactions, JsonMapper json, ConnectAccounts accounts,
			PayoutSender payoutSender, Chargebacks chargebacks) {
		this.accounts = accounts;
		this.payoutSender = payoutSender;
		this.chargebacks = chargebacks;
		this.events = events;
		this.reads = reads;
		this.transitions = transitions;
		this.refunds = refunds;
		this.payments = payments;
		this.transactions = transactions;
		this.json = json;
	}

	Result process(Event event) {
		if (events.processed(event.getId())) {
			return Result.DUPLICATE;
		}
		var object = object(event);
		var objectId = text(object, "id");
		var type = event.getType();
		if (type.startsWith("payment_intent.") && objectId != null) {
			var state = reads.intent(objectId);
			return record(event, objectId, () -> state.map(this::apply).orElse(Result.UNKNOWN_OBJECT));
		}
		if ("charge.refunded".equals(type) && objectId != null) {
			return chargeRefunded(event, objectId, text(object, "payment_intent"));
		}
		if ("account.updated".equals(type) && objectId != null) {
			var account = accounts.read(objectId);
			var result = record(event, objectId,
					() -> account.map(a -> accounts.apply(a) ? Result.PROCESSED : Result.UNKNOWN_OBJECT)
						.orElse(Result.UNKNOWN_OBJECT));
			if (result == Result.PROCESSED) {
				afterCommit(payoutSender::sendDue); // payouts that waited for this account
			}
			return result;
		}
		if (type.startsWith("transfer.") && objectId != null) {
			var transfer = payoutSender.read(objectId);
			return record(event, objectId, () -> transfer.map(t -> payoutSender.apply(t) ? Result.PROCESSED
					: Result.UNKNOWN_OBJECT).orElse(Result.UNKNOWN_OBJECT));
		}
		if (type.startsWith("charge.dispute.") && objectId != null) {
			var dispute = chargebacks.read(objectId);
			var result = record(event, objectId, () -> dispute.map(d -> chargebacks.apply(d) ? Result.PROCESSED
					: Result.UNKNOWN_OBJECT).orElse(Result.UNKNOWN_OBJECT));
			if (result == Result.PROCESSED) {
				afterCommit(payoutSender::sendReversals); // a transfer already sent is reversed
			}
			return result;
		}
		return record(event, objectId, () -> Result.IGNORED);
	}

	private static void afterCommit(Runnable work) {
		try {
			work.run();
		}
		catch (RuntimeException ex) {
			// the scheduled runs send it later
			log.warn("Deferred after a webhook: {}", ex.getMessage());
		}
	}

	private Result apply(IntentState state) {
		return transitions.apply(state) == Transitions.Outcome.UNKNOWN_INTENT ? Result.UNKNOWN_OBJECT
				: Result.PROCESSED;
	}

	private Result chargeRefunded(Event event, String chargeId, @Nullable String intentId) {
		var payment = intentId == null ? Optional.<com.starrymeet.payment.payment.Payment>empty()
				: payments.byIntent(intentId);
		if (payment.isEmpty()) {
			return record(event, chargeId, () -> Result.UNKNOWN_OBJECT);
		}
		var intent = reads.intent(intentId);
		refunds.sendRequested(payment.get().id());
		var charge = reads.charge(chargeId);
		return record(event, chargeId, () -> {
			intent.ifPresent(transitions::apply);
			charge.ifPresent(c -> refunds.reconcileCharge(payment.get().id(), c.chargeId(), c.amountRefunded()));
			return Result.PROCESSED;
		});
	}

	private Result record(Event event, @Nullable String objectId, java.util.function.Supplier<Result> work) {
		var result = transactions.execute(tx -> {
			if (!events.record(event.getId(), event.getType(), objectId)) {
				return Result.DUPLICATE;
			}
			return work.get();
		});
		if (result == Result.UNKNOWN_OBJECT) {
			log.warn("Stripe event {} ({}) is about {}, which is not one of ours: acknowledged", event.getId(),
					event.getType(), objectId);
		}
		return result == null ? Result.PROCESSED : result;
	}

	private JsonNode object(Event event) {
		var raw = event.getDataObjectDeserializer().getRawJson();
		return raw == null ? json.createObjectNode() : json.readTree(raw);
	}

	private static @Nullable String text(JsonNode node, String field) {
		var value = node.path(field);
		return value.isString() ? value.asString() : null;
	}
}

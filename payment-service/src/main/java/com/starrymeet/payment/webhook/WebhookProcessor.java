package com.starrymeet.payment.webhook;

import java.util.Optional;

import com.starrymeet.payment.payment.IntentState;
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
 * intents we do not know are acknowledged and logged.
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

	WebhookProcessor(WebhookEvents events, StripeReads reads, Transitions transitions, Refunds refunds,
			Payments payments, TransactionTemplate transactions, JsonMapper json) {
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
		return record(event, objectId, () -> Result.IGNORED);
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

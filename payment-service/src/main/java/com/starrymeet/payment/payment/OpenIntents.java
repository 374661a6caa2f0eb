package com.starrymeet.payment.payment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.starrymeet.common.events.EventEnvelope;
import com.starrymeet.common.events.contract.PaymentSucceeded;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.payment.credit.Credits;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import com.starrymeet.payment.method.Customers;
import com.starrymeet.payment.stripe.IdempotencyKeys;
import com.starrymeet.payment.stripe.StripeFailures;
import com.starrymeet.payment.stripe.StripeSettings;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.param.PaymentIntentCreateParams;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The booking's one PaymentIntent: created the first time it is asked for, the same one after that while it is
 * open. One payment row per booking ({@code booking_id} UNIQUE) and one intent per booking at Stripe (idempotency
 * key {@code intent-<bookingId>}); concurrent first asks are serialized by a transaction-scoped advisory lock on
 * the booking, so the second finds the first's row. The intent belongs to the fan's Stripe Customer, so a card
 * can be saved when paying.
 */
@Service
public class OpenIntents {

	/** What a payment is for, as booking-service froze it. */
	public record OpenIntent(UUID bookingId, String bookingNumber, UUID fanId, UUID celebrityId, long amountCents,
			String currency, Instant holdExpiresAt) {
	}

	/** The intent a client pays with (Stripe.js needs the client secret and the publishable key). */
	/**
	 * @param amountCents the booking's price
	 * @param creditAppliedCents the fan's credit applied to it
	 * @param amountDueCents what the card pays (price − credit); 0 when credit covered it all — then there is no
	 *     intent ({@code paymentIntentId} and {@code clientSecret} null) and the status is {@code succeeded}
	 */
	public record IntentView(UUID paymentId, UUID bookingId, @Nullable String paymentIntentId,
			@Nullable String clientSecret, String publishableKey, String status, long amountCents, String currency,
			long creditAppliedCents, long amountDueCents) {
	}

	private final JdbcClient jdbc;

	private final Payments payments;

	private final Customers customers;

	private final StripeClient stripe;

	private final StripeSettings settings;

	private final Clock clock = Clock.systemUTC();

	private final Credits credits;

	private final ApplicationEventPublisher events;

	OpenIntents(JdbcClient jdbc, Payments payments, Customers customers, StripeClient stripe,
			StripeSettings settings, Credits credits, ApplicationEventPublisher events) {
		this.credits = credits;
		this.events = events;
		this.jdbc = jdbc;
		this.payments = payments;
		this.customers = customers;
		this.stripe = stripe;
		this.settings = settings;
	}

	/**
	 * The booking's open intent, created if there is none. 409 {@code BOOKING_ALREADY_PAID} when its payment
	 * succeeded; 409 {@code BOOKING_NOT_PAYABLE} when it was canceled (hold expired) or the hold has passed.
	 */
	@Transactional
	public IntentView open(OpenIntent command) {
		var existing = payments.byBooking(command.bookingId());
		if (existing.isPresent()) {
			return view(existing.get());
		}
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.param("key", "payment-booking-" + command.bookingId())
			.query()
			.listOfRows();
		existing = payments.byBooking(command.bookingId());
		if (existing.isPresent()) {
			return view(existing.get());
		}
		if (!command.holdExpiresAt().isAfter(Instant.now(clock))) {
			throw notPayable();
		}
		// the fan's credit first (USD credit only), reserved for this booking in this transaction
		long credit = Credits.CURRENCY.equals(command.currency())
				? credits.use(command.fanId(), command.bookingId(), command.amountCents()) : 0;
		long due = command.amountCents() - credit;
		if (due == 0) {
			return paidByCredit(command);
		}
		var customer = customers.customerFor(command.fanId());
		com.stripe.model.PaymentIntent intent;
		try {
			// the same parameters every time for this booking: a repeated create replays the first answer
			intent = stripe.v1()
				.paymentIntents()
				.create(PaymentIntentCreateParams.builder()
					.setAmount(due)
					.setCurrency(command.currency().toLowerCase(Locale.ROOT))
					.setCustomer(customer)
					.addPaymentMethodType("card")
					.setDescription("StarryMeet booking " + command.bookingNumber())
					.putMetadata("booking_id", command.bookingId().toString())
					.putMetadata("booking_number", command.bookingNumber())
					.putMetadata("fan_id", command.fanId().toString())
					.putMetadata("credit_applied_cents", Long.toString(credit))
					.build(), IdempotencyKeys.intent(command.bookingId()));
		}
		catch (StripeException ex) {
			throw StripeFailures.problem("creating a payment intent", ex);
		}
		jdbc.sql("""
				INSERT INTO payment (id, booking_id, booking_number, fan_id, celebrity_id, stripe_payment_intent_id,
				    client_secret, stripe_customer_id, amount_cents, currency, status, hold_expires_at, price_cents,
				    credit_applied_cents)
				VALUES (:id, :booking, :number, :fan, :celebrity, :pi, :secret, :customer, :amount, :currency, :status,
				    :hold, :price, :credit)
				ON CONFLICT (booking_id) DO NOTHING""")
			.param("id", UUID.randomUUID())
			.param("booking", command.bookingId())
			.param("number", command.bookingNumber())
			.param("fan", command.fanId())
			.param("celebrity", command.celebrityId())
			.param("pi", intent.getId())
			.param("secret", intent.getClientSecret())
			.param("customer", customer)
			.param("amount", due)
			.param("currency", command.currency())
			.param("status", intent.getStatus())
			.param("hold", Timestamp.from(command.holdExpiresAt()))
			.param("price", command.amountCents())
			.param("credit", credit)
			.update();
		return view(payments.byBooking(command.bookingId()).orElseThrow());
	}

	/**
	 * Credit covers the whole price: no PaymentIntent; the payment is succeeded at once and PaymentSucceeded (the
	 * whole price) recorded in this transaction — booking-service confirms the booking as for a card.
	 */
	private IntentView paidByCredit(OpenIntent command) {
		var id = UUID.randomUUID();
		var now = Instant.now(clock);
		jdbc.sql("""
				INSERT INTO payment (id, booking_id, booking_number, fan_id, celebrity_id, amount_cents, currency, status,
				    hold_expires_at, price_cents, credit_applied_cents, succeeded_at)
				VALUES (:id, :booking, :number, :fan, :celebrity, 0, :currency, 'succeeded', :hold, :price, :price, :now)""")
			.param("id", id)
			.param("booking", command.bookingId())
			.param("number", command.bookingNumber())
			.param("fan", command.fanId())
			.param("celebrity", command.celebrityId())
			.param("currency", command.currency())
			.param("hold", Timestamp.from(command.holdExpiresAt()))
			.param("price", command.amountCents())
			.param("now", Timestamp.from(now))
			.update();
		events.publishEvent(EventEnvelope.of(PaymentSucceeded.AGGREGATE, id, 1, new PaymentSucceeded(id,
				command.bookingId(), command.fanId(), null, command.amountCents(), command.currency(), null, null, now)));
		return view(payments.byBooking(command.bookingId()).orElseThrow());
	}

	private IntentView view(Payment payment) {
		if (payment.paymentIntentId() == null) {
			// paid by credit alone: asking again answers the same (there is no intent to pay)
			return new IntentView(payment.id(), payment.bookingId(), null, null, settings.publishableKey(),
					payment.status(), payment.priceCents(), payment.currency(), payment.creditAppliedCents(), 0);
		}
		if (Payment.SUCCEEDED.equals(payment.status())) {
			throw ApiException.conflict("BOOKING_ALREADY_PAID", "This booking is already paid");
		}
		if (Payment.CANCELED.equals(payment.status())) {
			throw notPayable();
		}
		return new IntentView(payment.id(), payment.bookingId(), payment.paymentIntentId(), payment.clientSecret(),
				settings.publishableKey(), payment.status(), payment.priceCents(), payment.currency(),
				payment.creditAppliedCents(), payment.amountCents());
	}

	static ApiException notPayable() {
		return ApiException.conflict("BOOKING_NOT_PAYABLE",
				"This booking cannot be paid: it is not pending or its hold has ended");
	}
}

-- payment-service's own tables (V1, the outbox and processed-event tables, comes from common-lib).
-- Money is integer cents; the money invariants are constraints, not only code.

-- One payment per booking: the booking's Stripe PaymentIntent and what became of it. `status` is the intent's
-- own status as Stripe names it (the refund state is refunded_cents against captured_cents).
CREATE TABLE payment (
    id                       uuid PRIMARY KEY,
    booking_id               uuid NOT NULL UNIQUE,
    booking_number           varchar(32) NOT NULL,
    fan_id                   uuid NOT NULL,
    celebrity_id             uuid NOT NULL,
    stripe_payment_intent_id varchar(255) NOT NULL UNIQUE,
    client_secret            varchar(512) NOT NULL,
    stripe_customer_id       varchar(255),
    amount_cents             bigint NOT NULL CONSTRAINT payment_amount_positive CHECK (amount_cents > 0),
    currency                 char(3) NOT NULL CONSTRAINT payment_currency_iso CHECK (currency ~ '^[A-Z]{3}$'),
    status                   varchar(32) NOT NULL CONSTRAINT payment_status_known CHECK (status IN (
                                 'requires_payment_method', 'requires_confirmation', 'requires_action', 'processing',
                                 'requires_capture', 'succeeded', 'canceled')),
    payment_method_id        varchar(255),
    card_brand               varchar(32),
    card_last4               char(4),
    captured_cents           bigint NOT NULL DEFAULT 0,
    refunded_cents           bigint NOT NULL DEFAULT 0,
    failure_code             varchar(64),
    failure_decline_code     varchar(64),
    failure_message          varchar(1000),
    -- what identifies the last failure recorded (the failed charge), so one failure is reported once
    failure_key              varchar(255),
    -- confirmations sent so far: the idempotency key of the next one is confirm-<id>-<n>
    confirm_attempts         int NOT NULL DEFAULT 0,
    hold_expires_at          timestamptz NOT NULL,
    -- the booking expired: the intent is to be canceled at Stripe (key cancel-<booking_id>) unless it succeeded
    cancel_requested_at      timestamptz,
    succeeded_at             timestamptz,
    canceled_at              timestamptz,
    version                  bigint NOT NULL DEFAULT 1,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    -- refunds never exceed what was captured, and nothing is captured beyond the amount
    CONSTRAINT payment_money_bounds CHECK (0 <= refunded_cents AND refunded_cents <= captured_cents
                                           AND captured_cents <= amount_cents),
    -- money is captured only by a succeeded intent
    CONSTRAINT payment_captured_only_when_succeeded CHECK (captured_cents = 0 OR status = 'succeeded')
);

CREATE INDEX payment_fan ON payment (fan_id, created_at DESC);
CREATE INDEX payment_cancel_requested ON payment (cancel_requested_at)
    WHERE cancel_requested_at IS NOT NULL AND status NOT IN ('succeeded', 'canceled');

-- Refunds of a payment. A row is written before Stripe is asked (status 'requested'), so the Stripe call can be
-- repeated with the same idempotency key until it answers; 'pending' and 'succeeded' count towards the payment's
-- refunded_cents.
CREATE TABLE refund (
    id               uuid PRIMARY KEY,
    payment_id       uuid NOT NULL REFERENCES payment (id),
    stripe_refund_id varchar(255) UNIQUE,
    amount_cents     bigint NOT NULL CONSTRAINT refund_amount_positive CHECK (amount_cents > 0),
    reason           varchar(64) NOT NULL,
    status           varchar(16) NOT NULL CONSTRAINT refund_status_known CHECK (status IN (
                         'requested', 'pending', 'succeeded', 'failed', 'canceled')),
    idempotency_key  varchar(255) NOT NULL UNIQUE,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX refund_payment ON refund (payment_id, created_at);
CREATE INDEX refund_requested ON refund (created_at) WHERE status = 'requested';

-- A Stripe Customer per user, created once (idempotency key customer-<user_id>); saved cards are attached to it.
CREATE TABLE stripe_customer (
    user_id                   uuid PRIMARY KEY,
    stripe_customer_id        varchar(255) NOT NULL UNIQUE,
    default_payment_method_id varchar(255),
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now()
);

-- Every Stripe event acted on, by Stripe's event id: a redelivered event is acknowledged and changes nothing.
CREATE TABLE stripe_webhook_event (
    id           varchar(255) PRIMARY KEY,
    type         varchar(128) NOT NULL,
    object_id    varchar(255),
    received_at  timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz
);

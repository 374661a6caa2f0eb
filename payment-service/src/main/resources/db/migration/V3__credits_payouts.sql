-- Issue 10: after the purchase — credits, refunds by decision, Stripe Connect payouts, chargebacks, admin audit.
-- Money is integer cents; every money invariant is a constraint.

-- A payment is now what the fan pays for a booking: price = card amount + credit applied. When credit covers the
-- whole price there is no PaymentIntent (no intent id, no client secret, card amount 0, succeeded at once).
ALTER TABLE payment
    ADD COLUMN price_cents          bigint,
    ADD COLUMN credit_applied_cents bigint NOT NULL DEFAULT 0,
    -- the charge of the succeeded intent: what refunds, transfers (source_transaction) and chargebacks refer to
    ADD COLUMN stripe_charge_id     varchar(255) UNIQUE,
    ALTER COLUMN stripe_payment_intent_id DROP NOT NULL,
    ALTER COLUMN client_secret DROP NOT NULL,
    DROP CONSTRAINT payment_amount_positive;
UPDATE payment SET price_cents = amount_cents;
ALTER TABLE payment
    ALTER COLUMN price_cents SET NOT NULL,
    ADD CONSTRAINT payment_price_positive CHECK (price_cents > 0),
    ADD CONSTRAINT payment_credit_nonnegative CHECK (credit_applied_cents >= 0),
    ADD CONSTRAINT payment_price_is_card_plus_credit CHECK (price_cents = amount_cents + credit_applied_cents),
    -- a card amount needs an intent; no intent means credit paid it all
    ADD CONSTRAINT payment_card_needs_intent CHECK ((amount_cents > 0) = (stripe_payment_intent_id IS NOT NULL)),
    ADD CONSTRAINT payment_intent_has_secret CHECK (stripe_payment_intent_id IS NULL OR client_secret IS NOT NULL);

-- Refunds now come from decisions of their own (cancellation, dispute settlement, admin): who asked, for what.
ALTER TABLE refund
    ADD COLUMN actor_id uuid,
    ADD COLUMN note     varchar(1000);

-- The credit ledger: append only. Each entry carries the user's balance after it and its sequence number; the
-- balance row is updated in the same transaction (its row lock orders a user's entries), and neither can go
-- below zero. `idempotency_key` makes each decision one entry (use-<booking>, return-<booking>-canceled, ...).
CREATE TABLE credit_balance (
    user_id       uuid PRIMARY KEY,
    balance_cents bigint NOT NULL CONSTRAINT credit_balance_nonnegative CHECK (balance_cents >= 0),
    last_seq      bigint NOT NULL DEFAULT 0,
    currency      char(3) NOT NULL DEFAULT 'USD',
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE credit_entry (
    id              uuid PRIMARY KEY,
    user_id         uuid NOT NULL REFERENCES credit_balance (user_id),
    seq             bigint NOT NULL,
    -- GRANT (+): celebrity cancellation, goodwill; USE (-): applied to a booking; RETURN (+): a use given back;
    -- REVERSAL (-): a grant taken back
    kind            varchar(16) NOT NULL CONSTRAINT credit_entry_kind CHECK (kind IN ('GRANT', 'USE', 'RETURN', 'REVERSAL')),
    reason          varchar(32) NOT NULL,
    amount_cents    bigint NOT NULL CONSTRAINT credit_entry_nonzero CHECK (amount_cents <> 0),
    balance_after   bigint NOT NULL CONSTRAINT credit_entry_balance_nonnegative CHECK (balance_after >= 0),
    currency        char(3) NOT NULL DEFAULT 'USD',
    booking_id      uuid,
    actor_id        uuid,
    note            varchar(1000),
    idempotency_key varchar(255) NOT NULL UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT credit_entry_sequence UNIQUE (user_id, seq),
    CONSTRAINT credit_entry_sign CHECK ((kind IN ('GRANT', 'RETURN')) = (amount_cents > 0))
);

CREATE INDEX credit_entry_user ON credit_entry (user_id, seq DESC);
CREATE INDEX credit_entry_booking ON credit_entry (booking_id) WHERE booking_id IS NOT NULL;
CREATE INDEX credit_entry_created ON credit_entry (created_at);

-- Append only: entries are never changed or removed.
CREATE FUNCTION credit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'credit_entry is append only' USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER credit_entry_no_update BEFORE UPDATE OR DELETE ON credit_entry
    FOR EACH ROW EXECUTE FUNCTION credit_entry_append_only();

-- A celebrity account's Stripe Connect (express) account, created once; its state as Stripe reports it.
CREATE TABLE connect_account (
    celebrity_user_id uuid PRIMARY KEY,
    stripe_account_id varchar(255) NOT NULL UNIQUE,
    charges_enabled   boolean NOT NULL DEFAULT false,
    payouts_enabled   boolean NOT NULL DEFAULT false,
    details_submitted boolean NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- The celebrity's share of one booking, sent as one Stripe Transfer (key transfer-<booking_id>). `id` is our
-- transfer id (PayoutReleased's key). For every payout: amount + fee + card refunds + credit returned = paid.
CREATE TABLE payout (
    id                    uuid PRIMARY KEY,
    booking_id            uuid NOT NULL UNIQUE,
    booking_number        varchar(32) NOT NULL,
    celebrity_id          uuid NOT NULL,
    celebrity_user_id     uuid,
    meeting_date          date NOT NULL,
    meeting_starts_at     timestamptz NOT NULL,
    currency              char(3) NOT NULL CONSTRAINT payout_currency_iso CHECK (currency ~ '^[A-Z]{3}$'),
    -- what the fan paid (card + credit), what went back, what the platform keeps
    paid_cents            bigint NOT NULL CONSTRAINT payout_paid_nonnegative CHECK (paid_cents >= 0),
    card_refunded_cents   bigint NOT NULL CONSTRAINT payout_refunded_nonnegative CHECK (card_refunded_cents >= 0),
    credit_returned_cents bigint NOT NULL CONSTRAINT payout_credit_nonnegative CHECK (credit_returned_cents >= 0),
    fee_cents             bigint NOT NULL CONSTRAINT payout_fee_nonnegative CHECK (fee_cents >= 0),
    amount_cents          bigint NOT NULL CONSTRAINT payout_amount_nonnegative CHECK (amount_cents >= 0),
    -- the charge the transfer is tied to (source_transaction) when the fan paid by card
    source_charge_id      varchar(255),
    card_remaining_cents  bigint NOT NULL DEFAULT 0,
    -- COMPLETED, LATE_CANCELLATION, DISPUTE_SETTLED
    basis                 varchar(32) NOT NULL,
    status                varchar(16) NOT NULL CONSTRAINT payout_status_known CHECK (status IN (
                              'pending', 'waiting_account', 'sent', 'reversed', 'canceled')),
    eligible_at           timestamptz NOT NULL,
    destination_account   varchar(255),
    stripe_transfer_id    varchar(255) UNIQUE,
    reversed_cents        bigint NOT NULL DEFAULT 0,
    -- a chargeback asked for the transfer to be reversed (key reversal-<id>); sent until Stripe answers
    reversal_requested_at timestamptz,
    sent_at               timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT payout_balances CHECK (amount_cents + fee_cents + card_refunded_cents + credit_returned_cents = paid_cents),
    CONSTRAINT payout_reversed_bounds CHECK (0 <= reversed_cents AND reversed_cents <= amount_cents),
    CONSTRAINT payout_sent_has_transfer CHECK (status NOT IN ('sent', 'reversed') OR stripe_transfer_id IS NOT NULL)
);

CREATE INDEX payout_due ON payout (eligible_at) WHERE status IN ('pending', 'waiting_account');
CREATE INDEX payout_celebrity ON payout (celebrity_user_id, meeting_date DESC);
CREATE INDEX payout_reversal_requested ON payout (reversal_requested_at)
    WHERE reversal_requested_at IS NOT NULL AND status = 'sent';

-- What holds a booking's payout: a fan's dispute or a chargeback, until an admin settles it.
CREATE TABLE payout_hold (
    booking_id  uuid NOT NULL,
    source      varchar(16) NOT NULL CONSTRAINT payout_hold_source CHECK (source IN ('DISPUTE', 'CHARGEBACK')),
    reason      varchar(64),
    opened_at   timestamptz NOT NULL DEFAULT now(),
    released_at timestamptz,
    PRIMARY KEY (booking_id, source)
);

-- Chargebacks Stripe reported on our charges (charge.dispute.*), as last read back from Stripe.
CREATE TABLE chargeback (
    stripe_dispute_id varchar(255) PRIMARY KEY,
    payment_id        uuid NOT NULL REFERENCES payment (id),
    amount_cents      bigint NOT NULL CONSTRAINT chargeback_amount_nonnegative CHECK (amount_cents >= 0),
    reason            varchar(64) NOT NULL,
    status            varchar(32) NOT NULL,
    opened_at         timestamptz NOT NULL DEFAULT now(),
    closed_at         timestamptz,
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Admin money actions: who, what, on what, when, why. Written in the action's transaction; append only.
CREATE TABLE admin_audit_log (
    id         bigserial PRIMARY KEY,
    actor_id   uuid NOT NULL,
    action     varchar(48) NOT NULL,
    target_id  uuid,
    reason     varchar(1000),
    details    jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admin_audit_log_created ON admin_audit_log (created_at DESC, id DESC);

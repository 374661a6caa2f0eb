-- Issue 10 (saga steps 4-6): the booking's life after payment — cancellation by policy, reschedule, check-in,
-- completion, dispute, review — plus the per-booking event history and the admin desk's audit log.

ALTER TABLE booking
  -- how often the meeting was moved (at most twice: the policy, enforced here too)
  ADD COLUMN reschedule_count     INT         NOT NULL DEFAULT 0 CHECK (reschedule_count BETWEEN 0 AND 2),
  ADD COLUMN checked_in_at        TIMESTAMPTZ,          -- the fan's signed code was scanned: proof of the meeting
  ADD COLUMN completed_at         TIMESTAMPTZ,
  ADD COLUMN completed_by         VARCHAR(16) CHECK (completed_by IN ('CHECK_IN', 'CELEBRITY', 'AUTO', 'DISPUTE_SETTLED')),
  ADD COLUMN disputed_at          TIMESTAMPTZ,
  ADD COLUMN canceled_by          VARCHAR(16) CHECK (canceled_by IN ('FAN', 'CELEBRITY', 'ADMIN')),
  ADD COLUMN cancel_reason        VARCHAR(32),
  ADD COLUMN refund_percent       INT CHECK (refund_percent BETWEEN 0 AND 100),    -- the share decided at cancellation
  ADD COLUMN credit_grant_cents   BIGINT CHECK (credit_grant_cents >= 0),
  -- what payment-service reported when it opened the payment (contract 1 of issue 10): credit used, card due
  ADD COLUMN credit_applied_cents BIGINT CHECK (credit_applied_cents >= 0),
  ADD COLUMN amount_due_cents     BIGINT CHECK (amount_due_cents >= 0),
  ADD CONSTRAINT booking_credit_within_price CHECK (credit_applied_cents IS NULL OR credit_applied_cents <= price_cents),
  ADD CONSTRAINT booking_completed_when CHECK (status <> 'completed' OR completed_at IS NOT NULL),
  ADD CONSTRAINT booking_canceled_when CHECK (status <> 'canceled' OR canceled_at IS NOT NULL),
  ADD CONSTRAINT booking_disputed_when CHECK (status <> 'disputed' OR disputed_at IS NOT NULL);

-- what the automatic completion scans (confirmed, 48 h after the end)
CREATE INDEX booking_confirmed_end_idx ON booking (ends_at) WHERE status = 'confirmed';
CREATE INDEX booking_status_idx ON booking (status, starts_at);

-- Every event this service records for a booking, as published (the admin desk's history). Written in the
-- transaction that records the event in the outbox, so history and outbox never disagree.
CREATE TABLE booking_event
(
  id                BIGSERIAL PRIMARY KEY,
  event_id          UUID        NOT NULL UNIQUE,
  booking_id        UUID        NOT NULL REFERENCES booking (id),
  type              VARCHAR(64) NOT NULL,
  aggregate_version BIGINT      NOT NULL,
  payload           JSONB       NOT NULL,
  occurred_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX booking_event_booking_idx ON booking_event (booking_id, id);

-- Disputes: opened by the fan (within 48 h after the meeting) or by a chargeback; at most one open per booking.
CREATE TABLE booking_dispute
(
  id                UUID PRIMARY KEY,
  booking_id        UUID          NOT NULL REFERENCES booking (id),
  opened_by         VARCHAR(16)   NOT NULL CHECK (opened_by IN ('FAN', 'CHARGEBACK')),
  reason            VARCHAR(64)   NOT NULL,
  text              TEXT CHECK (length(text) <= 2000),
  stripe_dispute_id VARCHAR(255),
  opened_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
  settled_at        TIMESTAMPTZ,
  settled_by        UUID,
  refund_cents      BIGINT CHECK (refund_cents >= 0),
  release_payout    BOOLEAN,
  outcome           VARCHAR(16) CHECK (outcome IN ('COMPLETED', 'CANCELED')),
  note              TEXT CHECK (length(note) <= 2000),
  CONSTRAINT booking_dispute_settled CHECK (settled_at IS NULL
    OR (settled_by IS NOT NULL AND refund_cents IS NOT NULL AND release_payout IS NOT NULL AND outcome IS NOT NULL))
);
CREATE UNIQUE INDEX booking_dispute_open_idx ON booking_dispute (booking_id) WHERE settled_at IS NULL;
CREATE UNIQUE INDEX booking_dispute_stripe_idx ON booking_dispute (stripe_dispute_id) WHERE stripe_dispute_id IS NOT NULL;

-- One review per booking, by its fan, once completed.
CREATE TABLE review
(
  id             UUID PRIMARY KEY,
  booking_id     UUID         NOT NULL UNIQUE REFERENCES booking (id),
  celebrity_id   UUID         NOT NULL,
  fan_id         UUID         NOT NULL,
  reviewer_name  VARCHAR(100) NOT NULL,
  rating         INT          NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title          VARCHAR(200),
  comment        TEXT CHECK (length(comment) <= 2000),
  created_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX review_celebrity_idx ON review (celebrity_id, created_at);

-- Who did what to which booking, when and why: every admin action of the booking desk. Append-only.
CREATE TABLE admin_audit
(
  id          BIGSERIAL PRIMARY KEY,
  admin_id    UUID         NOT NULL,
  action      VARCHAR(64)  NOT NULL,
  booking_id  UUID,
  reason      TEXT,
  details     JSONB        NOT NULL DEFAULT '{}'::jsonb,
  at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX admin_audit_booking_idx ON admin_audit (booking_id, id);

-- Bookings (issue 9): a fan's hold on one slot of a time window, then its payment, with the price, the fee split
-- and the refund policy frozen in at booking time. The slot and the booking change in one transaction (the
-- conditional UPDATE of time_window.booked), which is what makes double booking impossible.

CREATE SEQUENCE booking_number_seq;

CREATE TABLE booking
(
  id                     UUID PRIMARY KEY,
  -- BK-YYYY-NNNNNN: the year of creation (UTC) and the sequence, at least 6 digits
  booking_number         VARCHAR(24)  NOT NULL UNIQUE CHECK (booking_number ~ '^BK-[0-9]{4}-[0-9]{6,}$'),
  fan_id                 UUID         NOT NULL,
  celebrity_id           UUID         NOT NULL,
  celebrity_user_id      UUID,                      -- the managing CELEBRITY account at booking time (catalog)
  celebrity_name         VARCHAR(200) NOT NULL,
  meeting_type_id        UUID         NOT NULL,
  meeting_type_name      VARCHAR(200) NOT NULL,
  duration_minutes       INT          NOT NULL CHECK (duration_minutes > 0),
  -- the window whose slot this booking holds while live; a window can only be deleted while nothing live holds
  -- it (booked = 0), and then a dead booking (expired, canceled) just forgets it
  window_id              UUID REFERENCES time_window (id) ON DELETE SET NULL,
  date                   DATE         NOT NULL,     -- local date at the venue
  time                   TIME         NOT NULL,     -- local start time at the venue
  time_zone              VARCHAR(64)  NOT NULL,     -- the venue's IANA zone
  starts_at              TIMESTAMPTZ  NOT NULL,     -- the meeting as instants: every rule is computed on these
  ends_at                TIMESTAMPTZ  NOT NULL,
  city                   VARCHAR(100) NOT NULL,
  country                VARCHAR(100) NOT NULL,
  price_cents            BIGINT       NOT NULL,
  currency               CHAR(3)      NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  platform_fee_cents     BIGINT       NOT NULL,
  celebrity_payout_cents BIGINT       NOT NULL,
  refund_policy          JSONB        NOT NULL,     -- the policy in force at booking time, with its id and version
  occasion               VARCHAR(100),
  special_requests       TEXT CHECK (length(special_requests) <= 1000),
  fan_notes              TEXT CHECK (length(fan_notes) <= 1000),
  status                 VARCHAR(16)  NOT NULL
    CHECK (status IN ('pending', 'confirmed', 'expired', 'canceled', 'completed', 'disputed')),
  hold_expires_at        TIMESTAMPTZ  NOT NULL,
  payment_id             UUID,
  payment_intent_id      VARCHAR(255),
  last_payment_failure   VARCHAR(100),
  idempotency_key        VARCHAR(255) NOT NULL,
  version                BIGINT       NOT NULL DEFAULT 1, -- aggregateVersion of the booking's events
  created_at             TIMESTAMPTZ  NOT NULL DEFAULT now(),
  updated_at             TIMESTAMPTZ  NOT NULL DEFAULT now(),
  confirmed_at           TIMESTAMPTZ,
  expired_at             TIMESTAMPTZ,
  canceled_at            TIMESTAMPTZ,
  CONSTRAINT booking_money CHECK (price_cents > 0 AND platform_fee_cents >= 0 AND celebrity_payout_cents >= 0
    AND platform_fee_cents + celebrity_payout_cents = price_cents),
  CONSTRAINT booking_meeting_instants CHECK (ends_at > starts_at),
  CONSTRAINT booking_confirmed_paid CHECK (status NOT IN ('confirmed', 'completed', 'disputed')
    OR (payment_id IS NOT NULL AND confirmed_at IS NOT NULL)),
  CONSTRAINT booking_fan_idempotency_key UNIQUE (fan_id, idempotency_key)
);
CREATE INDEX booking_fan_idx ON booking (fan_id, starts_at);
CREATE INDEX booking_celebrity_idx ON booking (celebrity_id, starts_at);
CREATE INDEX booking_celebrity_user_idx ON booking (celebrity_user_id, starts_at);
CREATE INDEX booking_window_idx ON booking (window_id);
-- what the hold expiry scans, and the per-fan count of unpaid holds
CREATE INDEX booking_pending_hold_idx ON booking (hold_expires_at) WHERE status = 'pending';
CREATE INDEX booking_fan_pending_idx ON booking (fan_id) WHERE status = 'pending';

-- POST /v1/bookings by Idempotency-Key, scoped to the caller: the first request inserts its row (state
-- in_progress, in its own transaction, so the others see it), does the work and stores its answer (done);
-- the same key with the same request replays that answer, with another request is 409 IDEMPOTENCY_KEY_REUSED.
-- A 5xx or an unexpected failure deletes the row (the key may be used again). lease_until lets another request
-- take over a row whose owner died mid-way.
CREATE TABLE booking_request
(
  fan_id          UUID         NOT NULL,
  idempotency_key VARCHAR(255) NOT NULL,
  request_hash    CHAR(64)     NOT NULL, -- SHA-256 (hex) of the canonical request
  state           VARCHAR(16)  NOT NULL CHECK (state IN ('in_progress', 'done')),
  lease_until     TIMESTAMPTZ  NOT NULL,
  response_status INT,
  response_type   VARCHAR(64),
  response_body   TEXT,
  booking_id      UUID,
  created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
  updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
  PRIMARY KEY (fan_id, idempotency_key),
  CONSTRAINT booking_request_answered CHECK (state <> 'done' OR (response_status IS NOT NULL AND response_body IS NOT NULL))
);

-- Issue 11: the booking chat. A booking's messages are numbered 1, 2, 3... without gaps by its chat counter row
-- (booking_chat.last_seq, taken with INSERT ... ON CONFLICT DO UPDATE ... RETURNING, which row-locks it until the
-- transaction ends, and a rollback gives the number back). The booking row itself (and its version) is untouched.
CREATE TABLE booking_chat
(
  booking_id  UUID    PRIMARY KEY REFERENCES booking (id),
  last_seq    BIGINT  NOT NULL CHECK (last_seq > 0)
);

CREATE TABLE booking_message
(
  id           UUID         PRIMARY KEY,
  booking_id   UUID         NOT NULL REFERENCES booking (id),
  seq          BIGINT       NOT NULL CHECK (seq > 0),
  sender_id    UUID         NOT NULL,
  sender_role  VARCHAR(16)  NOT NULL CHECK (sender_role IN ('FAN', 'CELEBRITY')),
  text         TEXT         NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
  -- when the other side read it (read receipts); never before it was written
  read_at      TIMESTAMPTZ  CHECK (read_at IS NULL OR read_at >= created_at),
  UNIQUE (booking_id, seq)
);
-- the per-sender rate limit counts a sender's recent messages
CREATE INDEX booking_message_sender_idx ON booking_message (sender_id, created_at);
